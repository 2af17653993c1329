/**
 * The reconciliation job (cron): makes whole what a crash, a timeout or a lost webhook left
 * half done, and releases escrow whose hold has elapsed.
 *  - pending orders older than a minute: the provider is asked again with the order's own
 *    idempotency key — the first charge's answer if there was one (never a second charge); one
 *    waiting for its buyer's bank is looked up, and given up after an hour; a subscription's first
 *    month or upgrade then moves its subscription;
 *  - paid orders without their D1 entitlement, settled over a minute ago (the paying request or
 *    the provider's webhook grants a fresh one; a sweep repairs what they left): granted;
 *  - held orders past `release_at` and not disputed: released to the creator;
 *  - payouts left pending (the provider did not answer, nobody retried): the transfer asked
 *    again with the payout's own key, then recorded as paid or reversed;
 *  - plan upgrades left pending the same way: charged again with the change's own key and amount,
 *    then applied or recorded as failed;
 *  - paid subscription charges (listings' and plans') without their invoice: issued with the
 *    provider (invoices.ts); invoiced ones refunded since: a credit note on the invoice.
 * Each step is idempotent, so overlapping runs are harmless.
 */
import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import { applyCharge, askProvider, ensureEntitlement, type PaymentDeps } from './checkout.service';
import { creditOrder, invoiceOrder, invoicePlanCharge, uncreditedOrders, uninvoicedOrders, uninvoicedPlanCharges } from './invoices';
import { AUTHENTICATION_ABANDONED, AUTHENTICATION_WINDOW_MS, failOrder, releaseOrder } from './orders';
import { transfer } from './payouts';
import { finishSubscriptionOrder } from './subscriptions.service';
import { paymentOrders, payouts, type PaymentOrderRow } from './schema';
import { chargeUpgrade, stalePendingUpgrades } from './tier-changes.service';

const STALE_PENDING_MS = 60_000;
const BATCH = 100;

export interface Reconciled {
  charged: number;
  granted: number;
  released: number;
  paidOut: number;
  planChanges: number;
  invoiced: number;
  failures: number;
}

/**
 * A pending order's outcome, asked of the provider again. One still waiting for its buyer's bank
 * after `AUTHENTICATION_WINDOW_MS` is given up (nothing was charged; if the buyer authenticates
 * later after all, the provider's success still settles it — a success wins over a failure).
 */
async function finishPending(deps: PaymentDeps, order: PaymentOrderRow, at: number): Promise<void> {
  const result = await askProvider(deps, order);
  const abandoned = result.status === 'requires_action' && order.createdAt.getTime() <= at - AUTHENTICATION_WINDOW_MS;
  const decided = abandoned ? await failOrder(deps.ledger, order.id, { ...AUTHENTICATION_ABANDONED, paymentId: result.paymentId, card: result.card }) : await applyCharge(deps, order.id, result);
  // A subscription's first month or upgrade: the subscription follows its order now.
  await finishSubscriptionOrder(deps, decided);
}

export async function reconcile(deps: PaymentDeps, at = Date.now()): Promise<Reconciled> {
  const o = paymentOrders;
  const done: Reconciled = { charged: 0, granted: 0, released: 0, paidOut: 0, planChanges: 0, invoiced: 0, failures: 0 };
  const attempt = async (work: () => Promise<unknown>, count: keyof Omit<Reconciled, 'failures'>, id: string) => {
    try {
      await work();
      done[count]++;
    } catch (err) {
      done.failures++;
      deps.log.warn('reconciliation step failed; the next run retries it', { id, step: count, error: String(err) });
    }
  };

  const pending = await deps.ledger.select().from(o).where(and(eq(o.state, 'pending'), lte(o.updatedAt, new Date(at - STALE_PENDING_MS)))).orderBy(asc(o.updatedAt)).limit(BATCH);
  for (const order of pending) await attempt(() => finishPending(deps, order, at), 'charged', order.id);

  // Newest first: a grant that keeps failing (a listing gone from D1) must not hold up a buyer's fresh one behind a full batch.
  const ungranted = await deps.ledger
    .select()
    .from(o)
    .where(and(eq(o.state, 'succeeded'), isNull(o.entitlementGrantedAt), sql`${o.settlement} <> 'refunded'`, lte(o.updatedAt, new Date(at - STALE_PENDING_MS))))
    .orderBy(desc(o.updatedAt))
    .limit(BATCH);
  for (const order of ungranted) await attempt(() => ensureEntitlement(deps, order), 'granted', order.id);

  const due = await deps.ledger.select({ id: o.id }).from(o).where(and(eq(o.settlement, 'held'), isNull(o.disputedAt), lte(o.releaseAt, new Date(at)))).orderBy(asc(o.releaseAt)).limit(BATCH);
  for (const { id } of due) await attempt(() => releaseOrder(deps.ledger, id, 'hold_elapsed'), 'released', id);

  const stuck = await deps.ledger.select().from(payouts).where(and(eq(payouts.state, 'pending'), lte(payouts.updatedAt, new Date(at - STALE_PENDING_MS)))).orderBy(asc(payouts.updatedAt)).limit(BATCH);
  for (const payout of stuck) await attempt(() => transfer(deps, payout), 'paidOut', payout.id);

  for (const change of await stalePendingUpgrades(deps, at, STALE_PENDING_MS, BATCH)) await attempt(() => chargeUpgrade(deps, change, at), 'planChanges', change.id);

  for (const order of await uninvoicedOrders(deps, at, BATCH)) await attempt(() => invoiceOrder(deps, order, at), 'invoiced', order.id);
  for (const charge of await uninvoicedPlanCharges(deps, at, BATCH)) await attempt(() => invoicePlanCharge(deps, charge, at), 'invoiced', charge.journalTransactionId);
  for (const order of await uncreditedOrders(deps, at, BATCH)) await attempt(() => creditOrder(deps, order), 'invoiced', order.id);

  return done;
}
