/** The wire shape of a subscription. */
import type { z } from 'zod';
import type { Subscription } from '../../../shared/schemas/subscriptions';
import type { SubscriptionRow } from './schema';

export function serializeSubscription(s: SubscriptionRow): z.input<typeof Subscription> {
  return {
    id: s.id,
    listing_id: s.listingId,
    agent_id: s.agentId,
    creator_id: s.creatorAccountId,
    price: s.price,
    currency: s.currency,
    state: s.state,
    period: s.period,
    current_period_start: s.currentPeriodStart.toISOString(),
    current_period_end: s.currentPeriodEnd.toISOString(),
    cancel_at_period_end: s.cancelAtPeriodEnd,
    grace_until: s.graceUntil?.toISOString() ?? null,
    next_listing_id: s.nextListingId,
    card: s.cardBrand && s.cardLast4 ? { brand: s.cardBrand, last4: s.cardLast4 } : null,
    failure: s.failureCode ? { code: s.failureCode, message: s.failureMessage ?? '' } : null,
    ended_at: s.endedAt?.toISOString() ?? null,
    created_at: s.createdAt.toISOString(),
  };
}
