/**
 * Monthly subscriptions to marketplace listings (docs/payments.md#subscriptions), paid through
 * the same orders as checkout: each period is one payment order of kind `subscription`, whose
 * idempotency key is derived from the subscription, the period and the attempt —
 * `subscription:<id>:period:<k>:attempt:<n>` — so however often and however concurrently a
 * period is asked for, the provider is asked once per attempt and the journal posts it once.
 *
 * The order's outcome and the subscription's new state are written in one SERIALIZABLE
 * transaction; the D1 entitlement follows (one row per paid order, covering the time it paid
 * for), and `syncEntitlements` converges it on every step, so a lost step is redone by the
 * next one or by the renewal job.
 */
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { periodOf } from '../../../shared/money/billing-period';
import { prorate } from '../../../shared/money/proration';
import { marketEntitlements, marketListings, type ListingRow } from '../db/market';
import { sha256 } from '../lib/crypto';
import { conflict, invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { idSet } from '../lib/sql';
import { visibleListing } from '../market/listings.service';
import { type MeteredEntitlement, syncMeteredEntitlement } from '../market/entitlements.service';
import { askProvider, ensureEntitlement, keyReused, knownCard, periodKey, providerCall, type PaymentDeps } from './checkout.service';
import { saveCard } from './saved-cards';
import { serializable, type LedgerTx } from './ledger';
import { awaitAuthenticationIn, failOrderIn, openOrder, settleOrderIn, type Screening } from './orders';
import type { AuthenticationNeeded, ChargeResult } from './providers/provider';
import { auditEvents, isLive, LIVE, paymentOrders, subscriptions, type PaymentOrderRow, type SubscriptionRow } from './schema';

/** How long a past-due subscription keeps its entitlement while the card is retried. */
export const GRACE_MS = 3 * 24 * 60 * 60 * 1000;
/** How often a past-due renewal is retried within the grace period. */
export const RETRY_MS = 24 * 60 * 60 * 1000;
/** A subscription whose first charge got no answer is finished by the renewal job after this. */
const STALE_INCOMPLETE_MS = 60_000;

export interface Buyer {
  id: string;
  createdAt: number;
}

/** The replies a metered subscription may use in a period unless the buyer says otherwise. */
export const DEFAULT_USAGE_LIMIT = 100;
/** A metered period is billed this long after it ends, so that a reply recorded in its last moment is counted. */
export const BILL_DELAY_MS = 60_000;

function audit(tx: LedgerTx, kind: string, sub: SubscriptionRow, details: Record<string, unknown> = {}) {
  return tx.insert(auditEvents).values({ kind, details: { subscriptionId: sub.id, buyer: sub.buyerAccountId, listing: sub.listingId, price: sub.price, currency: sub.currency, state: sub.state, ...details } });
}

export async function lockSubscription(tx: LedgerTx, id: string): Promise<SubscriptionRow> {
  const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.id, id)).for('update');
  if (!row) throw new Error(`subscription ${id} vanished`);
  return row;
}

export async function update(tx: LedgerTx, sub: SubscriptionRow, changes: Partial<typeof subscriptions.$inferInsert>, event: string, details: Record<string, unknown> = {}): Promise<SubscriptionRow> {
  const [row] = await tx.update(subscriptions).set({ ...changes, updatedAt: new Date() }).where(eq(subscriptions.id, sub.id)).returning();
  await audit(tx, event, row!, details);
  return row!;
}

/** The buyer's subscription; 404 for anyone else (its existence is private). */
export async function mySubscription(deps: PaymentDeps, buyerId: string, id: string): Promise<SubscriptionRow> {
  const [row] = await deps.ledger.select().from(subscriptions).where(eq(subscriptions.id, id));
  if (!row || row.buyerAccountId !== buyerId) throw notFound();
  return row;
}

/**
 * How a listing is subscribed to: a subscription listing monthly, at its price; a
 * per-interaction listing metered, its replies billed after each period (payments/metered.ts).
 */
