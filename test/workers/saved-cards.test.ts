/**
 * Subscriptions' cards on Stripe (the API stand-in, test/stripe-stand-in.ts): Stripe charges a
 * payment method that belongs to no customer once only, so a subscription's card is saved to the
 * buyer's one Customer and each later charge names it — off session when the buyer is away.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ProviderUnavailableError } from '../../workers/api/payments/providers/provider';
import { stripeProvider } from '../../workers/api/payments/providers/stripe';
import { forgetSavedCards } from '../../workers/api/payments/saved-cards';
import { planInvoicesOf } from '../../workers/api/payments/invoices';
import { reconcile } from '../../workers/api/payments/reconcile';
import { paymentOrders, providerCustomers, subscriptions, tierSubscriptions } from '../../workers/api/payments/schema';
import { chargeNextPeriod, subscribe, updatePaymentMethod } from '../../workers/api/payments/subscriptions.service';
import { changeTier } from '../../workers/api/payments/tier-changes.service';
import { chargeTierPeriod, subscribeTier } from '../../workers/api/payments/tiers.service';
import type { RecordedRequest } from '../stripe-stand-in';
import { type TestUser, signUp } from './helpers';
import { ledgerDb } from './ledger.helpers';
import { listAgent } from './market.helpers';
import { paymentDeps } from './payments.helpers';

const { STRIPE_API_BASE, STRIPE_SECRET_KEY } = inject('stripe');
const stripe = stripeProvider({ secretKey: STRIPE_SECRET_KEY, webhookSecret: 'whsec_test_0123456789abcdef0123456789abcdef', apiBase: STRIPE_API_BASE });
const deps = () => paymentDeps({ provider: stripe });
const buyerOf = (user: TestUser) => ({ id: user.id, createdAt: Date.now() });

beforeAll(async () => {
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

// The renewal jobs' tests sweep every due subscription of the shared ledger with the test provider: none of these may be due.
afterAll(async () => {
  await ledgerDb().update(subscriptions).set({ state: 'canceled', renewAt: null, endedAt: new Date() }).where(eq(subscriptions.provider, 'stripe'));
  await ledgerDb().update(tierSubscriptions).set({ state: 'canceled', renewAt: null, endedAt: new Date() }).where(eq(tierSubscriptions.provider, 'stripe'));
});

/** A payment method of the test's own, as Stripe.js makes one from a card (`tok_visa` …). */
async function newCard(token = 'tok_visa'): Promise<string> {
  const res = await fetch(`${STRIPE_API_BASE}/v1/payment_methods`, {
    method: 'POST',
    headers: { authorization: `Bearer ${STRIPE_SECRET_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ type: 'card', 'card[token]': token }),
  });
  return ((await res.json()) as { id: string }).id;
}

/** The PaymentIntents Stripe was asked for with this payment method, oldest first. */
async function intentsFor(paymentMethod: string): Promise<Record<string, string>[]> {
  const res = await fetch(`${STRIPE_API_BASE}/__stand-in/requests?path=/v1/payment_intents`);
  return ((await res.json()) as RecordedRequest[]).map((r) => r.form).filter((f) => f.payment_method === paymentMethod);
}

const customerOf = async (user: TestUser) => (await ledgerDb().select().from(providerCustomers).where(eq(providerCustomers.ownerAccountId, user.id)))[0];
const monthly = (creator: TestUser) => listAgent(creator, { pricing_model: 'subscription', price: 999, currency: 'EUR' });

describe('on Stripe', () => {
  it('refuses a second charge of a card that belongs to no customer, as Stripe does', async () => {
    const card = await newCard();
    const charge = (key: string) => stripe.charge({ amount: 500, currency: 'EUR', paymentMethod: card, description: 'once', metadata: {}, idempotencyKey: key });
    expect(await charge(crypto.randomUUID())).toMatchObject({ status: 'succeeded' });
    await expect(charge(crypto.randomUUID())).rejects.toThrow(ProviderUnavailableError);
  });

  it("saves a subscription's card to the buyer's one customer; every renewal charges it off session", async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const [listing, other] = [await monthly(creator), await monthly(creator)];
    const card = await newCard();
    const { subscription } = await subscribe(deps(), buyerOf(buyer), listing.id, { paymentMethod: card }, crypto.randomUUID());
    expect(subscription).toMatchObject({ state: 'active', period: 1, paymentMethod: card, providerCustomer: expect.stringMatching(/^cus_/) });
    expect((await customerOf(buyer))?.customerId).toBe(subscription.providerCustomer);

    const renewed = await chargeNextPeriod(deps(), subscription, null, subscription.currentPeriodEnd.getTime());
    const next = await chargeNextPeriod(deps(), renewed, null, renewed.currentPeriodEnd.getTime());
    expect(next).toMatchObject({ state: 'active', period: 3 });
    const intents = await intentsFor(card);
    expect(intents.map((f) => [f.customer, f.off_session])).toEqual([
      [subscription.providerCustomer, undefined],
      [subscription.providerCustomer, 'true'],
      [subscription.providerCustomer, 'true'],
    ]);

    // A second subscription, and a new card for it: the same customer, no second one.
    const second = await subscribe(deps(), buyerOf(buyer), other.id, { paymentMethod: 'pm_card_mastercard' }, crypto.randomUUID());
    expect(second.subscription.providerCustomer).toBe(subscription.providerCustomer);
    // Stripe's test token became a payment method of the customer's own, which is what is charged from now on.
    expect(second.subscription.paymentMethod).toMatch(/^pm_(?!card_)/);
    const newer = await newCard('tok_mastercard');
    const changed = await updatePaymentMethod(deps(), second.subscription, newer);
    expect(changed).toMatchObject({ paymentMethod: newer, providerCustomer: subscription.providerCustomer, cardLast4: '4444' });
    expect(await chargeNextPeriod(deps(), changed, null, changed.currentPeriodEnd.getTime())).toMatchObject({ state: 'active', period: 2 });
    expect((await intentsFor(newer)).map((f) => [f.customer, f.off_session])).toEqual([[subscription.providerCustomer, 'true']]);
  });

  it("documents each paid month with a Stripe invoice of the customer's, paid by that month's PaymentIntent", async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const listing = await monthly(creator);
    const { subscription } = await subscribe(deps(), buyerOf(buyer), listing.id, { paymentMethod: await newCard() }, crypto.randomUUID());
    await chargeNextPeriod(deps(), subscription, null, subscription.currentPeriodEnd.getTime());

    await reconcile(deps());
    const months = await ledgerDb().select().from(paymentOrders).where(eq(paymentOrders.subscriptionId, subscription.id)).orderBy(paymentOrders.createdAt);
    expect(months).toHaveLength(2);
    for (const month of months) {
      expect(month).toMatchObject({ invoiceId: expect.stringMatching(/^in_/), invoiceNumber: expect.stringMatching(/^STANDIN-/), invoiceUrl: expect.stringMatching(/^https:\/\/invoice\.stripe\.com\//) });
      const invoice = (await (await fetch(`${STRIPE_API_BASE}/v1/invoices/${month.invoiceId}`, { headers: { authorization: `Bearer ${STRIPE_SECRET_KEY}` } })).json()) as { payments: { data: unknown[] } };
      expect(invoice).toMatchObject({ status: 'paid', customer: subscription.providerCustomer, currency: 'eur', amount_paid: 999, metadata: { order_id: month.id } });
      expect(invoice.payments.data).toEqual([expect.objectContaining({ payment: { type: 'payment_intent', payment_intent: month.providerPaymentId } })]);
    }
  });

  it('a plan: the first month and the upgrade with the buyer there, the renewals off session, one customer', async () => {
    const user = await signUp();
    const card = await newCard();
    const { subscription } = await subscribeTier(deps(), { id: user.id, createdAt: 0 }, 'creator_pro', card, crypto.randomUUID());
    expect(subscription).toMatchObject({ state: 'active', paymentMethod: card, providerCustomer: expect.stringMatching(/^cus_/) });
    const upgraded = await changeTier(deps(), user.id, 'business', crypto.randomUUID());
    expect(upgraded.subscription).toMatchObject({ tier: 'business' });
    const renewed = await chargeTierPeriod(deps(), upgraded.subscription, upgraded.subscription.currentPeriodEnd.getTime());
    expect(renewed).toMatchObject({ state: 'active', period: 2, tier: 'business' });
    expect((await intentsFor(card)).map((f) => [f.customer, f.off_session])).toEqual([
      [subscription.providerCustomer, undefined],
      [subscription.providerCustomer, undefined],
      [subscription.providerCustomer, 'true'],
    ]);

    // Each charge's Stripe invoice, of the customer's, paid by its PaymentIntent.
    await reconcile(deps());
    const invoices = await planInvoicesOf({ ledger: ledgerDb() }, user.id);
    expect(invoices.map((i) => [i.amount, i.invoiceNumber?.startsWith('STANDIN-'), i.invoiceUrl?.startsWith('https://invoice.stripe.com/')])).toEqual([
      [4999, true, true],
      [upgraded.change.amount, true, true],
      [999, true, true],
    ]);
  });

  it('erasing the person deletes their customer and with it the saved cards; asked again, nothing happens', async () => {
    const user = await signUp();
    const card = await newCard();
    const { subscription } = await subscribeTier(deps(), { id: user.id, createdAt: 0 }, 'creator_pro', card, crypto.randomUUID());
    await forgetSavedCards(ledgerDb(), user.id, () => stripe);
    expect(await customerOf(user)).toBeUndefined();
    const sent = await (await fetch(`${STRIPE_API_BASE}/__stand-in/requests?path=/v1/customers/${subscription.providerCustomer}`)).json();
    expect(sent).toMatchObject([{ method: 'DELETE' }]);
    const charge = { amount: 500, currency: 'EUR', paymentMethod: card, description: 'after erasure', metadata: {}, idempotencyKey: crypto.randomUUID() };
    await expect(stripe.charge({ ...charge, customer: subscription.providerCustomer! })).rejects.toThrow(ProviderUnavailableError);
    await expect(stripe.charge(charge)).rejects.toThrow(ProviderUnavailableError);
    await forgetSavedCards(ledgerDb(), user.id, () => stripe);
    // Stripe no longer knowing the customer is no error either (a crash between the two steps).
    await expect(stripe.deleteCustomer(subscription.providerCustomer!)).resolves.toBeUndefined();
  });

  it('a card refused as it is saved is refused again by the first charge, with the reason, and nothing is active', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const listing = await monthly(creator);
    const { subscription } = await subscribe(deps(), buyerOf(buyer), listing.id, { paymentMethod: await newCard('tok_chargeDeclined') }, crypto.randomUUID());
    expect(subscription).toMatchObject({ state: 'incomplete_expired', period: 0, failureCode: 'card_declined' });
  });
});
