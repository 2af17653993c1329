/** Platform tiers (a SMILE extension): the plans, an account's current one, its subscription. */
import { z } from 'zod';
import { TIER_IDS } from '../money/tiers';
import { Reason } from './admin';
import { Id } from './common';
import { CheckoutBody, InvoiceUrl } from './payments';
import { SubscriptionState } from './subscriptions';

export const TierSubscribeBody = CheckoutBody.pick({ payment_method: true }).meta({ id: 'TierSubscribeBody' });

export const TierLimits = z.object({
  agents: z.number().int().describe('Agents one account may own'),
  training_bytes_per_agent: z.number().int().describe('Training data one agent may hold, in bytes'),
  published_listings: z.number().int().describe('Marketplace listings published at once'),
  analytics: z.boolean().describe('Audience analytics beyond the earnings figures'),
});

export const TierEntity = z
  .object({
    id: z.enum(TIER_IDS),
    name: z.string(),
    price: z.number().int().nullable().describe('Minor units of `currency` a month; null for Free and Enterprise (custom: contact us)'),
    currency: z.string(),
    purchasable: z.boolean(),
    limits: TierLimits,
  })
  .meta({ id: 'Tier' });

export const TierSubscription = z
  .object({
    id: Id,
    tier: z.enum(TIER_IDS),
    price: z.number().int().describe('Minor units of `currency` a month'),
    currency: z.string(),
    state: SubscriptionState,
    period: z.number().int().describe('Paid months so far'),
    current_period_start: z.string(),
    current_period_end: z.string(),
    cancel_at_period_end: z.boolean(),
    next_tier: z.enum(TIER_IDS).nullable().describe('A downgrade waiting for the period end: the tier the next month is charged for'),
    grace_until: z.string().nullable(),
    card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
    failure: z.object({ code: z.string(), message: z.string() }).nullable().describe('Why the last charge was refused'),
    next_action: z
      .object({ type: z.literal('authenticate'), client_secret: z.string() })
      .nullable()
      .describe(
        "Incomplete: the card's bank wants the first month's payment confirmed (3-D Secure). Give `client_secret` to Stripe.js `handleNextAction` (offline: POST /api/v1/payments/test_authentication), then POST /api/v1/payments/tiers/confirm. Left for an hour, the payment is given up",
      ),
    ended_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'TierSubscription' });

/** A plan purchase the fraud rules stopped, for admins: whose, and why (`failure.code` is the rule). */
export const BlockedPlan = TierSubscription.extend({ account_id: Id }).meta({ id: 'BlockedPlan' });

export const TierChange = z
  .object({
    id: Id,
    kind: z.enum(['upgrade', 'downgrade', 'call_off']).describe('`upgrade`: in force now, the prorated difference charged; `downgrade`: waits for the period end, nothing charged (also an upgrade whose difference rounds to nothing); `call_off`: the current plan chosen again, a waiting downgrade dropped'),
    from: z.enum(TIER_IDS),
    to: z.enum(TIER_IDS),
    amount: z.number().int().describe("Minor units of `currency` charged now: an upgrade's new price for the rest of the month minus the old price for it; 0 otherwise"),
    currency: z.string(),
    state: z.enum(['pending', 'succeeded', 'failed']).describe("`pending`: the charge's answer was lost, or it waits for the bank (`next_action`) — retry with the same Idempotency-Key"),
    effective_at: z.string().nullable().describe('When `to` applies: now for an upgrade, the period end for a downgrade; null for a call-off'),
    next_action: z
      .object({ type: z.literal('authenticate'), client_secret: z.string() })
      .nullable()
      .describe(
        "A pending upgrade whose card's bank wants the payment confirmed (3-D Secure): give `client_secret` to Stripe.js `handleNextAction` (offline: POST /api/v1/payments/test_authentication), then send the same change again with the same Idempotency-Key: it reads the outcome back. Left for an hour, the payment is given up",
      ),
    created_at: z.string(),
  })
  .meta({ id: 'TierChange' });

export const TierPlanChange = z
  .object({
    subscription: TierSubscription,
    change: TierChange,
  })
  .meta({ id: 'TierPlanChange' });

export const TierOverview = z
  .object({
    tiers: z.array(TierEntity),
    current: z.object({
      tier: z.enum(TIER_IDS).describe('The tier whose limits apply to you now'),
      until: z.string().nullable().describe('When a paid tier ends unless renewed (a granted one: when the grant ends); null on Free'),
      granted: z.boolean().describe('Granted by SMILE (Enterprise under contract, or complimentary) rather than paid: no plan can be bought meanwhile'),
    }),
    subscription: TierSubscription.nullable().describe('Your live tier subscription, or the last one'),
  })
  .meta({ id: 'TierOverview' });

/** A plan's paid month or upgrade, as the provider's billing invoiced it (docs/payments.md#invoices). */
export const PlanInvoice = z
  .object({
    id: z.string().describe("The provider's invoice id (Stripe: `in_…`)"),
    number: z.string(),
    url: InvoiceUrl,
    description: z.string().describe('What was paid: a month of the plan, or an upgrade for the rest of one'),
    amount: z.number().int().describe('Minor units of `currency`, paid'),
    currency: z.string(),
    period_start: z.string(),
    period_end: z.string(),
  })
  .meta({ id: 'PlanInvoice' });

/** An account's plan as staff see it, and whether SMILE granted it rather than the account paying for it. */
export const AccountPlan = z
  .object({
    account_id: Id,
    tier: z.enum(TIER_IDS).describe('The tier whose limits apply now'),
    until: z.string().nullable().describe('When it ends (a paid month, a grant); null on Free'),
    granted: z.boolean().describe('Granted by staff (Enterprise under contract, or complimentary): nothing is charged for it'),
  })
  .meta({ id: 'AccountPlan' });

export const PlanGrantBody = z
  .object({
    tier: z.enum(['creator_pro', 'business', 'enterprise']).describe('Enterprise for a contract; Creator Pro or Business complimentary'),
    until: z.iso.datetime({ offset: true }).describe('When the grant ends (the contract’s end): in the future, at most 5 years ahead'),
    reason: Reason.describe('Why: the contract or the occasion, kept in the audit log'),
  })
  .meta({ id: 'PlanGrantBody' });