function billingOf(listing: ListingRow): SubscriptionRow['billing'] {
  if (listing.state !== 'published') throw invalidField('listing', 'is not published', 'ERR_NOT_PUBLISHED');
  if (listing.pricingModel === 'subscription') return 'monthly';
  if (listing.pricingModel === 'per_interaction') return 'metered';
  throw invalidField('pricing_model', `is ${listing.pricingModel}: only subscription and per-interaction listings can be subscribed to (buy or rent with checkout)`, 'ERR_PRICING_MODEL');
}

function subscribable(listing: ListingRow): void {
  if (billingOf(listing) !== 'monthly') throw invalidField('listing_id', 'is sold per interaction: a metered subscription cannot move to it (subscribe to it instead)', 'ERR_PRICING_MODEL');
}

export interface SubscribeOutcome {
  subscription: SubscriptionRow;
  replayed: boolean;
}

/**
 * Subscribes the buyer. Monthly: the first period is charged now — the subscription is written
 * first (under the buyer's Idempotency-Key), then its first period is charged like a renewal, so
 * a retry with the same key finds both and finishes whatever is left. Metered: active at once,
 * nothing charged until the first period's replies are billed after it ends.
 */
export async function subscribe(deps: PaymentDeps, buyer: Buyer, listingId: string, request: { paymentMethod: string; usageLimit?: number }, idempotencyKey: string, at = Date.now()): Promise<SubscribeOutcome> {
  const { paymentMethod } = request;
  const { listing, agent } = await visibleListing(deps, buyer.id, listingId);
  if (agent.ownerId === buyer.id) throw invalidField('listing', 'is yours: you cannot subscribe to your own agent', 'ERR_OWN_LISTING');
  const requestHash = await sha256(JSON.stringify(['subscribe', listingId, paymentMethod, ...(request.usageLimit === undefined ? [] : [request.usageLimit])]));
  const [earlier] = await deps.ledger.select().from(subscriptions).where(and(eq(subscriptions.buyerAccountId, buyer.id), eq(subscriptions.idempotencyKey, idempotencyKey)));
  if (earlier) return { subscription: await replaySubscribe(deps, buyer, earlier, requestHash, at), replayed: true };
  const billing = billingOf(listing);
  if (billing === 'monthly' && request.usageLimit !== undefined) throw invalidField('usage_limit', 'is only for per-interaction listings, whose replies are billed monthly', 'ERR_USAGE_LIMIT');
  const metered = billing === 'metered';
  const card = await knownCard(deps, paymentMethod);
  const saved = await saveCard(deps, buyer.id, paymentMethod);
  const first = periodOf(at, 1);
  const created = await serializable(deps.ledger, async (tx) => {
    const [row] = await tx
      .insert(subscriptions)
      .values({
        id: newId(),
        buyerAccountId: buyer.id,
        idempotencyKey,
        requestHash,
        listingId,
        agentId: listing.agentId,
        creatorAccountId: agent.ownerId,
        price: listing.price!,
        currency: listing.currency!,
        provider: deps.provider.name,
        paymentMethod: saved.paymentMethod,
        providerCustomer: saved.customerId,
        cardBrand: card.brand,
        cardLast4: card.last4,
        anchorAt: new Date(at),
        currentPeriodStart: new Date(first.start),
        currentPeriodEnd: new Date(first.end),
        billing,
        ...(metered
          ? { state: 'active' as const, usageLimit: request.usageLimit ?? DEFAULT_USAGE_LIMIT, renewAt: new Date(first.end + BILL_DELAY_MS) }
          : { renewAt: new Date(at + STALE_INCOMPLETE_MS) }),
      })
      .onConflictDoNothing()
      .returning();
    if (row) await audit(tx, 'subscription.created', row);
    return row ?? null;
  });
  if (!created) {
    // Lost a race: to the same key (a concurrent retry), or to another live subscription of this listing.
    const [same] = await deps.ledger.select().from(subscriptions).where(and(eq(subscriptions.buyerAccountId, buyer.id), eq(subscriptions.idempotencyKey, idempotencyKey)));
    if (same) return { subscription: await replaySubscribe(deps, buyer, same, requestHash, at), replayed: true };
    throw conflict('You already have a subscription to this listing');
  }
  if (metered) {
    await syncEntitlements(deps, created, at);
    return { subscription: created, replayed: false };
  }
  return { subscription: await chargeNextPeriod(deps, created, { card, buyerCreatedAt: buyer.createdAt, limits: deps.fraud }, at), replayed: false };
}

