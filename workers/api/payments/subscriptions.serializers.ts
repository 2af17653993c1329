/** The wire shape of a subscription. */
import type { z } from 'zod';
import type { Subscription } from '../../../shared/schemas/subscriptions';
import { isLive, type PaymentOrderRow, type SubscriptionRow, type TierSubscriptionRow } from './schema';
import { cardOf, failureOf } from './serializers';

/** The billing fields a subscription to an agent and one to a plan share. */
export function serializeBilling(s: SubscriptionRow | TierSubscriptionRow) {
  return {
    id: s.id,
    price: s.price,
    currency: s.currency,
    state: s.state,
    period: s.period,
    current_period_start: s.currentPeriodStart.toISOString(),
    current_period_end: s.currentPeriodEnd.toISOString(),
    cancel_at_period_end: s.cancelAtPeriodEnd,
    grace_until: s.graceUntil?.toISOString() ?? null,
    card: cardOf(s),
    failure: failureOf(s),
    ended_at: s.endedAt?.toISOString() ?? null,
    created_at: s.createdAt.toISOString(),
  };
}

/**
 * `usage`: the replies used so far this period, by subscription (`currentUsage`); a live metered
 * subscription missing from it has used none. `waiting`: the first month's order, when it waits
 * for the buyer's bank (`waitingFirstOrder`).
 */
export function serializeSubscription(s: SubscriptionRow, usage: Map<string, number> = new Map(), waiting: PaymentOrderRow | null = null): z.input<typeof Subscription> {
  const used = usage.get(s.id) ?? 0;
  return {
    ...serializeBilling(s),
    billing: s.billing,
    listing_id: s.listingId,
    agent_id: s.agentId,
    creator_id: s.creatorAccountId,
    next_listing_id: s.nextListingId,
    usage_limit: s.usageLimit,
    usage: s.billing === 'metered' && isLive(s) ? { interactions: used, amount: used * s.price } : null,
    next_action: waiting?.clientSecret ? { type: 'authenticate' as const, client_secret: waiting.clientSecret, order_id: waiting.id } : null,
  };
}
