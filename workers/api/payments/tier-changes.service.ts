/**
 * Changing a platform plan (docs/payments.md#changing-plan), with the semantics of listing
 * subscriptions' plan changes: an upgrade takes effect now and charges the new price for the rest
 * of the period minus the old price for it (shared/money/proration.ts); a downgrade, or an
 * upgrade whose difference rounds to nothing, waits for the period end (`next_tier`, which the
 * renewal job charges), and choosing the current tier again calls it off.
 *
 * Every request is a `tier_changes` row under the account's Idempotency-Key, written before
 * anything else happens. An upgrade's row holds its amount — it changes with every millisecond,
 * and the provider refuses a key reused with another amount — so a retry charges exactly that
 * amount again under the same key (`tier_change:<id>`, the journal's too), and is charged and
 * booked once however often it is asked.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import { prorate } from '../../../shared/money/proration';
import { TIERS, type TierId } from '../../../shared/money/tiers';
import { sha256 } from '../lib/crypto';
import { conflict, invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { chargeWithBuyer, keyReused, providerCall, type PaymentDeps } from './checkout.service';
import { serializable, type LedgerTx } from './ledger';
import type { ChargeRequest } from './providers/provider';
import { isLive, tierChanges, tierSubscriptions, type TierChangeRow, type TierSubscriptionRow } from './schema';
import { lockTierSubscription, postTierRevenueIn, purchasableTier, syncTier, tierSubscriptionOf, updateTierSubscription } from './tiers.service';

export interface TierChangeOutcome {
  subscription: TierSubscriptionRow;
  change: TierChangeRow;
  replayed: boolean;
}

type Kind = TierChangeRow['kind'];

const nameOf = (tier: string) => TIERS[tier as TierId].name;

/** Only a plan that is paid up and will renew can change; 404 on Free, 422 or 409 naming why otherwise. */
function changeable(sub: TierSubscriptionRow | null, at: number): TierSubscriptionRow {
  if (!sub) throw notFound('You have no plan subscription: you are on Free — subscribe to a plan instead');
  if (sub.state === 'past_due') throw invalidField('subscription', 'is past due: the overdue month must be paid before the plan can change (the card is retried daily)', 'ERR_NOT_ACTIVE');
  if (sub.state !== 'active') throw invalidField('subscription', `is ${sub.state}: only an active plan can change — subscribe instead`, 'ERR_NOT_ACTIVE');
  if (sub.cancelAtPeriodEnd) throw conflict(`Your ${nameOf(sub.tier)} plan is set to end on ${sub.currentPeriodEnd.toISOString().slice(0, 10)}: resume it first, then change plan`);
  // The renewal job is about to charge the next month at the tier it finds: nothing may move under it.
  if (at >= sub.currentPeriodEnd.getTime()) throw conflict('Your plan is being renewed right now: try again in a few minutes');
  return sub;
}

/** What choosing `to` means for `sub` now: its kind and what it charges. */
function planOf(sub: TierSubscriptionRow, to: TierId, at: number): { kind: Kind; amount: number } {
  if (to === sub.tier) {
    if (!sub.nextTier) throw conflict(`You already have ${nameOf(to)}`);
    return { kind: 'call_off', amount: 0 };
  }
  const { netCharge } = prorate(sub.price, TIERS[to].price!, { start: sub.currentPeriodStart.getTime(), end: sub.currentPeriodEnd.getTime(), at });
  return netCharge > 0 ? { kind: 'upgrade', amount: netCharge } : { kind: 'downgrade', amount: 0 };
}

/**
 * Moves the account's plan to `tierId` (see the file's comment). The same key again returns the
 * first answer (finishing an upgrade whose charge got no answer); the key with another tier is 422.
 */
