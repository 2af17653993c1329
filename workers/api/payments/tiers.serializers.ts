/** The wire shapes of the platform tiers and a tier subscription. */
import type { z } from 'zod';
import type { Tier, TierId } from '../../../shared/money/tiers';
import type { TierEntity, TierSubscription } from '../../../shared/schemas/tiers';
import type { TierSubscriptionRow } from './schema';

export function serializeTier(t: Tier): z.input<typeof TierEntity> {
  const { limits } = t;
  return {
    id: t.id,
    name: t.name,
    price: t.price,
    currency: t.currency,
    purchasable: t.purchasable,
    limits: { agents: limits.agents, training_bytes_per_agent: limits.trainingBytesPerAgent, published_listings: limits.publishedListings, analytics: limits.analytics },
  };
}

export function serializeTierSubscription(s: TierSubscriptionRow): z.input<typeof TierSubscription> {
  return {
    id: s.id,
    tier: s.tier as TierId,
    price: s.price,
    currency: s.currency,
    state: s.state,
    period: s.period,
    current_period_start: s.currentPeriodStart.toISOString(),
    current_period_end: s.currentPeriodEnd.toISOString(),
    cancel_at_period_end: s.cancelAtPeriodEnd,
    grace_until: s.graceUntil?.toISOString() ?? null,
    card: s.cardBrand && s.cardLast4 ? { brand: s.cardBrand, last4: s.cardLast4 } : null,
    failure: s.failureCode ? { code: s.failureCode, message: s.failureMessage ?? '' } : null,
    ended_at: s.endedAt?.toISOString() ?? null,
    created_at: s.createdAt.toISOString(),
  };
}
