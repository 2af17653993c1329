/**
 * Platform tier subscriptions (docs/payments.md#platform-tiers): an account pays SMILE monthly
 * for Creator Pro or Business. The billing periods, grace and retries are those of listing
 * subscriptions (shared/money/billing-period.ts, GRACE_MS, RETRY_MS); the money differs — the
 * platform is the seller, so each paid period is posted `buyer_funding(account) −price,
 * platform_revenue +price` (journal kind `tier`): no escrow, no split, nothing owed to a creator.
 *
 * Period k's charge uses the key `tier:<id>:period:<k>:attempt:<n>` with the provider and in the
 * journal, so asking again (a retried request, the renewal job, both at once) charges and books
 * it once; the charge's outcome and the subscription's new state are written in one SERIALIZABLE
 * transaction, and only the first outcome for a period/attempt moves the subscription. The D1
 * `account_tiers` row follows (`syncTier`), converged on every step.
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { periodOf } from '../../../shared/money/billing-period';
import { TIERS, type Tier, type TierId } from '../../../shared/money/tiers';
import { sha256 } from '../lib/crypto';
import { conflict, invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { currentTier, grantTier } from '../tiers/account-tier';
import { chargeWithBuyer, keyReused, knownCard, providerCall, type PaymentDeps } from './checkout.service';
import { assessPurchase, lockPurchaser } from './fraud';
import { saveCard } from './saved-cards';
import { accountFor, postIn, serializable, type LedgerTx } from './ledger';
import { type Renewed, renewEach } from './renewal-run';
import type { AuthenticationNeeded, ChargeRequest, ChargeResult } from './providers/provider';
import { auditEvents, isLive, LIVE, tierSubscriptions, type TierSubscriptionRow } from './schema';
import { GRACE_MS, RETRY_MS } from './subscriptions.service';

/** A subscription whose first charge got no answer is finished by the renewal job after this. */
const STALE_INCOMPLETE_MS = 60_000;
const BATCH = 100;

/** The tier a subscribe names, if it can be bought: 404 for no such tier, 422 for Free and Enterprise. */
export function purchasableTier(id: string): Tier {
  const tier = (TIERS as Record<string, Tier | undefined>)[id];
  if (!tier) throw notFound('There is no such plan');
  if (!tier.purchasable || tier.price === null) {
    const why = tier.id === 'free' ? 'is Free: there is nothing to buy (cancel a paid plan to return to it)' : 'is Enterprise: its terms are custom — contact us, it cannot be bought here';
    throw invalidField('tier', why, 'ERR_NOT_PURCHASABLE');
  }
  return tier;
}

/** The account's live tier subscription, or its latest one; null if it never had one. */
export async function tierSubscriptionOf(deps: Pick<PaymentDeps, 'ledger'>, accountId: string): Promise<TierSubscriptionRow | null> {
  const rows = await deps.ledger.select().from(tierSubscriptions).where(eq(tierSubscriptions.accountId, accountId)).orderBy(asc(tierSubscriptions.id));
  return rows.find(isLive) ?? rows.at(-1) ?? null;
}

function audit(tx: LedgerTx, kind: string, sub: TierSubscriptionRow, details: Record<string, unknown> = {}) {
  return tx.insert(auditEvents).values({ kind, details: { tierSubscriptionId: sub.id, account: sub.accountId, tier: sub.tier, price: sub.price, currency: sub.currency, state: sub.state, ...details } });
}

/** Writes `changes` to the subscription with an audit event `event`; the row as it is now. */
export async function updateTierSubscription(tx: LedgerTx, id: string, changes: Partial<typeof tierSubscriptions.$inferInsert>, event: string, details: Record<string, unknown> = {}): Promise<TierSubscriptionRow> {
  const [row] = await tx.update(tierSubscriptions).set({ ...changes, updatedAt: new Date() }).where(eq(tierSubscriptions.id, id)).returning();
  await audit(tx, event, row!, details);
  return row!;
}

/** The subscription's row, locked until the transaction ends. */
export async function lockTierSubscription(tx: LedgerTx, id: string): Promise<TierSubscriptionRow> {
  const [row] = await tx.select().from(tierSubscriptions).where(eq(tierSubscriptions.id, id)).for('update');
  if (!row) throw new Error(`tier subscription ${id} vanished`);
  return row;
}

export interface TierSubscribeOutcome {
  subscription: TierSubscriptionRow;
  replayed: boolean;
}

/**
 * Subscribes the account to `tierId` and charges the first month now. The subscription is
 * written first under the account's Idempotency-Key — screened by the fraud rules in the same
 * transaction, as an order is: a blocked one is born ended, with the rule — then charged like a
 * renewal: a retry with the same key finds it and finishes whatever is left (a refused or
 * blocked first month replays as refused).
 */
