/**
 * Checkout of a paid listing, in the order that loses nothing:
 *   1. the order is opened in the ledger's database under the buyer's Idempotency-Key;
 *   2. the fraud rules screen it in the same transaction (a blocked order is kept with its reason);
 *   3. the provider charges, with an idempotency key derived from the order — asking again
 *      never charges twice, which is how a retry or reconciliation learns a lost answer;
 *   4. the purchase is posted into escrow and the order marked paid, in one transaction;
 *   5. the entitlement is granted in D1 (after the ledger commit: if this step is lost, the
 *      reconciliation job grants it from the paid order).
 * A retry with the same key walks the same steps and finds each already done.
 */
import type { Db } from '../context';
import { sha256 } from '../lib/crypto';
import { ApiError, badRequest, invalidField } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Logger } from '../lib/logger';
import type { PricingModel } from '../../../shared/market/catalog';
import { grantWrites } from '../market/entitlements.service';
import { saleWrite } from '../analytics/sales';
import { visibleListing } from '../market/listings.service';
import type { LedgerDb } from './db';
import type { FraudLimits } from './fraud';
import { AUTHENTICATION_ABANDONED, AUTHENTICATION_WINDOW_MS, awaitAuthentication, failOrder, markGranted, openOrder, settleOrder } from './orders';
import type { AuthenticationNeeded, CardSummary, ChargeRequest, ChargeResult, PaymentProvider } from './providers/provider';
import { ProviderUnavailableError } from './providers/provider';
import type { PaymentOrderRow } from './schema';

