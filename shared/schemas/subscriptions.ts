/** Subscriptions (a SMILE extension): monthly plans of marketplace listings. */
import { z } from 'zod';
import { FormInt, Id } from './common';
import { CheckoutBody, Order } from './payments';

/** The most replies a metered subscription may use in one period. */
export const USAGE_LIMIT_MAX = 10_000;
const UsageLimit = FormInt.pipe(z.number().int().min(1, 'must be at least 1').max(USAGE_LIMIT_MAX, `must be at most ${USAGE_LIMIT_MAX}`));

export const SubscribeBody = CheckoutBody.pick({ payment_method: true })
  .extend({
    usage_limit: UsageLimit.optional().describe('Per-interaction listings (metered): the most replies a month may use, and so the most a month is billed (price × this); 100 when left out'),
  })
  .meta({ id: 'SubscribeBody' });
export const UsageLimitBody = z.object({ usage_limit: UsageLimit.describe('The most replies a month may use, from now on (this month included)') }).meta({ id: 'UsageLimitBody' });
export const PaymentMethodBody = CheckoutBody.meta({ id: 'PaymentMethodBody' });
export const ChangePlanBody = z.object({ listing_id: Id.describe("Another subscription listing of the same creator (or the current one, to call off a waiting downgrade)") }).meta({ id: 'ChangePlanBody' });

export const SubscriptionState = z.enum(['incomplete', 'incomplete_expired', 'active', 'past_due', 'canceled', 'lapsed']);

export const Subscription = z
  .object({
    id: Id,
    listing_id: Id,
    agent_id: Id,
    creator_id: Id,
    billing: z.enum(['monthly', 'metered']).describe("monthly: a subscription listing's price, charged ahead each month; metered: a per-interaction listing's replies, billed after each month"),
    price: z.number().int().describe('Minor units of `currency` a month; metered: a reply'),
    currency: z.string(),
    state: SubscriptionState.describe(
      'incomplete: the first charge has no answer yet; incomplete_expired: the first charge was refused; active; past_due: a renewal was refused and is retried until grace_until, the agent stays yours meanwhile; canceled; lapsed: the grace ended unpaid',
    ),
    period: z.number().int().describe('Paid periods so far (metered: billed periods)'),
    current_period_start: z.string(),
    current_period_end: z.string(),
    cancel_at_period_end: z.boolean(),
    grace_until: z.string().nullable(),
    next_listing_id: Id.nullable().describe('A downgrade waiting for the period end'),
    usage_limit: z.number().int().nullable().describe('Metered: the most replies a period may use; null when monthly'),
    usage: z
      .object({ interactions: z.number().int().describe('Replies used in the current period'), amount: z.number().int().describe('What they come to so far, in minor units (billed after the period)') })
      .nullable()
      .describe('Metered and live: the current period so far; null when monthly or ended'),
    card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
    failure: z.object({ code: z.string(), message: z.string() }).nullable().describe('Why the last charge was refused'),
    next_action: z
      .object({ type: z.literal('authenticate'), client_secret: z.string(), order_id: Id.describe("The first month's order") })
      .nullable()
      .describe(
        "Incomplete: the card's bank wants the buyer to confirm the first month's payment (3-D Secure). Give `client_secret` to Stripe.js `handleNextAction` (offline: POST /api/v1/payments/test_authentication), then POST /api/v1/payments/orders/:order_id/confirm: the subscription starts (or, refused, ends as incomplete_expired). Left for an hour, the payment is given up",
      ),
    ended_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'Subscription' });

export const PlanChange = z
  .object({
    subscription: Subscription,
    order: Order.nullable().describe("An upgrade's prorated charge for the rest of the period; null when the change waits for the period end"),
  })
  .meta({ id: 'PlanChange' });