async function replaySubscribe(deps: PaymentDeps, buyer: Buyer, sub: SubscriptionRow, requestHash: string, at: number): Promise<SubscriptionRow> {
  if (sub.requestHash !== requestHash) throw keyReused();
  if (sub.state !== 'incomplete') {
    await syncEntitlements(deps, sub, at);
    return sub;
  }
  return chargeNextPeriod(deps, sub, { card: await knownCard(deps, sub.paymentMethod), buyerCreatedAt: buyer.createdAt, limits: deps.fraud }, at);
}

/**
 * After the buyer answered their bank (POST /payments/orders/:id/confirm, or the provider's
 * webhook): a first month's order starts the subscription now — or, refused, ends it — and an
 * upgrade's moves it to the new listing, rather than at the renewal job's next pass or the
 * change's retry. Other orders change nothing here.
 */
export async function finishSubscriptionOrder(deps: PaymentDeps, order: PaymentOrderRow): Promise<void> {
  if (!order.subscriptionId || order.kind !== 'subscription' || order.offSession || order.state === 'pending') return;
  const [sub] = await deps.ledger.select().from(subscriptions).where(eq(subscriptions.id, order.subscriptionId));
  if (!sub) return;
  if (order.idempotencyKey === periodKey(sub.id, 1, 0)) {
    if (sub.state === 'incomplete') await chargeNextPeriod(deps, sub, null);
    return;
  }
  // An upgrade, at the new listing's price — what a retry of the change request would apply.
  const listing = await listingRow(deps, order.listingId);
  if (order.state === 'succeeded' && listing?.price) await finishChange(deps, sub.id, order, listing.price, Date.now());
}

/** An incomplete subscription's first-month order while it waits for the buyer's bank; otherwise null. */
export async function waitingFirstOrder(deps: PaymentDeps, sub: SubscriptionRow): Promise<PaymentOrderRow | null> {
  if (sub.state !== 'incomplete') return null;
  const order = await lastOrderOf(deps, sub.id);
  return order?.state === 'pending' && order.clientSecret ? order : null;
}

/** The subscription's latest charge (the refused first one, for an incomplete_expired subscription). */
export async function lastOrderOf(deps: PaymentDeps, subscriptionId: string): Promise<PaymentOrderRow | null> {
  const [row] = await deps.ledger.select().from(paymentOrders).where(eq(paymentOrders.subscriptionId, subscriptionId)).orderBy(desc(paymentOrders.id)).limit(1);
  return row ?? null;
}

async function listingRow(deps: PaymentDeps, id: string): Promise<ListingRow | null> {
  const [row] = await deps.db.select().from(marketListings).where(eq(marketListings.id, id));
  return row ?? null;
}

/**
 * Charges the period after the last paid one (the first, for a new subscription) with the
 * subscription's payment method: at a scheduled downgrade's listing and price when there is
 * one. Safe to call any number of times, concurrently too: the order key is the same for the
 * same period and attempt, and only the first outcome changes the subscription.
 */
export async function chargeNextPeriod(deps: PaymentDeps, sub: SubscriptionRow, screening: Screening | null, at = Date.now()): Promise<SubscriptionRow> {
  const k = sub.period + 1;
  const covers = periodOf(sub.anchorAt.getTime(), k);
  const next = sub.nextListingId ? await listingRow(deps, sub.nextListingId) : null;
  const target = next && next.state === 'published' && next.pricingModel === 'subscription' && next.currency === sub.currency ? next : null;
  const { order } = await openOrder(
    deps.ledger,
    {
      ...periodOrder(sub, periodKey(sub.id, k, sub.attempt), covers),
      listingId: target?.id ?? sub.listingId,
      agentId: target?.agentId ?? sub.agentId,
      kind: 'subscription',
      amount: target?.price ?? sub.price,
      // Every period after the first is charged without the buyer.
      offSession: k > 1,
    },
    screening,
  );
  // The first month on session: a card whose bank wants the buyer to confirm it leaves the order waiting (finishSubscriptionOrder).
  const result = order.state === 'pending' ? await providerCall(deps, () => askProvider(deps, order)) : null;
  const after = await serializable(deps.ledger, async (tx) => {
    const settled = await recordCharge(tx, order, result, at);
    return finishPeriod(tx, sub.id, settled, k, sub.attempt, at);
  });
  await syncEntitlements(deps, after, at);
  return after;
}

