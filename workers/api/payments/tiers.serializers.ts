/** The wire shapes of the platform tiers, a tier subscription, a plan change and a plan's invoice. */
import type { z } from 'zod';
import { serializeBilling } from './subscriptions.serializers';
import type { Tier, TierId } from '../../../shared/money/tiers';
import type { PlanInvoice, TierChange, TierEntity, TierSubscription } from '../../../shared/schemas/tiers';
import type { TierChangeRow, TierInvoiceRow, TierSubscriptionRow } from './schema';

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
    ...serializeBilling(s),
    tier: s.tier as TierId,
    next_tier: s.nextTier as TierId | null,
    next_action: s.state === 'incomplete' && s.clientSecret ? { type: 'authenticate' as const, client_secret: s.clientSecret } : null,
  };
}

export function serializeTierChange(c: TierChangeRow): z.input<typeof TierChange> {
  const effectiveAt = c.kind === 'upgrade' ? c.coversFrom : c.kind === 'downgrade' ? c.coversUntil : null;
  return {
    id: c.id,
    kind: c.kind,
    from: c.fromTier as TierId,
    to: c.toTier as TierId,
    amount: c.amount,
    currency: c.currency,
    state: c.state,
    effective_at: effectiveAt?.toISOString() ?? null,
    next_action: c.state === 'pending' && c.clientSecret ? { type: 'authenticate' as const, client_secret: c.clientSecret } : null,
    created_at: c.createdAt.toISOString(),
  };
}

export function serializePlanInvoice(i: TierInvoiceRow): z.input<typeof PlanInvoice> {
  return {
    id: i.invoiceId!,
    number: i.invoiceNumber!,
    url: i.invoiceUrl,
    description: i.description,
    amount: i.amount,
    currency: i.currency,
    period_start: i.periodStart.toISOString(),
    period_end: i.periodEnd.toISOString(),
  };
}
