/** Subscriptions (a SMILE extension): monthly plans of marketplace listings. */
import { z } from 'zod';
import { Id } from './common';
import { CheckoutBody, Order } from './payments';

export const SubscribeBody = CheckoutBody.meta({ id: 'SubscribeBody' });
export const PaymentMethodBody = CheckoutBody.meta({ id: 'PaymentMethodBody' });
export const ChangePlanBody = z.object({ listing_id: Id.describe("Another subscription listing of the same creator (or the current one, to call off a waiting downgrade)") }).meta({ id: 'ChangePlanBody' });

export const SubscriptionState = z.enum(['incomplete', 'incomplete_expired', 'active', 'past_due', 'canceled', 'lapsed']);

export const Subscription = z
  .object({
    id: Id,
    listing_id: Id,
    agent_id: Id,
    creator_id: Id,
    price: z.number().int().describe('Minor units of `currency` a month'),
    currency: z.string(),
    state: SubscriptionState.describe(
      'incomplete: the first charge has no answer yet; incomplete_expired: the first charge was refused; active; past_due: a renewal was refused and is retried until grace_until, the agent stays yours meanwhile; canceled; lapsed: the grace ended unpaid',
    ),
    period: z.number().int().describe('Paid periods so far'),
    current_period_start: z.string(),
    current_period_end: z.string(),
    cancel_at_period_end: z.boolean(),
    grace_until: z.string().nullable(),
    next_listing_id: Id.nullable().describe('A downgrade waiting for the period end'),
    card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
    failure: z.object({ code: z.string(), message: z.string() }).nullable().describe('Why the last charge was refused'),
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