/**
 * What every order charging `sub` for the stretch `covers` shares (a period, a metered bill): the
 * buyer, creator, card and customer, the subscription, and the key — also the request's hash,
 * since the job, not a buyer, asks for it.
 */
export function periodOrder(sub: SubscriptionRow, idempotencyKey: string, covers: { start: number; end: number }) {
  return {
    id: newId(),
    buyerAccountId: sub.buyerAccountId,
    idempotencyKey,
    requestHash: idempotencyKey,
    creatorAccountId: sub.creatorAccountId,
    currency: sub.currency,
    provider: sub.provider,
    paymentMethod: sub.paymentMethod,
    providerCustomer: sub.providerCustomer,
    subscriptionId: sub.id,
    coversFrom: new Date(covers.start),
    coversUntil: new Date(covers.end),
  };
}

/** The provider's answer on the order (a webhook may have written it first: then it is kept). */
export async function recordCharge(tx: LedgerTx, order: PaymentOrderRow, result: ChargeResult | AuthenticationNeeded | null, at: number): Promise<PaymentOrderRow> {
  if (!result) return order;
  if (result.status === 'succeeded') return settleOrderIn(tx, order.id, result.paymentId, result.card, at);
  if (result.status === 'requires_action') return awaitAuthenticationIn(tx, order.id, result.paymentId, result.clientSecret, result.card);
  return failOrderIn(tx, order.id, { code: result.code, message: result.message, paymentId: result.paymentId, card: result.card });
}

/** Period `k` was paid, or attempt `attempt` at it failed: the subscription moves on, once. */
async function finishPeriod(tx: LedgerTx, id: string, order: PaymentOrderRow, k: number, attempt: number, at: number): Promise<SubscriptionRow> {
  const sub = await lockSubscription(tx, id);
  if (sub.period >= k || sub.attempt !== attempt || !isLive(sub)) return sub;
  if (order.state === 'succeeded') {
    const covers = periodOf(sub.anchorAt.getTime(), k);
    return update(
      tx,
      sub,
      {
        state: 'active',
        period: k,
        currentPeriodStart: new Date(covers.start),
        currentPeriodEnd: new Date(covers.end),
        renewAt: new Date(covers.end),
        attempt: 0,
        graceUntil: null,
        failureCode: null,
        failureMessage: null,
        listingId: order.listingId,
        agentId: order.agentId,
        price: order.amount,
        nextListingId: null,
      },
      k === 1 ? 'subscription.activated' : 'subscription.renewed',
      { orderId: order.id, period: k },
    );
  }
  if (order.state === 'pending') return sub;
  if (sub.state === 'incomplete') return update(tx, sub, { state: 'incomplete_expired', renewAt: null, endedAt: new Date(at), failureCode: order.failureCode, failureMessage: order.failureMessage }, 'subscription.incomplete_expired', { orderId: order.id });
  return pastDue(tx, sub, order, k, attempt, at);
}

/** A refused renewal (or bill): past due until the grace ends, retried meanwhile. */
export function pastDue(tx: LedgerTx, sub: SubscriptionRow, order: PaymentOrderRow, k: number, attempt: number, at: number): Promise<SubscriptionRow> {
  const graceUntil = sub.graceUntil ?? new Date(sub.currentPeriodEnd.getTime() + GRACE_MS);
  return update(
    tx,
    sub,
    { state: 'past_due', graceUntil, attempt: attempt + 1, renewAt: new Date(Math.min(at + RETRY_MS, graceUntil.getTime())), failureCode: order.failureCode, failureMessage: order.failureMessage },
    'subscription.past_due',
    { orderId: order.id, period: k, attempt },
  );
}

