/**
 * The renewal job (cron): every subscription whose `renew_at` has come is moved on —
 *  - a new one whose first charge got no answer: charged (with the same order key: once);
 *  - canceled at the period end: ended there, not charged;
 *  - its listing no longer sold (delisted, or not a subscription any more): ended at the period end;
 *  - past due with its grace over: lapsed (the entitlement ended with the grace);
 *  - otherwise: the next period charged off-session with the saved payment method — success
 *    extends the period, failure makes it past due and retries daily within the grace;
 *  - metered: the period just ended billed for its replies (metered.ts), the last one too.
 * Overlapping runs are harmless: each charge's key is derived from the subscription, the period
 * and the attempt, and only the first outcome changes the subscription (subscriptions.service.ts).
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { marketListings } from '../db/market';
import type { PaymentDeps } from './checkout.service';
import { serializable } from './ledger';
import { auditEvents, subscriptions, type SubscriptionRow } from './schema';
import { type Renewed, renewEach } from './renewal-run';
import { billUsage } from './metered';
import { chargeNextPeriod, syncEntitlements } from './subscriptions.service';

const BATCH = 100;

export type { Renewed };

export async function renewSubscriptions(deps: PaymentDeps, at = Date.now()): Promise<Renewed> {
  const s = subscriptions;
  const due = await deps.ledger.select().from(s).where(and(inArray(s.state, ['incomplete', 'active', 'past_due']), lte(s.renewAt, new Date(at)))).orderBy(asc(s.renewAt)).limit(BATCH);
  return renewEach(due, (sub) => renewOne(deps, sub, at), deps.log, 'subscription');
}

async function renewOne(deps: PaymentDeps, sub: SubscriptionRow, at: number): Promise<SubscriptionRow> {
  if (sub.state === 'incomplete') return chargeNextPeriod(deps, sub, null, at);
  if (sub.state === 'past_due' && sub.graceUntil! <= new Date(at)) return end(deps, sub, 'lapsed', sub.graceUntil!, 'grace_elapsed', at);
  // A metered period is billed after it, the last one too: canceling ends it after its bill.
  if (sub.billing === 'metered') return billUsage(deps, sub, sub.cancelAtPeriodEnd || !(await stillSold(deps, sub, 'per_interaction')), at);
  if (sub.state === 'active') {
    if (sub.cancelAtPeriodEnd) return end(deps, sub, 'canceled', sub.currentPeriodEnd, 'canceled_at_period_end', at);
    if (!(await stillSold(deps, sub, 'subscription'))) return end(deps, sub, 'canceled', sub.currentPeriodEnd, 'listing_unavailable', at);
  }
  return chargeNextPeriod(deps, sub, null, at);
}

/** Is the subscription's listing still published, and sold the way the subscription bills it? */
async function stillSold(deps: PaymentDeps, sub: SubscriptionRow, model: 'subscription' | 'per_interaction'): Promise<boolean> {
  const [listing] = await deps.db.select({ state: marketListings.state, pricingModel: marketListings.pricingModel }).from(marketListings).where(eq(marketListings.id, sub.listingId));
  return listing?.state === 'published' && listing.pricingModel === model;
}

/** Ends a subscription (only if it is still as the job found it) and its entitlement at `endedAt`. */
async function end(deps: PaymentDeps, sub: SubscriptionRow, state: 'canceled' | 'lapsed', endedAt: Date, why: string, at: number): Promise<SubscriptionRow> {
  const after = await serializable(deps.ledger, async (tx) => {
    const [row] = await tx
      .update(subscriptions)
      .set({ state, endedAt, renewAt: null, graceUntil: null, updatedAt: new Date() })
      .where(and(eq(subscriptions.id, sub.id), eq(subscriptions.state, sub.state), eq(subscriptions.period, sub.period)))
      .returning();
    if (!row) return (await tx.select().from(subscriptions).where(eq(subscriptions.id, sub.id)))[0]!;
    await tx.insert(auditEvents).values({ kind: `subscription.${state}`, details: { subscriptionId: row.id, buyer: row.buyerAccountId, listing: row.listingId, why } });
    return row;
  });
  await syncEntitlements(deps, after, at);
  return after;
}
