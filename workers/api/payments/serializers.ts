/** The wire shape of an order. */
import type { z } from 'zod';
import { splitRevenue } from '../../../shared/money/split';
import type { Order } from '../../../shared/schemas/payments';
import type { PaymentOrderRow } from './schema';

const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;

export function serializeOrder(o: PaymentOrderRow): z.input<typeof Order> {
  return {
    id: o.id,
    listing_id: o.listingId,
    agent_id: o.agentId,
    buyer_id: o.buyerAccountId,
    creator_id: o.creatorAccountId,
    kind: o.kind,
    rental_days: o.rentalDays,
    interactions: o.interactions,
    amount: o.amount,
    currency: o.currency,
    creator_share: splitRevenue(o.amount).creator,
    state: o.state,
    failure: o.failureCode ? { code: o.failureCode, message: o.failureMessage ?? '' } : null,
    card: o.cardBrand && o.cardLast4 ? { brand: o.cardBrand, last4: o.cardLast4 } : null,
    settlement: o.settlement,
    release_at: isoOrNull(o.releaseAt),
    disputed_at: isoOrNull(o.disputedAt),
    created_at: o.createdAt.toISOString(),
  };
}