/**
 * Makes the D1 entitlements say what the subscription says: every paid order granted; while
 * past due, the current period's extended to the end of the grace; once ended, none beyond
 * the end. Idempotent: each step of the lifecycle calls it, and so does a retry.
 */
export async function syncEntitlements(deps: PaymentDeps, sub: SubscriptionRow, at = Date.now()): Promise<void> {
  if (sub.billing === 'metered') return syncMeteredEntitlement(deps.db, meteredEntitlement(sub));
  const paid = await deps.ledger.select().from(paymentOrders).where(and(eq(paymentOrders.subscriptionId, sub.id), eq(paymentOrders.state, 'succeeded')));
  for (const order of paid) await ensureEntitlement(deps, order);
  const sources = paid.map((o) => o.journalTransactionId!).filter(Boolean);
  if (!sources.length) return;
  const mine = sql`${marketEntitlements.sourceTransactionId} IN ${idSet(sources)}`;
  if (sub.state === 'past_due') {
    await deps.db.update(marketEntitlements).set({ endsAt: sub.graceUntil!.getTime() }).where(and(mine, eq(marketEntitlements.endsAt, sub.currentPeriodEnd.getTime())));
  } else if (sub.endedAt) {
    const end = sub.endedAt.getTime();
    await deps.db.update(marketEntitlements).set({ endsAt: end }).where(and(mine, gt(marketEntitlements.endsAt, end)));
  } else if (sub.state === 'active') {
    // An upgrade ended the previous agent's entitlement when it started the new one's.
    await deps.db.update(marketEntitlements).set({ endsAt: Math.min(at, sub.currentPeriodEnd.getTime()) }).where(and(mine, sql`${marketEntitlements.agentId} <> ${sub.agentId}`, gt(marketEntitlements.endsAt, at)));
  }
}

/**
 * A metered subscription's entitlement: no end while active; the period end once canceled (the
 * replies of the period are billed after it) and while a bill is unpaid (no more replies on
 * credit); the end once ended. Its limit counts the replies since the period being used began.
 */
function meteredEntitlement(sub: SubscriptionRow): MeteredEntitlement {
  const periodEnd = sub.currentPeriodEnd.getTime();
  const endsAt = sub.endedAt ? sub.endedAt.getTime() : sub.state === 'past_due' || sub.cancelAtPeriodEnd ? periodEnd : null;
  return {
    subscriptionId: sub.id,
    accountId: sub.buyerAccountId,
    listingId: sub.listingId,
    agentId: sub.agentId,
    startsAt: sub.anchorAt.getTime(),
    endsAt,
    usageLimit: sub.usageLimit,
    periodStart: sub.currentPeriodStart.getTime(),
  };
}

/** The most replies a metered subscription may use a period, from now on (this period included). */
export async function setUsageLimit(deps: PaymentDeps, sub: SubscriptionRow, usageLimit: number): Promise<SubscriptionRow> {
  if (sub.billing !== 'metered') throw invalidField('subscription', 'is billed monthly at a fixed price: only a metered subscription has a usage limit', 'ERR_NOT_METERED');
  const after = await serializable(deps.ledger, async (tx) => {
    const now = await lockSubscription(tx, sub.id);
    if (!isLive(now)) throw invalidField('subscription', `is ${now.state}: its limit cannot change`, 'ERR_NOT_LIVE');
    return now.usageLimit === usageLimit ? now : update(tx, now, { usageLimit }, 'subscription.usage_limit_changed', { from: now.usageLimit, to: usageLimit });
  });
  await syncEntitlements(deps, after);
  return after;
}

/**
 * Cancel: an active subscription runs to its period end and is not renewed; a past-due one ends
 * now (it is owed nothing more) — but a metered one still owes its unpaid bill, which is retried
 * until paid or the grace ends, and then it ends.
 */
