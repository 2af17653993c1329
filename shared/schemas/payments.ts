/** Payments (a SMILE extension): checkout of a marketplace listing and its orders. */
import { z } from 'zod';
import { FormInt, Id } from './common';

export const CheckoutBody = z
  .object({
    payment_method: z
      .string()
      .regex(/^pm_[A-Za-z0-9_]{1,200}$/, 'must be a payment method id from the provider (pm_…), never a card number')
      .describe("The provider's payment method: Stripe Elements' `pm_…`, or offline the test form's (Stripe test mode's `pm_card_visa` …)"),
    interactions: FormInt.pipe(z.number().int().min(1, 'must be at least 1').max(10_000, 'must be at most 10000'))
      .optional()
      .describe("Per-interaction listings only: how many of the agent's replies to buy (price × this is charged)"),
  })
  .meta({ id: 'CheckoutBody' });

export const DisputeBody = z.object({ reason: z.string().trim().min(1, "can't be blank").max(1000, 'is too long (maximum is 1000 characters)') }).meta({ id: 'DisputeBody' });
export const RefundBody = z.object({ reason: z.string().trim().min(1, "can't be blank").max(1000, 'is too long (maximum is 1000 characters)') }).meta({ id: 'RefundBody' });

/** An invoice's page at the provider, shared by orders' and plans' invoices. */
export const InvoiceUrl = z.string().nullable().describe("The provider's page of the invoice, with its PDF (Stripe's hosted invoice page); null where the provider hosts none (the offline test provider)");

export const OrderState = z.enum(['pending', 'succeeded', 'failed', 'blocked']);

export const Order = z
  .object({
    id: Id,
    listing_id: Id,
    agent_id: Id,
    buyer_id: Id,
    creator_id: Id,
    kind: z.enum(['purchase', 'rental', 'subscription', 'interactions', 'usage']).describe("usage: a metered subscription's bill for one month's replies"),
    rental_days: z.number().int().nullable(),
    interactions: z.number().int().nullable().describe('A pack of replies of a per-interaction agent: how many; a usage bill: how many were used'),
    amount: z.number().int().describe('Minor units of `currency`'),
    currency: z.string(),
    creator_share: z.number().int().describe('What the creator earns once released (70 %, rounded down)'),
    state: OrderState.describe('pending: the provider has not answered yet; failed: the card was refused; blocked: a fraud rule stopped it'),
    failure: z.object({ code: z.string(), message: z.string() }).nullable(),
    card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
    settlement: z.enum(['held', 'released', 'refunded']).nullable().describe('Where the money is: held in escrow until release_at, released to the creator, or refunded'),
    release_at: z.string().nullable(),
    disputed_at: z.string().nullable(),
    next_action: z
      .object({ type: z.literal('authenticate'), client_secret: z.string() })
      .nullable()
      .describe(
        "Pending: the card's bank wants the buyer to confirm the payment (3-D Secure). Give `client_secret` to Stripe.js `handleNextAction` (offline: the test provider's page, POST /api/v1/payments/test_authentication), then POST /api/v1/payments/orders/:id/confirm. Shown to the buyer only",
      ),
    invoice: z
      .object({ id: z.string(), number: z.string(), url: InvoiceUrl })
      .nullable()
      .describe("A subscription's paid charge (a month, an upgrade, a metered month's replies): its invoice, issued by the provider's billing within minutes of the charge. Shown to the buyer only"),
    created_at: z.string(),
  })
  .meta({ id: 'Order' });

export const TestAuthenticationBody = z
  .object({
    client_secret: z.string().min(1, "can't be blank").max(200, 'is too long'),
    approve: z.boolean().describe('true: the buyer confirms the payment; false: the authentication fails'),
  })
  .meta({ id: 'TestAuthenticationBody' });
export const TestAuthentication = z.object({ status: z.enum(['succeeded', 'failed', 'requires_action']) }).meta({ id: 'TestAuthentication' });
