/** The wire shapes of the platform tiers and a tier subscription. */
import type { z } from 'zod';
import { serializeBilling } from './subscriptions.serializers';
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
  return { ...serializeBilling(s), tier: s.tier as TierId };
}
