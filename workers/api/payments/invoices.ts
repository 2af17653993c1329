/**
 * Invoices for subscriptions (docs/payments.md#invoices): every paid charge of a subscription — a
 * listing's month, an upgrade's rest of one, a metered month's replies, a plan's month or
 * upgrade — is documented by an invoice of the provider's billing (Stripe Billing), paid by that
 * charge's own payment. SMILE keeps the schedule and the money; the invoice is the buyer's
 * document, in their customer history at the provider (Stripe hosts its page and PDF and e-mails
 * the receipt).
 *
 * Issued after the charge is booked, by the reconciliation job, so a charge never waits for (or
 * fails because of) its paperwork; the provider's keys (`invoice:<order or journal transaction>`)
 * make a retry answer the same invoice. Charges without a saved card's customer (subscriptions
 * older than saved cards) and refunded ones are not invoiced. A charge refunded after its invoice
 * was issued gets a credit note on the invoice, linking the refund (`credit:<order>`).
 */
import { and, asc, desc, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import { periodOf } from '../../../shared/money/billing-period';
import { TIERS, type TierId } from '../../../shared/money/tiers';
import { marketListings } from '../db/market';
import { isPeriodCharge, type PaymentDeps } from './checkout.service';
import type { InvoiceLine, InvoiceRequest, IssuedInvoice } from './providers/provider';
import { journalTransactions, paymentOrders, tierChanges, tierInvoices, tierSubscriptions, type PaymentOrderRow, type TierInvoiceRow } from './schema';

type Deps = Pick<PaymentDeps, 'db' | 'ledger' | 'provider'>;

/**
 * How long after its charge an invoice is still asked for: Stripe keeps an idempotency key's
 * answer for 24 hours, so a retry within it can never issue a second invoice. A charge still
 * without one after that (the provider refusing it all day) is left to a person, from the log.
 */
export const INVOICE_WINDOW_MS = 24 * 60 * 60 * 1000;

// Within the window, those never tried first, then the longest since tried: a charge the provider
// keeps refusing never holds up the others.

/** Paid subscription charges (orders) of this provider still without their invoice. */
export function uninvoicedOrders(deps: Pick<Deps, 'ledger' | 'provider'>, at: number, batch: number): Promise<PaymentOrderRow[]> {
  const o = paymentOrders;
  return deps.ledger
    .select()
    .from(o)
    .where(
      and(
        eq(o.state, 'succeeded'),
        isNotNull(o.subscriptionId),
        isNotNull(o.providerCustomer),
        isNull(o.invoiceId),
        gte(o.paidAt, new Date(at - INVOICE_WINDOW_MS)),
        eq(o.provider, deps.provider.name),
        sql`${o.settlement} IS DISTINCT FROM 'refunded'`,
      ),
    )
    .orderBy(sql`${o.invoiceTriedAt} ASC NULLS FIRST`, asc(o.paidAt))
    .limit(batch);
}

/** The invoice's one line for an order: what it paid for, over the stretch of time it covers. */
function orderLine(order: PaymentOrderRow, title: string): InvoiceLine {
  const stretch = { periodStart: order.coversFrom!, periodEnd: order.coversUntil! };
  if (order.kind === 'usage') {
    const count = order.interactions!;
    // The provider's invoice shows the quantity and the unit price beside the description.
    return { description: `${title}: replies`, amount: order.amount, quantity: { count, unitAmount: order.amount / count }, ...stretch };
  }
  return { description: isPeriodCharge(order) ? `${title}: monthly subscription` : `${title}: upgrade, for the rest of the month`, amount: order.amount, ...stretch };
}

/** Issues an order's invoice and records it on the order (once: a second run records nothing new). */
export async function invoiceOrder(deps: Deps, order: PaymentOrderRow, at = Date.now()): Promise<void> {
  await deps.ledger.update(paymentOrders).set({ invoiceTriedAt: new Date(at) }).where(eq(paymentOrders.id, order.id));
  const [listing] = await deps.db.select({ title: marketListings.title }).from(marketListings).where(eq(marketListings.id, order.listingId));
  const issued = await issue(deps, order.id, {
    customer: order.providerCustomer!,
    currency: order.currency,
    paymentId: order.providerPaymentId!,
    line: orderLine(order, listing?.title ?? 'SMILE marketplace agent'),
    metadata: { order_id: order.id, subscription_id: order.subscriptionId!, buyer_id: order.buyerAccountId },
  });
  await deps.ledger
    .update(paymentOrders)
    .set({ invoiceId: issued.invoiceId, invoiceNumber: issued.number, invoiceUrl: issued.url })
    .where(and(eq(paymentOrders.id, order.id), isNull(paymentOrders.invoiceId)));
}

/** Invoiced charges refunded since, whose invoice does not say so yet (no credit note). */
export function uncreditedOrders(deps: Pick<Deps, 'ledger' | 'provider'>, at: number, batch: number): Promise<PaymentOrderRow[]> {
  const o = paymentOrders;
  return deps.ledger
    .select()
    .from(o)
    .where(and(eq(o.settlement, 'refunded'), isNotNull(o.invoiceId), isNull(o.creditNoteId), isNotNull(o.providerRefundId), gte(o.updatedAt, new Date(at - INVOICE_WINDOW_MS)), eq(o.provider, deps.provider.name)))
    .orderBy(asc(o.updatedAt))
    .limit(batch);
}

/** Records a refunded order's refund on its invoice as a credit note (once). */
export async function creditOrder(deps: Pick<Deps, 'ledger' | 'provider'>, order: PaymentOrderRow): Promise<void> {
  const { creditNoteId } = await deps.provider.creditInvoice({ invoiceId: order.invoiceId!, refundId: order.providerRefundId!, amount: order.amount, memo: 'Refunded', idempotencyKey: `credit:${order.id}` });
  await deps.ledger.update(paymentOrders).set({ creditNoteId }).where(and(eq(paymentOrders.id, order.id), isNull(paymentOrders.creditNoteId)));
}

/** A plan's paid charge still without its invoice: its journal transaction, as posted (tiers.service.ts, tier-changes.service.ts). */
interface PlanCharge {
  journalTransactionId: string;
  metadata: Record<string, unknown>;
  subscription: typeof tierSubscriptions.$inferSelect;
  /** An upgrade's stretch; null for a month. */
  coversFrom: Date | null;
  coversUntil: Date | null;
}

/** Plans' paid charges (their journal transactions) of this provider still without their invoice. */
export function uninvoicedPlanCharges(deps: Pick<Deps, 'ledger' | 'provider'>, at: number, batch: number): Promise<PlanCharge[]> {
  const jt = journalTransactions;
  return deps.ledger
    .select({ journalTransactionId: jt.id, metadata: jt.metadata, subscription: tierSubscriptions, coversFrom: tierChanges.coversFrom, coversUntil: tierChanges.coversUntil })
    .from(jt)
    .innerJoin(tierSubscriptions, eq(tierSubscriptions.id, sql`${jt.metadata}->>'tierSubscriptionId'`))
    .leftJoin(tierChanges, eq(tierChanges.id, sql`${jt.metadata}->>'tierChangeId'`))
    .leftJoin(tierInvoices, eq(tierInvoices.journalTransactionId, jt.id))
    .where(and(eq(jt.kind, 'tier'), gte(jt.createdAt, new Date(at - INVOICE_WINDOW_MS)), isNotNull(tierSubscriptions.providerCustomer), eq(tierSubscriptions.provider, deps.provider.name), isNull(tierInvoices.invoiceId)))
    .orderBy(sql`${tierInvoices.triedAt} ASC NULLS FIRST`, asc(jt.createdAt))
    .limit(batch);
}

/** The invoice's one line for a plan's charge: a month of the plan, or an upgrade's rest of one. */
function planLine(charge: PlanCharge): InvoiceLine {
  const m = charge.metadata as { tier: TierId; gross: number; period?: number; from?: TierId };
  const name = `SMILE ${TIERS[m.tier].name}`;
  if (charge.coversFrom && charge.coversUntil) {
    return { description: `${name}: upgrade from ${TIERS[m.from!].name}, for the rest of the month`, amount: m.gross, periodStart: charge.coversFrom, periodEnd: charge.coversUntil };
  }
  const covers = periodOf(charge.subscription.anchorAt.getTime(), m.period!);
  return { description: `${name}: monthly plan`, amount: m.gross, periodStart: new Date(covers.start), periodEnd: new Date(covers.end) };
}

/** Issues a plan charge's invoice and records it (`tier_invoices`; once: a second run records nothing new). */
export async function invoicePlanCharge(deps: Deps, charge: PlanCharge, at = Date.now()): Promise<void> {
  const sub = charge.subscription;
  const line = planLine(charge);
  const row = { journalTransactionId: charge.journalTransactionId, accountId: sub.accountId, tierSubscriptionId: sub.id, description: line.description, amount: line.amount, currency: sub.currency, periodStart: line.periodStart, periodEnd: line.periodEnd, triedAt: new Date(at) };
  await deps.ledger.insert(tierInvoices).values(row).onConflictDoUpdate({ target: tierInvoices.journalTransactionId, set: { triedAt: row.triedAt } });
  const issued = await issue(deps, charge.journalTransactionId, {
    customer: sub.providerCustomer!,
    currency: sub.currency,
    paymentId: String(charge.metadata.paymentId),
    line,
    metadata: { tier_subscription_id: sub.id, account_id: sub.accountId, journal_transaction_id: charge.journalTransactionId },
  });
  await deps.ledger
    .update(tierInvoices)
    .set({ invoiceId: issued.invoiceId, invoiceNumber: issued.number, invoiceUrl: issued.url })
    .where(and(eq(tierInvoices.journalTransactionId, charge.journalTransactionId), isNull(tierInvoices.invoiceId)));
}

/** An account's plan invoices, newest first. */
export function planInvoicesOf(deps: Pick<Deps, 'ledger'>, accountId: string): Promise<TierInvoiceRow[]> {
  return deps.ledger
    .select()
    .from(tierInvoices)
    .where(and(eq(tierInvoices.accountId, accountId), isNotNull(tierInvoices.invoiceId)))
    .orderBy(desc(tierInvoices.periodStart));
}

/** One charge's invoice, under the charge's own key. */
function issue(deps: Pick<Deps, 'provider'>, chargeId: string, request: Omit<InvoiceRequest, 'idempotencyKey'>): Promise<IssuedInvoice> {
  return deps.provider.issueInvoice({ ...request, idempotencyKey: `invoice:${chargeId}` });
}