export async function subscribeTier(deps: PaymentDeps, account: { id: string; createdAt: number }, tierId: string, paymentMethod: string, idempotencyKey: string, at = Date.now()): Promise<TierSubscribeOutcome> {
  const accountId = account.id;
  const requestHash = await sha256(JSON.stringify(['tier', tierId, paymentMethod]));
  const earlier = await byKey(deps, accountId, idempotencyKey);
  if (earlier) return { subscription: await replay(deps, earlier, requestHash, at), replayed: true };
  const tier = purchasableTier(tierId);
  const live = await tierSubscriptionOf(deps, accountId);
  if (live && isLive(live)) throw liveConflict(live, tier);
  const current = await currentTier(deps.db, accountId, at);
  if (current.granted) throw conflict(`Your ${current.tier.name} plan was granted by SMILE until ${new Date(current.until!).toISOString().slice(0, 10)}: contact us to change it`);
  const card = await knownCard(deps, paymentMethod);
  const saved = await saveCard(deps, accountId, paymentMethod);
  const first = periodOf(at, 1);
  const created = await serializable(deps.ledger, async (tx) => {
    await lockPurchaser(tx, accountId, card);
    const [row] = await tx
      .insert(tierSubscriptions)
      .values({
        id: newId(),
        accountId,
        idempotencyKey,
        requestHash,
        tier: tier.id,
        price: tier.price!,
        currency: tier.currency,
        provider: deps.provider.name,
        paymentMethod: saved.paymentMethod,
        providerCustomer: saved.customerId,
        cardBrand: card.brand,
        cardLast4: card.last4,
        cardFingerprint: card.fingerprint,
        anchorAt: new Date(at),
        currentPeriodStart: new Date(first.start),
        currentPeriodEnd: new Date(first.end),
        renewAt: new Date(at + STALE_INCOMPLETE_MS),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return null;
    await audit(tx, 'tier_subscription.created', row);
    const blocked = await assessPurchase(tx, { id: row.id, buyerAccountId: accountId, amount: row.price, currency: row.currency }, card, account.createdAt, deps.fraud, { anomaly: false }, at);
    if (!blocked) return row;
    return updateTierSubscription(tx, row.id, { state: 'incomplete_expired', renewAt: null, endedAt: new Date(at), failureCode: blocked.rule, failureMessage: blocked.message }, 'tier_subscription.blocked', { rule: blocked.rule });
  });
  if (!created) {
    // Lost a race: to the same key (a concurrent retry), or to another live subscription of this account.
    const same = await byKey(deps, accountId, idempotencyKey);
    if (same) return { subscription: await replay(deps, same, requestHash, at), replayed: true };
    throw conflict('You already have a plan: see GET /api/v1/payments/tiers');
  }
  if (created.state === 'incomplete_expired') return { subscription: created, replayed: false };
  return { subscription: await chargeTierPeriod(deps, created, at), replayed: false };
}

async function byKey(deps: PaymentDeps, accountId: string, key: string): Promise<TierSubscriptionRow | null> {
  const [row] = await deps.ledger.select().from(tierSubscriptions).where(and(eq(tierSubscriptions.accountId, accountId), eq(tierSubscriptions.idempotencyKey, key)));
  return row ?? null;
}

function liveConflict(live: TierSubscriptionRow, wanted: Tier) {
  const has = TIERS[live.tier as TierId].name;
  if (live.tier === wanted.id) return conflict(`You already have ${has}`);
  // A second subscribe (another tab, a double click) must not turn into a charged upgrade: changing is its own request.
  return conflict(`You have ${has}: change to ${wanted.name} with POST /api/v1/payments/tiers/${wanted.id}/change`);
}

async function replay(deps: PaymentDeps, sub: TierSubscriptionRow, requestHash: string, at: number): Promise<TierSubscriptionRow> {
  if (sub.requestHash !== requestHash) throw keyReused();
  if (sub.state !== 'incomplete') {
    await syncTier(deps, sub, at);
    return sub;
  }
  return chargeTierPeriod(deps, sub, at);
}

/**
 * Charges the period after the last paid one with the subscription's card, at the tier's
 * current price. Safe to repeat, concurrently too: the same period and attempt have the same
 * key, and only the first outcome changes the subscription.
 */
export async function chargeTierPeriod(deps: PaymentDeps, sub: TierSubscriptionRow, at = Date.now()): Promise<TierSubscriptionRow> {
  const k = sub.period + 1;
  const key = `tier:${sub.id}:period:${k}:attempt:${sub.attempt}`;
  // A downgrade waits for this moment: the next period is charged at the lower tier.
  const tier = TIERS[(sub.period === 0 ? sub.tier : (sub.nextTier ?? sub.tier)) as TierId];
  const price = sub.period === 0 ? sub.price : (tier.price ?? sub.price);
  const request: ChargeRequest = {
    amount: price,
    currency: sub.currency,
    paymentMethod: sub.paymentMethod,
    customer: sub.providerCustomer ?? undefined,
    description: `SMILE ${tier.name}, month ${k}`,
    metadata: { tier_subscription_id: sub.id, tier: tier.id, account_id: sub.accountId },
    idempotencyKey: key,
  };
  const result = await providerCall(deps, () => askForPeriod(deps, sub, request, k, at));
  const after = await serializable(deps.ledger, async (tx) => {
    const now = await lockTierSubscription(tx, sub.id);
    if (now.period >= k || now.attempt !== sub.attempt || !isLive(now)) return now;
    if (result.status === 'requires_action') {
      if (now.clientSecret === result.clientSecret) return now;
      return updateTierSubscription(tx, now.id, { paymentId: result.paymentId, clientSecret: result.clientSecret }, 'tier_subscription.requires_action', { paymentId: result.paymentId });
    }
    if (result.status === 'succeeded') {
      await postTierRevenueIn(tx, { accountId: now.accountId, amount: price, currency: now.currency, idempotencyKey: key, metadata: { tierSubscriptionId: now.id, tier: tier.id, period: k, paymentId: result.paymentId } });
      const covers = periodOf(now.anchorAt.getTime(), k);
      return updateTierSubscription(
        tx,
        now.id,
        { state: 'active', period: k, tier: tier.id, nextTier: null, price, currentPeriodStart: new Date(covers.start), currentPeriodEnd: new Date(covers.end), renewAt: new Date(covers.end), attempt: 0, graceUntil: null, failureCode: null, failureMessage: null, clientSecret: null },
        k === 1 ? 'tier_subscription.activated' : 'tier_subscription.renewed',
        { period: k, paymentId: result.paymentId },
      );
    }
    const failure = { failureCode: result.code, failureMessage: result.message };
    if (now.state === 'incomplete') return updateTierSubscription(tx, now.id, { state: 'incomplete_expired', renewAt: null, endedAt: new Date(at), clientSecret: null, ...failure }, 'tier_subscription.incomplete_expired', { code: result.code });
    const graceUntil = now.graceUntil ?? new Date(now.currentPeriodEnd.getTime() + GRACE_MS);
    return updateTierSubscription(tx, now.id, { state: 'past_due', graceUntil, attempt: now.attempt + 1, renewAt: new Date(Math.min(at + RETRY_MS, graceUntil.getTime())), ...failure }, 'tier_subscription.past_due', { period: k, code: result.code });
  });
  await syncTier(deps, after, at);
  return after;
}

/**
 * The provider's answer for period `k`, asked the same way every time (so its key holds): the first
 * month on session — the account is subscribing, and its bank may want it confirmed (3-D Secure),
 * which also covers the months after (`savesCard`) — and those months without the buyer.
 */
function askForPeriod(deps: PaymentDeps, sub: TierSubscriptionRow, request: ChargeRequest, k: number, at: number): Promise<ChargeResult | AuthenticationNeeded> {
  if (k > 1) return deps.provider.charge({ ...request, offSession: true });
  return chargeWithBuyer(deps, { ...request, savesCard: true }, sub, sub.createdAt, at);
}

export interface TierRevenue {
  accountId: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
  metadata: Record<string, unknown>;
}

/** The platform sold its own service: the whole amount is platform revenue (no escrow, no creator share). */
export async function postTierRevenueIn(tx: LedgerTx, input: TierRevenue) {
  const funding = await accountFor(tx, { kind: 'buyer_funding', ownerAccountId: input.accountId, currency: input.currency });
  const revenue = await accountFor(tx, { kind: 'platform_revenue', currency: input.currency });
  return postIn(tx, {
    kind: 'tier',
    idempotencyKey: input.idempotencyKey,
    entries: [
      { accountId: funding.id, amount: -input.amount, currency: input.currency },
      { accountId: revenue.id, amount: input.amount, currency: input.currency },
    ],
    metadata: { accountId: input.accountId, gross: input.amount, ...input.metadata },
  });
}

/**
 * Makes D1's `account_tiers` say what the subscription says: the tier until the paid period's
 * end (the grace's end while past due, the end itself once ended). Nothing before a first payment.
 */
export async function syncTier(deps: Pick<PaymentDeps, 'db'>, sub: TierSubscriptionRow, at = Date.now()): Promise<void> {
  if (sub.period === 0) return;
  const until = sub.state === 'past_due' ? sub.graceUntil! : sub.endedAt && sub.endedAt < sub.currentPeriodEnd ? sub.endedAt : sub.currentPeriodEnd;
  await grantTier(deps.db, { accountId: sub.accountId, tier: sub.tier as TierId, until: until.getTime(), subscriptionId: sub.id }, at);
}

/** Cancel: an active plan runs to its period end and is not renewed; a past-due one ends now. */
export async function cancelTier(deps: PaymentDeps, sub: TierSubscriptionRow, at = Date.now()): Promise<TierSubscriptionRow> {
  const after = await serializable(deps.ledger, async (tx) => {
    const now = await lockTierSubscription(tx, sub.id);
    if (now.state === 'active') return now.cancelAtPeriodEnd ? now : updateTierSubscription(tx, now.id, { cancelAtPeriodEnd: true }, 'tier_subscription.cancel_scheduled');
    if (now.state === 'past_due') return updateTierSubscription(tx, now.id, { state: 'canceled', graceUntil: null, renewAt: null, endedAt: new Date(at) }, 'tier_subscription.canceled', { while: 'past_due' });
    throw invalidField('subscription', `is ${now.state}: there is nothing to cancel`, 'ERR_NOT_LIVE');
  });
  await syncTier(deps, after, at);
  return after;
}

/** A new card for the next charges, saved with the provider; a past-due plan is retried with it on the next run. */
export async function updateTierPaymentMethod(deps: PaymentDeps, sub: TierSubscriptionRow, paymentMethod: string, at = Date.now()): Promise<TierSubscriptionRow> {
  if (sub.state !== 'active' && sub.state !== 'past_due') throw invalidField('subscription', `is ${sub.state}: its card cannot change`, 'ERR_NOT_LIVE');
  const card = await knownCard(deps, paymentMethod);
  const saved = await saveCard(deps, sub.accountId, paymentMethod);
  return serializable(deps.ledger, async (tx) => {
    const now = await lockTierSubscription(tx, sub.id);
    if (now.state !== 'active' && now.state !== 'past_due') throw invalidField('subscription', `is ${now.state}: its card cannot change`, 'ERR_NOT_LIVE');
    const retry = now.state === 'past_due' ? { renewAt: new Date(at) } : {};
    return updateTierSubscription(tx, now.id, { paymentMethod: saved.paymentMethod, providerCustomer: saved.customerId, cardBrand: card.brand, cardLast4: card.last4, ...retry }, 'tier_subscription.payment_method_updated', { brand: card.brand, last4: card.last4 });
  });
}

/** Resume before the period end: it renews after all. */
export async function resumeTier(deps: PaymentDeps, sub: TierSubscriptionRow): Promise<TierSubscriptionRow> {
  return serializable(deps.ledger, async (tx) => {
    const now = await lockTierSubscription(tx, sub.id);
    if (now.state === 'active' || now.state === 'past_due') return now.cancelAtPeriodEnd ? updateTierSubscription(tx, now.id, { cancelAtPeriodEnd: false }, 'tier_subscription.resumed') : now;
    throw invalidField('subscription', `is ${now.state}: it has ended — subscribe again`, 'ERR_NOT_LIVE');
  });
}

/**
 * The renewal job (cron) for tier subscriptions whose `renew_at` has come: an unanswered first
 * charge is charged (same key: once); canceled at the period end → ended there; past due with
 * the grace over → lapsed; otherwise the next month is charged, and a refusal makes it past due.
 */
export async function renewTierSubscriptions(deps: PaymentDeps, at = Date.now()): Promise<Renewed> {
  const t = tierSubscriptions;
  const due = await deps.ledger.select().from(t).where(and(inArray(t.state, [...LIVE]), lte(t.renewAt, new Date(at)))).orderBy(asc(t.renewAt)).limit(BATCH);
  return renewEach(due, (sub) => renewOne(deps, sub, at), deps.log, 'tier');
}

async function renewOne(deps: PaymentDeps, sub: TierSubscriptionRow, at: number): Promise<TierSubscriptionRow> {
  if (sub.state === 'past_due' && sub.graceUntil! <= new Date(at)) return end(deps, sub, 'lapsed', sub.graceUntil!, 'grace_elapsed', at);
  if (sub.state === 'active' && sub.cancelAtPeriodEnd) return end(deps, sub, 'canceled', sub.currentPeriodEnd, 'canceled_at_period_end', at);
  return chargeTierPeriod(deps, sub, at);
}

async function end(deps: PaymentDeps, sub: TierSubscriptionRow, state: 'canceled' | 'lapsed', endedAt: Date, why: string, at: number): Promise<TierSubscriptionRow> {
  const after = await serializable(deps.ledger, async (tx) => {
    const now = await lockTierSubscription(tx, sub.id);
    if (now.state !== sub.state || now.period !== sub.period) return now;
    return updateTierSubscription(tx, now.id, { state, endedAt, renewAt: null, graceUntil: null }, `tier_subscription.${state}`, { why });
  });
  await syncTier(deps, after, at);
  return after;
}
