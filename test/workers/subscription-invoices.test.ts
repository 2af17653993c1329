/**
 * Invoices of subscriptions (docs/payments.md#invoices): each paid charge of a subscription is
 * documented by an invoice of the provider's billing, paid by the charge's own payment, issued by
 * the reconciliation job. Here on the offline test provider; the Stripe calls themselves are in
 * stripe-provider.test.ts and saved-cards.test.ts.
 */
import { env, runInDurableObject } from 'cloudflare:test';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVOICE_WINDOW_MS } from '../../workers/api/payments/invoices';
import { billUsage } from '../../workers/api/payments/metered';
import { reconcile } from '../../workers/api/payments/reconcile';
import { paymentOrders, subscriptions, tierSubscriptions } from '../../workers/api/payments/schema';
import { chargeTierPeriod } from '../../workers/api/payments/tiers.service';
import { chargeNextPeriod } from '../../workers/api/payments/subscriptions.service';
import { type TestUser, call, json, signUp } from './helpers';
import { ledgerDb } from './ledger.helpers';
import { listAgent } from './market.helpers';
import { buy, paidListing, paymentDeps } from './payments.helpers';

beforeAll(async () => {
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

const deps = () => paymentDeps();
const MINUTE = 60_000;

function subscribe(buyer: TestUser, listingId: string): Promise<Response> {
  return call(`/api/v1/market/listings/${listingId}/subscribe`, { token: buyer.token, json: { payment_method: 'pm_card_visa' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
}

async function subscribed(pricing: Record<string, unknown>) {
  const [creator, buyer] = await Promise.all([signUp(), signUp()]);
  const listing = await listAgent(creator, { currency: 'EUR', ...pricing });
  const res = await subscribe(buyer, listing.id);
  expect(res.status).toBe(201);
  const { id } = await json(res);
  const [sub] = await ledgerDb().select().from(subscriptions).where(eq(subscriptions.id, id));
  return { creator, buyer, listing, sub: sub! };
}

const ordersOf = (subscriptionId: string) => ledgerDb().select().from(paymentOrders).where(eq(paymentOrders.subscriptionId, subscriptionId)).orderBy(paymentOrders.createdAt);
const orderNow = async (id: string) => (await ledgerDb().select().from(paymentOrders).where(eq(paymentOrders.id, id)))[0]!;

/** The invoice as the test provider holds it (what Stripe's dashboard and the buyer's e-mail would show). */
interface ProviderInvoice {
  status: string;
  customer: string;
  currency: string;
  amount_paid: number;
  lines: { data: { amount: number; description: string; quantity: number; period: { start: number; end: number } }[] };
  payments: { data: { payment: { payment_intent: string } }[] };
  metadata: Record<string, string>;
}
function providerInvoice(id: string): Promise<ProviderInvoice> {
  const servers = env.TEST_PAYMENTS!.get(env.TEST_PAYMENTS!.idFromName('default'));
  return runInDurableObject(servers, (_provider, state) => JSON.parse(state.storage.sql.exec<{ invoice: string }>('SELECT invoice FROM invoices WHERE id = ?', id).one().invoice) as ProviderInvoice);
}

const seconds = (at: Date | null) => Math.floor(at!.getTime() / 1000);

/**
 * Reconciliation until `done`: a run invoices at most a batch, and in this pool the shared ledger
 * also holds the charges of files run by another workerd, whose test provider this one's does not
 * know (those are refused, and tried again after the others).
 */
async function reconcileUntil(done: () => Promise<boolean>, d = deps()): Promise<void> {
  for (let run = 0; run < 20 && !(await done()); run++) await reconcile(d);
  expect(await done()).toBe(true);
}
const invoiced = (...ids: string[]) => async () => (await Promise.all(ids.map(orderNow))).every((o) => o.invoiceId !== null);

describe('invoices of subscriptions', () => {
  it('document every paid month — the first and a renewal — with an invoice paid by its own payment, shown to the buyer only, issued once', async () => {
    const { creator, buyer, listing, sub } = await subscribed({ pricing_model: 'subscription', price: 999, title: 'Nova the copywriter' });
    await chargeNextPeriod(deps(), sub, null, sub.currentPeriodEnd.getTime());
    const before = await ordersOf(sub.id);
    expect(before.map((o) => [o.state, o.invoiceId])).toEqual([
      ['succeeded', null],
      ['succeeded', null],
    ]);
    const listed = async () => (await json<Record<string, any>[]>(await call('/api/v1/payments/orders', { token: buyer.token }))).filter((o) => o.listing_id === listing.id);
    expect((await listed()).map((o) => o.invoice)).toEqual([null, null]);

    await reconcileUntil(invoiced(...before.map((o) => o.id)));
    const months = await ordersOf(sub.id);
    expect(new Set(months.map((o) => o.invoiceId)).size).toBe(2);
    for (const order of months) {
      const invoice = await providerInvoice(order.invoiceId!);
      expect(invoice).toMatchObject({ status: 'paid', customer: sub.providerCustomer, currency: 'eur', amount_paid: 999, metadata: { order_id: order.id, subscription_id: sub.id, buyer_id: buyer.id } });
      expect(invoice.lines.data).toEqual([{ object: 'line_item', amount: 999, description: 'Nova the copywriter: monthly subscription', quantity: 1, period: { start: seconds(order.coversFrom), end: seconds(order.coversUntil) } }]);
      expect(invoice.payments.data.map((p) => p.payment.payment_intent)).toEqual([order.providerPaymentId]);
    }
    expect((await listed()).map((o) => o.invoice)).toEqual(
      [...months].reverse().map((o) => ({ id: o.invoiceId, number: expect.stringMatching(/^TEST-\d{4}$/), url: null })),
    );
    // The creator sees the order, not the buyer's invoice.
    expect((await json(await call(`/api/v1/payments/orders/${months[0]!.id}`, { token: creator.token }))).invoice).toBeNull();

    await reconcile(deps());
    expect((await ordersOf(sub.id)).map((o) => o.invoiceId)).toEqual(months.map((o) => o.invoiceId));
  });

  it("invoice a metered month's bill as its replies: the quantity at the price of one", async () => {
    const { buyer, listing, sub } = await subscribed({ pricing_model: 'per_interaction', price: 25, title: 'Pay-as-you-go Ada' });
    for (let i = 0; i < 3; i++) {
      const res = await call(`/api/v1/agents/${listing.agent.id}/chat`, { token: buyer.token, json: { message: 'a slogan for a bakery?' } });
      expect(res.status).toBe(200);
      await res.text();
    }
    await billUsage(deps(), sub, false, sub.currentPeriodEnd.getTime() + 2 * MINUTE);
    const [bill] = await ordersOf(sub.id);
    expect(bill).toMatchObject({ kind: 'usage', interactions: 3, amount: 75, state: 'succeeded' });

    await reconcileUntil(invoiced(bill!.id));
    const invoice = await providerInvoice((await orderNow(bill!.id)).invoiceId!);
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 75 });
    expect(invoice.lines.data).toEqual([expect.objectContaining({ amount: 75, quantity: 3, description: 'Pay-as-you-go Ada: replies' })]);
  });

  it('leave out one-off purchases and refunded months; retry one the provider refuses on the next run, within a day of the charge', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const bought = await json(await buy(buyer, (await paidListing(creator)).id));
    const refunded = await subscribed({ pricing_model: 'subscription', price: 500 });
    const [refundedMonth] = await ordersOf(refunded.sub.id);
    expect((await call(`/api/v1/payments/orders/${refundedMonth!.id}/refund`, { token: refunded.creator.token, json: { reason: 'asked for it back' } })).status).toBe(200);
    const refused = await subscribed({ pricing_model: 'subscription', price: 600 });
    const [refusedMonth] = await ordersOf(refused.sub.id);
    const late = await subscribed({ pricing_model: 'subscription', price: 700 });
    const [lateMonth] = await ordersOf(late.sub.id);
    await ledgerDb()
      .update(paymentOrders)
      .set({ paidAt: new Date(Date.now() - INVOICE_WINDOW_MS - MINUTE) })
      .where(eq(paymentOrders.id, lateMonth!.id));

    // The provider refuses this one month's invoice (as Stripe would while it is away).
    const base = deps();
    const refusing = { ...base.provider, issueInvoice: async (request: Parameters<typeof base.provider.issueInvoice>[0]) => {
      if (request.metadata.order_id === refusedMonth!.id) throw new Error('the billing service is away');
      return base.provider.issueInvoice(request);
    } };
    await reconcileUntil(async () => (await orderNow(refusedMonth!.id)).invoiceTriedAt !== null, { ...base, provider: refusing });
    expect((await orderNow(refusedMonth!.id)).invoiceId).toBeNull();
    expect((await orderNow(bought.id)).invoiceId).toBeNull();
    expect((await orderNow(refundedMonth!.id)).invoiceId).toBeNull();
    expect((await orderNow(lateMonth!.id)).invoiceId).toBeNull();

    await reconcileUntil(invoiced(refusedMonth!.id));
    expect((await orderNow(lateMonth!.id)).invoiceId).toBeNull();
  });

  it('record a refund made after the invoice on it, as a credit note linking the refund', async () => {
    const { creator, sub } = await subscribed({ pricing_model: 'subscription', price: 800 });
    const [month] = await ordersOf(sub.id);
    await reconcileUntil(invoiced(month!.id));
    expect((await call(`/api/v1/payments/orders/${month!.id}/refund`, { token: creator.token, json: { reason: 'not what I expected' } })).status).toBe(200);
    const refunded = await orderNow(month!.id);
    expect(refunded).toMatchObject({ settlement: 'refunded', providerRefundId: expect.stringMatching(/^re_test_/), creditNoteId: null });

    await reconcileUntil(async () => (await orderNow(month!.id)).creditNoteId !== null);
    const servers = env.TEST_PAYMENTS!.get(env.TEST_PAYMENTS!.idFromName('default'));
    const { creditNoteId } = await orderNow(month!.id);
    const [recorded] = await runInDurableObject(servers, (_provider, state) => state.storage.sql.exec<{ invoice_id: string; refund_id: string; amount: number }>('SELECT invoice_id, refund_id, amount FROM credit_notes WHERE id = ?', creditNoteId!).toArray());
    expect(recorded).toEqual({ invoice_id: refunded.invoiceId, refund_id: refunded.providerRefundId, amount: 800 });
  });

  it("invoice a plan's months and its upgrade; the account lists its plan invoices, newest first", async () => {
    const user = await signUp();
    const subscribed = await call('/api/v1/payments/tiers/creator_pro/subscribe', { token: user.token, json: { payment_method: 'pm_card_visa' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(subscribed.status).toBe(201);
    const first = await json(subscribed);
    const upgraded = await call('/api/v1/payments/tiers/business/change', { token: user.token, method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(upgraded.status).toBe(200);
    const { change } = await json(upgraded);
    const [row] = await ledgerDb().select().from(tierSubscriptions).where(eq(tierSubscriptions.id, first.id));
    expect(await chargeTierPeriod(deps(), row!, row!.currentPeriodEnd.getTime())).toMatchObject({ period: 2, tier: 'business' });

    const listed = async () => json<Record<string, any>[]>(await call('/api/v1/payments/tiers/invoices', { token: user.token }));
    await reconcileUntil(async () => (await listed()).length === 3);
    const invoices = await listed();
    expect(invoices.map((i) => [i.description, i.amount, i.currency])).toEqual([
      ['SMILE Business: monthly plan', 4999, 'USD'],
      ['SMILE Business: upgrade from Creator Pro, for the rest of the month', change.amount, 'USD'],
      ['SMILE Creator Pro: monthly plan', 999, 'USD'],
    ]);
    expect(invoices[2]).toMatchObject({ id: expect.stringMatching(/^in_test_/), number: expect.stringMatching(/^TEST-\d{4}$/), url: null, period_start: first.current_period_start, period_end: first.current_period_end });
    expect(invoices[0]).toMatchObject({ period_start: first.current_period_end });
    const month = await providerInvoice(invoices[2]!.id);
    expect(month).toMatchObject({ status: 'paid', customer: row!.providerCustomer, currency: 'usd', amount_paid: 999, metadata: { tier_subscription_id: first.id, account_id: user.id } });
    expect(new Set(invoices.map((i) => i.id)).size).toBe(3);
    // Nobody else's.
    expect(await json(await call('/api/v1/payments/tiers/invoices', { token: (await signUp()).token }))).toEqual([]);
  });
});