export interface PaymentDeps {
  db: Db;
  ledger: LedgerDb;
  provider: PaymentProvider;
  fraud: FraudLimits;
  log: Logger;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The header's value, checked: what clients send is opaque to us but must be usable as a key. */
export function idempotencyKeyOf(header: string | undefined): string {
  if (!header) throw badRequest('An Idempotency-Key header is required for requests that move money (a UUID you keep for retries)');
  if (header.length > 255 || !/^[\x21-\x7e]+$/.test(header)) throw badRequest('The Idempotency-Key header must be 1 to 255 visible ASCII characters');
  return header;
}

/** 422 for an Idempotency-Key already used for another request (`what`: "checkout", "payout", …). */
export const keyReused = (what = 'request') => invalidField('idempotency_key', `was already used for a different ${what}: use a new key for a new request`, 'ERR_IDEMPOTENCY_KEY_REUSED');

/** The order key of a subscription's period `k`, attempt `attempt` (subscriptions.service.ts). */
export const periodKey = (subscriptionId: string, k: number, attempt: number) => `subscription:${subscriptionId}:period:${k}:attempt:${attempt}`;

/** A subscription's charge for a whole period (not an upgrade's rest of one). */
export const isPeriodCharge = (order: PaymentOrderRow) => order.subscriptionId !== null && order.idempotencyKey.startsWith(`subscription:${order.subscriptionId}:period:`);

/** A subscription's first month: the card is saved for the months after, charged without the buyer. */
const firstPeriod = (order: PaymentOrderRow) => order.subscriptionId !== null && order.idempotencyKey === periodKey(order.subscriptionId, 1, 0);

/** The charge an order makes, the same every time it is asked (so the provider's idempotency holds). */
export function chargeFor(order: PaymentOrderRow): ChargeRequest {
  return {
    amount: order.amount,
    currency: order.currency,
    paymentMethod: order.paymentMethod,
    description: `SMILE marketplace: listing ${order.listingId} (${order.kind})`,
    metadata: { order_id: order.id, listing_id: order.listingId, buyer_id: order.buyerAccountId },
    idempotencyKey: `order:${order.id}`,
    customer: order.providerCustomer ?? undefined,
    offSession: order.offSession || undefined,
    savesCard: firstPeriod(order) || undefined,
  };
}

export interface CheckoutOutcome {
  order: PaymentOrderRow;
  /** The key had been used: this is the first request's order. */
  replayed: boolean;
}

export interface CheckoutRequest {
  paymentMethod: string;
  /** Per-interaction listings: how many replies to buy. */
  interactions?: number | undefined;
}

/** What checkout sells for each pricing model: the order's kind, or why not here. */
function orderKindOf(model: PricingModel): 'purchase' | 'rental' | 'interactions' {
  if (model === 'purchase' || model === 'rental') return model;
  if (model === 'per_interaction') return 'interactions';
  const why = model === 'free' ? 'is free: get it with POST /api/v1/market/listings/:id/get' : 'is subscription: subscribe with POST /api/v1/market/listings/:id/subscribe';
  throw invalidField('pricing_model', why, 'ERR_PRICING_MODEL');
}

export async function checkout(deps: PaymentDeps, buyer: { id: string; createdAt: number }, listingId: string, request: CheckoutRequest, idempotencyKey: string): Promise<CheckoutOutcome> {
  const { paymentMethod } = request;
  const { listing, agent } = await visibleListing(deps, buyer.id, listingId);
  if (agent.ownerId === buyer.id) throw invalidField('listing', 'is yours: you cannot buy your own agent', 'ERR_OWN_LISTING');
  const kind = orderKindOf(listing.pricingModel);
  if ((kind === 'interactions') !== (request.interactions !== undefined)) {
    throw invalidField('interactions', kind === 'interactions' ? "can't be blank: say how many replies to buy" : 'is only for per-interaction listings', 'ERR_INTERACTIONS');
  }
  const quantity = request.interactions ?? 1;
  const requestHash = await sha256(JSON.stringify([listingId, paymentMethod, request.interactions ?? null]));
  const card = await knownCard(deps, paymentMethod);
  const { order, opened } = await openOrder(deps.ledger, {
    id: newId(),
    buyerAccountId: buyer.id,
    idempotencyKey,
    requestHash,
    listingId,
    agentId: listing.agentId,
    creatorAccountId: agent.ownerId,
    kind,
    rentalDays: listing.rentalDays,
    interactions: request.interactions ?? null,
    amount: listing.price! * quantity,
    currency: listing.currency!,
    provider: deps.provider.name,
    paymentMethod,
  }, { card, buyerCreatedAt: buyer.createdAt, limits: deps.fraud });
  if (!opened && order.requestHash !== requestHash) throw keyReused('checkout');
  if (opened && listing.state !== 'published') {
    const why = listing.adminDelistedAt === null ? 'is not published' : 'was taken off the marketplace by its admins';
    await failOrder(deps.ledger, order.id, { code: 'not_published', message: `This listing ${why}` });
    throw invalidField('listing', why, 'ERR_NOT_PUBLISHED');
  }
  if (order.state === 'pending') return { order: await carryOut(deps, order), replayed: !opened };
  await ensureEntitlement(deps, order);
  return { order, replayed: true };
}

/** Steps 3–5 for a pending order (already screened): the same for the first request, a retry and reconciliation. */
export async function carryOut(deps: PaymentDeps, order: PaymentOrderRow): Promise<PaymentOrderRow> {
  const result = await providerCall(deps, () => askProvider(deps, order));
  return applyCharge(deps, order.id, result);
}

/**
 * The provider's answer for a pending order, asked the same way every time (so its idempotency
 * key holds): on session when the buyer is there — a checkout, a subscription's first month, an
 * upgrade — so their bank may want them to authenticate it; renewals and bills without them. An
 * order already waiting for the buyer's bank: its payment as it is now.
 */
export function askProvider(deps: Pick<PaymentDeps, 'provider'>, order: PaymentOrderRow): Promise<ChargeResult | AuthenticationNeeded> {
  if (order.clientSecret && order.providerPaymentId) return deps.provider.retrievePayment(order.providerPaymentId);
  return order.offSession ? deps.provider.charge(chargeFor(order)) : deps.provider.chargeOnSession(chargeFor(order));
}

/**
 * A payment its buyer is there for, that has no order (a plan's first month, a plan upgrade):
 * charged on session, or — already waiting for the buyer's bank (`waiting`) — looked up; given
 * up once it has waited `AUTHENTICATION_WINDOW_MS` since `since` (nothing was charged).
 */
export async function chargeWithBuyer(deps: Pick<PaymentDeps, 'provider'>, request: ChargeRequest, waiting: { paymentId: string | null; clientSecret: string | null }, since: Date, at: number): Promise<ChargeResult | AuthenticationNeeded> {
  const result = waiting.paymentId && waiting.clientSecret ? await deps.provider.retrievePayment(waiting.paymentId) : await deps.provider.chargeOnSession(request);
  if (result.status !== 'requires_action' || since.getTime() > at - AUTHENTICATION_WINDOW_MS) return result;
  return { status: 'failed', paymentId: result.paymentId, ...AUTHENTICATION_ABANDONED, card: result.card };
}

/** A provider that does not answer leaves the order pending: the buyer may retry with the same key, or reconciliation finishes it. */
export async function providerCall<T>(deps: Pick<PaymentDeps, 'log'>, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    deps.log.warn('payment provider unavailable', { error: err.message });
    throw new ApiError(503, 'The payment provider is not answering; nothing was charged twice — retry with the same Idempotency-Key', undefined, { 'Retry-After': '5' });
  }
}

