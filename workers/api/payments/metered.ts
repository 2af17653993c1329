/**
 * Metered subscriptions (docs/payments.md#metered-subscriptions): a per-interaction listing's
 * replies on the monthly bill instead of prepaid packs. Each reply is recorded in D1 as it is
 * taken (market/entitlements.service.ts `takeInteraction`, within the buyer's usage limit); a
 * minute after a period ends, the renewal job counts the period's replies and charges them in one
 * order of kind `usage` (replies × the price of one), off session with the saved card — escrow,
 * the 70/30 split and release as for any order. The bill's key is
 * `usage:<subscription>:period:<k>:attempt:<n>`, so a period is charged once however often the
 * job runs. A refused bill makes the subscription past due (no replies on credit) and is retried
 * daily within the grace; a period without replies is closed without an order.
 */
import { periodOf } from '../../../shared/money/billing-period';
import type { Db } from '../context';
import { meteredUsage } from '../market/entitlements.service';
import { chargeFor, ensureEntitlement, providerCall, type PaymentDeps } from './checkout.service';
import { serializable, type LedgerTx } from './ledger';
import { openOrder } from './orders';
import type { ChargeResult } from './providers/provider';
import { isLive, type PaymentOrderRow, type SubscriptionRow } from './schema';
import { BILL_DELAY_MS, lockSubscription, pastDue, periodOrder, recordCharge, syncEntitlements, update } from './subscriptions.service';

/**
 * Bills the period in use (the one after the last billed): its replies are counted and charged.
 * `final`: the subscription ends with this period (canceled, or its listing is no longer sold).
 */
export async function billUsage(deps: PaymentDeps, sub: SubscriptionRow, final: boolean, at = Date.now()): Promise<SubscriptionRow> {
  const k = sub.period + 1;
  const covers = periodOf(sub.anchorAt.getTime(), k);
  const used = (await meteredUsage(deps.db, [{ subscriptionId: sub.id, from: covers.start, until: covers.end }])).get(sub.id) ?? 0;
  let order: PaymentOrderRow | null = null;
  let result: ChargeResult | null = null;
  if (used > 0) {
    ({ order } = await openOrder(
      deps.ledger,
      {
        ...periodOrder(sub, `usage:${sub.id}:period:${k}:attempt:${sub.attempt}`, covers),
        listingId: sub.listingId,
        agentId: sub.agentId,
        kind: 'usage',
        interactions: used,
        amount: used * sub.price,
        offSession: true,
      },
      // Not screened, as renewals are not: the buyer agreed to the bill, within their limit, when subscribing.
      null,
    ));
    if (order.state === 'pending') result = await providerCall(deps, () => deps.provider.charge(chargeFor(order!)));
  }
  const { after, settled } = await serializable(deps.ledger, async (tx) => {
    const settled = order && (await recordCharge(tx, order, result, at));
    return { after: await finishBill(tx, sub.id, settled, k, sub.attempt, final, at), settled };
  });
  // The sale for analytics; a bill grants nothing (the subscription's entitlement is the grant).
  if (settled) await ensureEntitlement(deps, settled);
  await syncEntitlements(deps, after, at);
  return after;
}

/** Period `k` was billed (or had nothing to bill), or attempt `attempt` at its bill failed: the subscription moves on, once. */
async function finishBill(tx: LedgerTx, id: string, order: PaymentOrderRow | null, k: number, attempt: number, final: boolean, at: number): Promise<SubscriptionRow> {
  const sub = await lockSubscription(tx, id);
  if (sub.period >= k || sub.attempt !== attempt || !isLive(sub)) return sub;
  if (order?.state === 'pending') return sub;
  if (order && order.state !== 'succeeded') return pastDue(tx, sub, order, k, attempt, at);
  const billed = { orderId: order?.id ?? null, period: k, interactions: order?.interactions ?? 0, amount: order?.amount ?? 0 };
  const paid = { period: k, attempt: 0, graceUntil: null, failureCode: null, failureMessage: null };
  if (final) return update(tx, sub, { ...paid, state: 'canceled', renewAt: null, endedAt: sub.currentPeriodEnd }, 'subscription.canceled', billed);
  const next = periodOf(sub.anchorAt.getTime(), k + 1);
  return update(
    tx,
    sub,
    { ...paid, state: 'active', currentPeriodStart: new Date(next.start), currentPeriodEnd: new Date(next.end), renewAt: new Date(next.end + BILL_DELAY_MS) },
    'subscription.billed',
    billed,
  );
}

/** The replies each live metered subscription has used so far in its current period. */
export function currentUsage(db: Db, subs: SubscriptionRow[]): Promise<Map<string, number>> {
  const live = subs.filter((s) => s.billing === 'metered' && isLive(s));
  return meteredUsage(
    db,
    live.map((s) => ({ subscriptionId: s.id, from: s.currentPeriodStart.getTime(), until: s.currentPeriodEnd.getTime() })),
  );
}