export async function cancel(deps: PaymentDeps, sub: SubscriptionRow, at = Date.now()): Promise<SubscriptionRow> {
  const after = await serializable(deps.ledger, async (tx) => {
    const now = await lockSubscription(tx, sub.id);
    if (now.state === 'active' || (now.state === 'past_due' && now.billing === 'metered')) return now.cancelAtPeriodEnd ? now : update(tx, now, { cancelAtPeriodEnd: true }, 'subscription.cancel_scheduled');
    if (now.state === 'past_due') return update(tx, now, { state: 'canceled', graceUntil: null, renewAt: null, endedAt: new Date(at) }, 'subscription.canceled', { while: 'past_due' });
    throw invalidField('subscription', `is ${now.state}: there is nothing to cancel`, 'ERR_NOT_LIVE');
  });
  await syncEntitlements(deps, after, at);
  return after;
}

/** Resume before the period end: the renewal happens after all. */
export async function resume(deps: PaymentDeps, sub: SubscriptionRow): Promise<SubscriptionRow> {
  return serializable(deps.ledger, async (tx) => {
    const now = await lockSubscription(tx, sub.id);
    if (now.state === 'active' || now.state === 'past_due') return now.cancelAtPeriodEnd ? update(tx, now, { cancelAtPeriodEnd: false }, 'subscription.resumed') : now;
    throw invalidField('subscription', `is ${now.state}: it has ended — subscribe again`, 'ERR_NOT_LIVE');
  });
}

/** A new card for the next charges; a past-due subscription is retried with it on the next run. */
export async function updatePaymentMethod(deps: PaymentDeps, sub: SubscriptionRow, paymentMethod: string, at = Date.now()): Promise<SubscriptionRow> {
  if (!isLive(sub) || sub.state === 'incomplete') throw invalidField('subscription', `is ${sub.state}: its payment method cannot change`, 'ERR_NOT_LIVE');
  const card = await knownCard(deps, paymentMethod);
  const saved = await saveCard(deps, sub.buyerAccountId, paymentMethod);
  return serializable(deps.ledger, async (tx) => {
    const now = await lockSubscription(tx, sub.id);
    const retry = now.state === 'past_due' ? { renewAt: new Date(at) } : {};
    return update(tx, now, { paymentMethod: saved.paymentMethod, providerCustomer: saved.customerId, cardBrand: card.brand, cardLast4: card.last4, ...retry }, 'subscription.payment_method_updated', { brand: card.brand, last4: card.last4 });
  });
}

export interface ChangeOutcome {
  subscription: SubscriptionRow;
  /** The prorated charge of an upgrade; null when the change waits for the period end. */
  order: PaymentOrderRow | null;
}

/**
 * Moves the subscription to another subscription listing of the same creator. An upgrade (a
 * higher price) happens now and charges the prorated difference for the rest of the period
 * (shared/money/proration.ts); a downgrade, or an upgrade whose difference rounds to nothing,
 * waits for the period end — the buyer keeps what they paid for, and is owed nothing back.
 * Choosing the current listing again cancels a waiting downgrade.
 */