export async function changeTier(deps: PaymentDeps, accountId: string, tierId: string, idempotencyKey: string, at = Date.now()): Promise<TierChangeOutcome> {
  const requestHash = await sha256(JSON.stringify(['tier_change', tierId]));
  const earlier = await changeByKey(deps.ledger, accountId, idempotencyKey);
  if (earlier) return replay(deps, earlier, requestHash, at);
  const target = purchasableTier(tierId);
  const sub = changeable(await tierSubscriptionOf(deps, accountId), at);
  const { kind, amount } = planOf(sub, target.id, at);
  const change = await serializable(deps.ledger, async (tx) => {
    const now = await lockTierSubscription(tx, sub.id);
    // A concurrent request with this key got here first, and may have moved the plan already: it is
    // answered as that request's replay (below), not as a plan that changed meanwhile.
    if (await changeByKey(tx, accountId, idempotencyKey)) return null;
    if (now.tier !== sub.tier || now.period !== sub.period || now.state !== 'active' || now.cancelAtPeriodEnd) throw conflict('Your plan changed meanwhile: look at it again, then retry');
    const [row] = await tx
      .insert(tierChanges)
      .values({
        id: newId(),
        accountId,
        idempotencyKey,
        requestHash,
        subscriptionId: sub.id,
        kind,
        fromTier: sub.tier,
        toTier: target.id,
        amount,
        currency: sub.currency,
        paymentMethod: sub.paymentMethod,
        providerCustomer: sub.providerCustomer,
        coversFrom: new Date(at),
        coversUntil: sub.currentPeriodEnd,
        state: kind === 'upgrade' ? 'pending' : 'succeeded',
      })
      .onConflictDoNothing()
      .returning();
    if (row && kind !== 'upgrade') await schedule(tx, now, kind === 'downgrade' ? target.id : null, row);
    return row ?? null;
  });
  if (!change) {
    // Lost a race: to the same key (a concurrent retry), or to another upgrade still waiting for the provider.
    const same = await changeByKey(deps.ledger, accountId, idempotencyKey);
    if (same) return replay(deps, same, requestHash, at);
    throw conflict("Another plan change is waiting for the payment provider's answer: retry that one with its Idempotency-Key");
  }
  if (change.kind === 'upgrade') return { ...(await chargeUpgrade(deps, change, at)), replayed: false };
  return { subscription: await subscriptionOf(deps, change), change, replayed: false };
}

async function changeByKey(db: PaymentDeps['ledger'] | LedgerTx, accountId: string, key: string): Promise<TierChangeRow | null> {
  const [row] = await db.select().from(tierChanges).where(and(eq(tierChanges.accountId, accountId), eq(tierChanges.idempotencyKey, key)));
  return row ?? null;
}

async function subscriptionOf(deps: PaymentDeps, change: TierChangeRow): Promise<TierSubscriptionRow> {
  const [row] = await deps.ledger.select().from(tierSubscriptions).where(eq(tierSubscriptions.id, change.subscriptionId));
  return row!;
}

/** The first answer again: an upgrade left pending is charged now (same key, same amount); the rest as they are now. */
async function replay(deps: PaymentDeps, change: TierChangeRow, requestHash: string, at: number): Promise<TierChangeOutcome> {
  if (change.requestHash !== requestHash) throw keyReused();
  if (change.state === 'pending') return { ...(await chargeUpgrade(deps, change, at)), replayed: true };
  const subscription = await subscriptionOf(deps, change);
  await syncTier(deps, subscription, at);
  return { subscription, change, replayed: true };
}

/** A downgrade waits for the period end (`next_tier`); a call-off (null) drops the waiting one. */
async function schedule(tx: LedgerTx, sub: TierSubscriptionRow, nextTier: TierId | null, change: TierChangeRow): Promise<TierSubscriptionRow> {
  if (sub.nextTier === nextTier) return sub;
  return updateTierSubscription(tx, sub.id, { nextTier }, nextTier ? 'tier_subscription.change_scheduled' : 'tier_subscription.change_called_off', { changeId: change.id, nextTier });
}

/**
 * Upgrades left pending longer than `staleMs` — the provider did not answer and nobody retried —
 * charged again under their own key (the first charge's answer if there was one), by the
 * reconciliation job; until then the subscription could take no other upgrade.
 */
