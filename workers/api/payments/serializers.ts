/** The wire shapes of orders, payouts and payout accounts. */
import type { z } from 'zod';
import { splitRevenue } from '../../../shared/money/split';
import type { Order } from '../../../shared/schemas/payments';
import type { Payout, PayoutAccount } from '../../../shared/schemas/payouts';
import type { PaymentOrderRow, PayoutAccountRow, PayoutRow } from './schema';

const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;

/** What a row of orders or subscriptions says of its card and of a refusal. */
interface CardAndFailure {
  cardBrand: string | null;
  cardLast4: string | null;
  failureCode: string | null;
  failureMessage: string | null;
}

export const cardOf = (r: CardAndFailure) => (r.cardBrand && r.cardLast4 ? { brand: r.cardBrand, last4: r.cardLast4 } : null);
export const failureOf = (r: CardAndFailure) => (r.failureCode ? { code: r.failureCode, message: r.failureMessage ?? '' } : null);

/** `viewerId`: who asks — the buyer alone gets a waiting payment's client secret and the invoice. */
export function serializeOrder(o: PaymentOrderRow, viewerId: string | null = null): z.input<typeof Order> {
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
    failure: failureOf(o),
    card: cardOf(o),
    settlement: o.settlement,
    release_at: isoOrNull(o.releaseAt),
    disputed_at: isoOrNull(o.disputedAt),
    next_action: o.state === 'pending' && o.clientSecret && viewerId === o.buyerAccountId ? { type: 'authenticate', client_secret: o.clientSecret } : null,
    invoice: o.invoiceId && o.invoiceNumber && viewerId === o.buyerAccountId ? { id: o.invoiceId, number: o.invoiceNumber, url: o.invoiceUrl } : null,
    created_at: o.createdAt.toISOString(),
  };
}

export function serializePayout(p: PayoutRow): z.input<typeof Payout> {
  return {
    id: p.id,
    amount: p.amount,
    currency: p.currency,
    state: p.state,
    destination: p.destination,
    transfer_id: p.providerTransferId,
    failure: p.failureCode ? { code: p.failureCode, message: p.failureMessage ?? '' } : null,
    created_at: p.createdAt.toISOString(),
  };
}

export function serializePayoutAccount(row: PayoutAccountRow | null, onboardingUrl: string | null = null): z.input<typeof PayoutAccount> {
  return { connected: row !== null, provider: row?.provider ?? null, account_id: row?.providerAccountId ?? null, ready: row?.ready ?? false, onboarding_url: onboardingUrl };
}