export async function changeListing(deps: PaymentDeps, buyer: Buyer, sub: SubscriptionRow, listingId: string, idempotencyKey: string, at = Date.now()): Promise<ChangeOutcome> {
  if (sub.billing === 'metered') throw invalidField('subscription', 'is metered: it has no plans to move between — cancel it and subscribe to the other listing', 'ERR_METERED');
  if (sub.state !== 'active') throw invalidField('subscription', `is ${sub.state}: only an active subscription can change plan`, 'ERR_NOT_ACTIVE');
  const { listing, agent } = await visibleListing(deps, buyer.id, listingId);
  const requestHash = await sha256(JSON.stringify(['change', sub.id, listing.id]));
  // The key again: the first answer, an upgrade left unfinished (waiting for its bank, its answer lost) finished now.
  const [earlier] = await deps.ledger.select().from(paymentOrders).where(and(eq(paymentOrders.buyerAccountId, buyer.id), eq(paymentOrders.idempotencyKey, idempotencyKey)));
  if (earlier) {
    if (earlier.requestHash !== requestHash) throw keyReused();
    return earlier.state === 'failed' || earlier.state === 'blocked' ? { subscription: sub, order: earlier } : finishChange(deps, sub.id, earlier, listing.price!, at);
  }
  if (listing.id === sub.listingId) return { subscription: await scheduleChange(deps, sub, null), order: null };
  if (agent.ownerId !== sub.creatorAccountId) throw invalidField('listing_id', "is another creator's: a subscription moves only between one creator's listings", 'ERR_OTHER_CREATOR');
  subscribable(listing);
  if (listing.currency !== sub.currency) throw invalidField('listing_id', `is priced in ${listing.currency}, this subscription in ${sub.currency}`, 'ERR_CURRENCY');
  const [taken] = await deps.ledger.select({ id: subscriptions.id }).from(subscriptions).where(and(eq(subscriptions.buyerAccountId, buyer.id), eq(subscriptions.listingId, listing.id), inArray(subscriptions.state, [...LIVE])));
  if (taken) throw conflict('You already have a subscription to that listing');
  const { netCharge } = prorate(sub.price, listing.price!, { start: sub.currentPeriodStart.getTime(), end: sub.currentPeriodEnd.getTime(), at });
  if (netCharge === 0) return { subscription: await scheduleChange(deps, sub, listing.id), order: null };

  const { order, opened } = await openOrder(
    deps.ledger,
    {
      id: newId(),
      buyerAccountId: buyer.id,
      idempotencyKey,
      requestHash,
      listingId: listing.id,
      agentId: listing.agentId,
      creatorAccountId: sub.creatorAccountId,
      kind: 'subscription',
      amount: netCharge,
      currency: sub.currency,
      provider: deps.provider.name,
      paymentMethod: sub.paymentMethod,
      providerCustomer: sub.providerCustomer,
      subscriptionId: sub.id,
      coversFrom: new Date(at),
      coversUntil: sub.currentPeriodEnd,
    },
    { card: await knownCard(deps, sub.paymentMethod), buyerCreatedAt: buyer.createdAt, limits: deps.fraud },
  );
  if (!opened && order.requestHash !== requestHash) throw keyReused();
  if (order.state === 'failed' || order.state === 'blocked') return { subscription: sub, order };
  return finishChange(deps, sub.id, order, listing.price!, at);
}

/** Carries out (or, on a retry, finds) the upgrade's charge, and moves the subscription once it is paid. */
async function finishChange(deps: PaymentDeps, subId: string, order: PaymentOrderRow, newPrice: number, at: number): Promise<ChangeOutcome> {
  // On session: a card whose bank wants the buyer to confirm it leaves the order waiting (finishSubscriptionOrder).
  const result = order.state === 'pending' ? await providerCall(deps, () => askProvider(deps, order)) : null;
  const outcome = await serializable(deps.ledger, async (tx) => {
    const settled = await recordCharge(tx, order, result, at);
    const sub = await lockSubscription(tx, subId);
    // Applied once: a replay of an older change's key must not undo a later one.
    const fresh = sub.changedAt === null || sub.changedAt < settled.coversFrom!;
    if (settled.state !== 'succeeded' || !fresh || sub.state !== 'active') return { subscription: sub, order: settled };
    const moved = await update(tx, sub, { listingId: settled.listingId, agentId: settled.agentId, price: newPrice, nextListingId: null, changedAt: settled.coversFrom }, 'subscription.upgraded', { orderId: settled.id, charged: settled.amount });
    return { subscription: moved, order: settled };
  });
  await syncEntitlements(deps, outcome.subscription, at);
  return outcome;
}

async function scheduleChange(deps: PaymentDeps, sub: SubscriptionRow, listingId: string | null): Promise<SubscriptionRow> {
  return serializable(deps.ledger, async (tx) => {
    const now = await lockSubscription(tx, sub.id);
    if (now.nextListingId === listingId) return now;
    return update(tx, now, { nextListingId: listingId }, listingId ? 'subscription.change_scheduled' : 'subscription.change_unscheduled', { nextListingId: listingId });
  });
}