/** The card behind a payment method, asked of the provider; 422 on `payment_method` when it knows none. */
export async function knownCard(deps: Pick<PaymentDeps, 'provider' | 'log'>, paymentMethod: string): Promise<CardSummary> {
  const card = await providerCall(deps, () => deps.provider.describePaymentMethod(paymentMethod));
  if (!card) throw invalidField('payment_method', 'is not a card the payment provider knows', 'ERR_PAYMENT_METHOD');
  return card;
}

/** The provider's answer, written down: paid (escrow + entitlement), failed, or waiting for the buyer to authenticate it. */
export async function applyCharge(deps: PaymentDeps, orderId: string, result: ChargeResult | AuthenticationNeeded): Promise<PaymentOrderRow> {
  if (result.status === 'requires_action') return awaitAuthentication(deps.ledger, orderId, result.paymentId, result.clientSecret, result.card);
  if (result.status === 'failed') return failOrder(deps.ledger, orderId, { code: result.code, message: result.message, paymentId: result.paymentId, card: result.card });
  const paid = await settleOrder(deps.ledger, orderId, result.paymentId, result.card);
  await ensureEntitlement(deps, paid);
  return paid;
}

/** The D1 entitlement of a paid order, granted once (keyed by its journal transaction). */
export async function ensureEntitlement(deps: Pick<PaymentDeps, 'db' | 'ledger'>, order: PaymentOrderRow): Promise<void> {
  if (order.state !== 'succeeded' || order.entitlementGrantedAt || order.settlement === 'refunded') return;
  const paidAt = order.paidAt!.getTime();
  // A subscription's charge grants the time it pays for (subscriptions.service.ts extends or ends it).
  const [startsAt, endsAt] = order.kind === 'subscription' ? [order.coversFrom!.getTime(), order.coversUntil!.getTime()] : [paidAt, order.kind === 'rental' ? paidAt + (order.rentalDays ?? 1) * DAY_MS : null];
  // A metered subscription's bill pays for replies already given: the subscription's own entitlement was the grant.
  const grant =
    order.kind === 'usage'
      ? []
      : grantWrites(deps.db, {
          accountId: order.buyerAccountId,
          listingId: order.listingId,
          agentId: order.agentId,
          kind: order.kind === 'interactions' ? 'per_interaction' : order.kind,
          startsAt,
          endsAt,
          // A pack of replies: used up one reply at a time (market/entitlements.service.ts takeInteraction).
          interactionsLeft: order.interactions,
          sourceTransactionId: order.journalTransactionId,
        });
  await deps.db.batch([saleWrite(deps.db, order), ...grant]);
  await markGranted(deps.ledger, order.id);
}
