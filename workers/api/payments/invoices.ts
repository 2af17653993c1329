/**
 * Invoices for subscriptions (docs/payments.md#invoices): every paid charge of a subscription — a
 * month, an upgrade's rest of one, a metered month's replies — is documented by an invoice of the
 * provider's billing (Stripe Billing), paid by that charge's own payment. SMILE keeps the schedule
 * and the money; the invoice is the buyer's document, in their customer history at the provider
 * (Stripe hosts its page and PDF and e-mails the receipt).
 *
 * Issued after the charge is booked, by the reconciliation job, so a charge never waits for (or
 * fails because of) its paperwork; the provider's keys (`invoice:<order>`) make a retry answer
 * the same invoice. Charges without a saved card's customer (subscriptions older than saved
 * cards) and refunded ones are not invoiced.
 */
import { and, asc, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import { marketListings } from '../db/market';
import { isPeriodCharge, type PaymentDeps } from './checkout.service';
import type { InvoiceLine } from './providers/provider';
import { paymentOrders, type PaymentOrderRow } from './schema';

/**
 * How long after its charge an invoice is still asked for: Stripe keeps an idempotency key's
 * answer for 24 hours, so a retry within it can never issue a second invoice. A charge still
 * without one after that (the provider refusing it all day) is left to a person, from the log.
 */
export const INVOICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Paid subscription charges of this provider still without their invoice, within the window:
 * those never tried first, then the longest since tried, so a charge the provider keeps refusing
 * never holds up the others.
 */
export function uninvoicedOrders(deps: Pick<PaymentDeps, 'ledger' | 'provider'>, at: number, batch: number): Promise<PaymentOrderRow[]> {
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

/** The invoice's one line: what the order paid for, over the stretch of time it covers. */
export function invoiceLine(order: PaymentOrderRow, title: string): InvoiceLine {
  const stretch = { periodStart: order.coversFrom!, periodEnd: order.coversUntil! };
  if (order.kind === 'usage') {
    const count = order.interactions!;
    // The provider's invoice shows the quantity and the unit price beside the description.
    return { description: `${title}: replies`, amount: order.amount, quantity: { count, unitAmount: order.amount / count }, ...stretch };
  }
  return { description: isPeriodCharge(order) ? `${title}: monthly subscription` : `${title}: upgrade, for the rest of the month`, amount: order.amount, ...stretch };
}

/** Issues the order's invoice with the provider and records it on the order (once: a second run records nothing new). */
export async function invoiceOrder(deps: Pick<PaymentDeps, 'db' | 'ledger' | 'provider'>, order: PaymentOrderRow, at = Date.now()): Promise<PaymentOrderRow> {
  await deps.ledger.update(paymentOrders).set({ invoiceTriedAt: new Date(at) }).where(eq(paymentOrders.id, order.id));
  const [listing] = await deps.db.select({ title: marketListings.title }).from(marketListings).where(eq(marketListings.id, order.listingId));
  const issued = await deps.provider.issueInvoice({
    customer: order.providerCustomer!,
    currency: order.currency,
    paymentId: order.providerPaymentId!,
    line: invoiceLine(order, listing?.title ?? 'SMILE marketplace agent'),
    metadata: { order_id: order.id, subscription_id: order.subscriptionId!, buyer_id: order.buyerAccountId },
    idempotencyKey: `invoice:${order.id}`,
  });
  const [recorded] = await deps.ledger
    .update(paymentOrders)
    .set({ invoiceId: issued.invoiceId, invoiceNumber: issued.number, invoiceUrl: issued.url })
    .where(and(eq(paymentOrders.id, order.id), isNull(paymentOrders.invoiceId)))
    .returning();
  return recorded ?? order;
}