export async function stalePendingUpgrades(deps: PaymentDeps, at: number, staleMs: number, limit: number): Promise<TierChangeRow[]> {
  const t = tierChanges;
  return deps.ledger.select().from(t).where(and(eq(t.state, 'pending'), lte(t.updatedAt, new Date(at - staleMs)))).orderBy(asc(t.updatedAt)).limit(limit);
}

/**
 * Charges an upgrade's stored amount and, once paid, books it (100 % platform revenue, as every
 * plan charge) and moves the subscription to the new tier — once, and only while it is still on
 * the tier and in the period the charge was priced for. Safe to repeat, concurrently too.
 */
export async function chargeUpgrade(deps: PaymentDeps, change: TierChangeRow, at: number): Promise<{ subscription: TierSubscriptionRow; change: TierChangeRow }> {
  const key = `tier_change:${change.id}`;
  const to = TIERS[change.toTier as TierId];
  const request: ChargeRequest = {
    amount: change.amount,
    currency: change.currency,
    paymentMethod: change.paymentMethod,
    customer: change.providerCustomer ?? undefined,
    description: `SMILE ${to.name}: upgrade from ${nameOf(change.fromTier)} for the rest of the month`,
    metadata: { tier_subscription_id: change.subscriptionId, tier_change_id: change.id, tier: to.id, account_id: change.accountId },
    idempotencyKey: key,
  };
  // On session: the account is there, and its bank may want the payment confirmed (3-D Secure); the
  // change then waits, and asking again with the same Idempotency-Key reads the outcome back.
  const result = await providerCall(deps, () => chargeWithBuyer(deps, request, { paymentId: change.providerPaymentId, clientSecret: change.clientSecret }, change.createdAt, at));
  const outcome = await serializable(deps.ledger, async (tx) => {
    const [now] = await tx.select().from(tierChanges).where(eq(tierChanges.id, change.id)).for('update');
    const sub = await lockTierSubscription(tx, change.subscriptionId);
    if (now!.state !== 'pending') return { subscription: sub, change: now! };
    if (result.status === 'requires_action') {
      if (now!.clientSecret === result.clientSecret) return { subscription: sub, change: now! };
      const [waiting] = await tx.update(tierChanges).set({ providerPaymentId: result.paymentId, clientSecret: result.clientSecret, updatedAt: new Date() }).where(eq(tierChanges.id, change.id)).returning();
      return { subscription: sub, change: waiting! };
    }
    if (result.status === 'failed') {
      const [failed] = await tx.update(tierChanges).set({ state: 'failed', failureCode: result.code, failureMessage: result.message, providerPaymentId: result.paymentId, clientSecret: null, updatedAt: new Date() }).where(eq(tierChanges.id, change.id)).returning();
      return { subscription: sub, change: failed! };
    }
    const posted = await postTierRevenueIn(tx, {
      accountId: change.accountId,
      amount: change.amount,
      currency: change.currency,
      idempotencyKey: key,
      metadata: { tierSubscriptionId: sub.id, tierChangeId: change.id, tier: to.id, from: change.fromTier, paymentId: result.paymentId },
    });
    const [paid] = await tx.update(tierChanges).set({ state: 'succeeded', providerPaymentId: result.paymentId, clientSecret: null, journalTransactionId: posted.transactionId, updatedAt: new Date() }).where(eq(tierChanges.id, change.id)).returning();
    const applies = isLive(sub) && sub.tier === change.fromTier && sub.currentPeriodEnd.getTime() === change.coversUntil.getTime();
    if (!applies) return { subscription: sub, change: paid! };
    const moved = await updateTierSubscription(tx, sub.id, { tier: to.id, price: to.price!, nextTier: null }, 'tier_subscription.upgraded', { changeId: change.id, from: change.fromTier, charged: change.amount });
    return { subscription: moved, change: paid! };
  });
  await syncTier(deps, outcome.subscription, at);
  return outcome;
}
