import { env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig, type Env } from '../../workers/env';
import { type ChargeRequest, ProviderUnavailableError, TransferRefusedError, WebhookSignatureError } from '../../workers/api/payments/providers/provider';
import { stripeProvider } from '../../workers/api/payments/providers/stripe';
import { signLikeStripe } from '../../workers/api/payments/providers/stripe-signature';
import type { RecordedRequest } from '../stripe-stand-in';

/**
 * The Stripe provider against the local stand-in for api.stripe.com (test/stripe-stand-in.ts):
 * the requests it sends are checked against Stripe's documented shapes, Stripe's answers and
 * errors against what SMILE makes of them.
 */
const { STRIPE_API_BASE, STRIPE_SECRET_KEY } = inject('stripe');
const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef0123456789abcdef';
const stripe = stripeProvider({ secretKey: STRIPE_SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiBase: STRIPE_API_BASE });

const unique = () => crypto.randomUUID();

function chargeRequest(overrides: Partial<ChargeRequest> = {}): ChargeRequest {
  return {
    amount: 1250,
    currency: 'EUR',
    paymentMethod: 'pm_card_visa',
    description: 'SMILE order',
    metadata: { order_id: unique() },
    idempotencyKey: unique(),
    ...overrides,
  };
}

/** What the stand-in received with this Idempotency-Key, oldest first. */
async function requestsWith(idempotencyKey: string): Promise<RecordedRequest[]> {
  const res = await fetch(`${STRIPE_API_BASE}/__stand-in/requests?idempotency_key=${encodeURIComponent(idempotencyKey)}`);
  return res.json();
}

/** The next requests carrying this key fail with these statuses before Stripe runs anything. */
async function outage(idempotencyKey: string, statuses: number[]) {
  await fetch(`${STRIPE_API_BASE}/__stand-in/outages`, { method: 'POST', body: JSON.stringify({ idempotencyKey, statuses }) });
}

describe('charging a card', () => {
  it('creates and confirms one PaymentIntent, form-encoded as Stripe documents, and reports the card', async () => {
    const request = chargeRequest();
    const result = await stripe.charge(request);

    expect(result).toEqual({ status: 'succeeded', paymentId: expect.stringMatching(/^pi_/), card: { brand: 'visa', last4: '4242', fingerprint: 'Xt5EWLLDS7FJjR1c' } });
    const sent = await requestsWith(request.idempotencyKey);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: '/v1/payment_intents',
      headers: {
        authorization: `Bearer ${STRIPE_SECRET_KEY}`,
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': request.idempotencyKey,
        'stripe-version': '2026-10-28.endive',
      },
      form: {
        amount: '1250',
        currency: 'eur',
        confirm: 'true',
        payment_method: 'pm_card_visa',
        description: 'SMILE order',
        'metadata[order_id]': request.metadata.order_id,
        'automatic_payment_methods[enabled]': 'true',
        'automatic_payment_methods[allow_redirects]': 'never',
        'expand[0]': 'payment_method',
      },
    });
  });

  it('returns the first payment when asked again with the same key, so nothing is charged twice', async () => {
    const request = chargeRequest({ paymentMethod: 'pm_card_mastercard' });
    const first = await stripe.charge(request);
    const again = await stripe.charge(request);

    expect(again).toEqual(first);
    expect(first).toMatchObject({ status: 'succeeded', card: { brand: 'mastercard', last4: '4444' } });
  });

  it.each([
    ['pm_card_visa_chargeDeclined', 'card_declined', 'Your card was declined.', '0002'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'insufficient_funds', 'Your card has insufficient funds.', '9995'],
    ['pm_card_visa_chargeDeclinedExpiredCard', 'expired_card', 'Your card has expired.', '0069'],
    ['pm_card_visa_chargeDeclinedIncorrectCvc', 'incorrect_cvc', "Your card's security code is incorrect.", '0127'],
    ['pm_card_visa_chargeDeclinedProcessingError', 'processing_error', 'An error occurred while processing your card. Try again in a little bit.', '0119'],
  ])('turns Stripe’s decline of %s (HTTP 402, card_error) into %s', async (paymentMethod, code, message, last4) => {
    const result = await stripe.charge(chargeRequest({ paymentMethod }));

    expect(result).toEqual({ status: 'failed', paymentId: expect.stringMatching(/^pi_/), code, message, card: expect.objectContaining({ brand: 'visa', last4 }) });
  });

  it('declines a card that asks for 3-D Secure when the charge must be decided now (no buyer to authenticate it)', async () => {
    const request = chargeRequest({ paymentMethod: 'pm_card_authenticationRequired' });
    const result = await stripe.charge(request);

    expect(result).toMatchObject({ status: 'failed', paymentId: expect.stringMatching(/^pi_/), code: 'authentication_required', card: { last4: '3184' } });
    expect(result.status === 'failed' && result.message).toMatch(/3-D Secure/);
    expect((await requestsWith(request.idempotencyKey))[0]!.form.use_stripe_sdk).toBeUndefined();
  });

  it('on session, hands a 3-D Secure card\'s client secret to Stripe.js (use_stripe_sdk), and reads the outcome back with GET /v1/payment_intents/:id', async () => {
    const request = chargeRequest({ paymentMethod: 'pm_card_authenticationRequired' });
    const waiting = await stripe.chargeOnSession(request);

    expect(waiting).toEqual({ status: 'requires_action', paymentId: expect.stringMatching(/^pi_/), clientSecret: expect.stringMatching(/^pi_\w+_secret_\w+$/), card: expect.objectContaining({ last4: '3184' }) });
    const [sent] = await requestsWith(request.idempotencyKey);
    expect(sent!.form).toMatchObject({ confirm: 'true', use_stripe_sdk: 'true', 'automatic_payment_methods[allow_redirects]': 'never' });
    expect(sent!.form.off_session).toBeUndefined();
    expect(await stripe.chargeOnSession(request)).toEqual(waiting);
    if (waiting.status !== 'requires_action') return;
    expect(await stripe.retrievePayment(waiting.paymentId)).toEqual(waiting);

    // What Stripe.js's handleNextAction and the bank's page do in the buyer's browser.
    await fetch(`${STRIPE_API_BASE}/__stand-in/authenticate`, { method: 'POST', body: JSON.stringify({ client_secret: waiting.clientSecret, approve: true }) });
    expect(await stripe.retrievePayment(waiting.paymentId)).toEqual({ status: 'succeeded', paymentId: waiting.paymentId, card: waiting.card });
    const reads = ((await (await fetch(`${STRIPE_API_BASE}/__stand-in/requests?path=/v1/payment_intents/${waiting.paymentId}`)).json()) as RecordedRequest[]).filter((r) => r.method === 'GET');
    expect(reads.at(-1)!.form).toMatchObject({ 'expand[0]': 'payment_method' });

    const failing = await stripe.chargeOnSession(chargeRequest({ paymentMethod: 'pm_card_authenticationRequired' }));
    if (failing.status !== 'requires_action') throw new Error(`expected requires_action, got ${failing.status}`);
    await fetch(`${STRIPE_API_BASE}/__stand-in/authenticate`, { method: 'POST', body: JSON.stringify({ client_secret: failing.clientSecret, approve: false }) });
    expect(await stripe.retrievePayment(failing.paymentId)).toMatchObject({ status: 'failed', code: 'authentication_required', message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.' });
  });

  it("a subscription's first month, on session, saves the card for the renewals with the same authentication (setup_future_usage)", async () => {
    const request = chargeRequest({ savesCard: true });
    expect(await stripe.chargeOnSession(request)).toMatchObject({ status: 'succeeded' });
    expect((await requestsWith(request.idempotencyKey))[0]!.form).toMatchObject({ setup_future_usage: 'off_session', use_stripe_sdk: 'true' });
    const plain = chargeRequest();
    await stripe.chargeOnSession(plain);
    expect((await requestsWith(plain.idempotencyKey))[0]!.form.setup_future_usage).toBeUndefined();
  });

  it('retries a 500 with the same Idempotency-Key, and the retry’s answer counts', async () => {
    const request = chargeRequest();
    await outage(request.idempotencyKey, [500, 503]);

    const result = await stripe.charge(request);

    expect(result.status).toBe('succeeded');
    const sent = await requestsWith(request.idempotencyKey);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.form['metadata[order_id]']))).toEqual(new Set([request.metadata.order_id]));
  });

  it('gives up with ProviderUnavailableError when Stripe keeps failing', async () => {
    const request = chargeRequest();
    await outage(request.idempotencyKey, [500, 500, 500]);

    await expect(stripe.charge(request)).rejects.toThrow(ProviderUnavailableError);
    expect(await requestsWith(request.idempotencyKey)).toHaveLength(3);
  });

  it('is unavailable, without retrying, when Stripe rate-limits or refuses the key', async () => {
    const limited = chargeRequest();
    await outage(limited.idempotencyKey, [429]);
    await expect(stripe.charge(limited)).rejects.toThrow(ProviderUnavailableError);
    expect(await requestsWith(limited.idempotencyKey)).toHaveLength(1);

    const revoked = stripeProvider({ secretKey: 'sk_test_revoked', webhookSecret: WEBHOOK_SECRET, apiBase: STRIPE_API_BASE });
    const request = chargeRequest();
    const error = await revoked.charge(request).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toHaveProperty('message', expect.stringMatching(/Invalid API Key/));
    expect(await requestsWith(request.idempotencyKey)).toHaveLength(1);
  });

  it('is unavailable when Stripe cannot be reached at all', async () => {
    const unreachable = stripeProvider({ secretKey: STRIPE_SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiBase: 'http://127.0.0.1:1' });

    await expect(unreachable.charge(chargeRequest())).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('is unavailable, with Stripe’s reason, for a payment method Stripe does not know', async () => {
    await expect(stripe.charge(chargeRequest({ paymentMethod: 'pm_nobody_made_this' }))).rejects.toThrow(/No such PaymentMethod/);
  });
});

describe('describing a payment method', () => {
  it("reads the card's brand, last four digits and fingerprint with GET /v1/payment_methods/:id, and knows no card for an unknown id", async () => {
    expect(await stripe.describePaymentMethod('pm_card_visa')).toEqual({ brand: 'visa', last4: '4242', fingerprint: expect.any(String) });
    expect(await stripe.describePaymentMethod('pm_nobody_made_this')).toBeNull();
    const res = await fetch(`${STRIPE_API_BASE}/__stand-in/requests`);
    const gets = ((await res.json()) as RecordedRequest[]).filter((r) => r.method === 'GET' && r.path === '/v1/payment_methods/pm_card_visa');
    expect(gets.length).toBeGreaterThan(0);
    expect(gets[0]!.headers.authorization).toBe(`Bearer ${STRIPE_SECRET_KEY}`);
  });
});

describe('refunds', () => {
  it('refund the whole payment, or part of it, through Refunds with the idempotency key', async () => {
    const payment = await stripe.charge(chargeRequest({ amount: 3000 }));
    if (payment.status !== 'succeeded') throw new Error('the charge should have succeeded');

    const partKey = unique();
    const part = await stripe.refund({ paymentId: payment.paymentId, amount: 1000, idempotencyKey: partKey });
    const restKey = unique();
    const rest = await stripe.refund({ paymentId: payment.paymentId, idempotencyKey: restKey });

    expect(part.refundId).toMatch(/^re_/);
    expect(rest.refundId).toMatch(/^re_/);
    expect(rest.refundId).not.toBe(part.refundId);
    const [partSent] = await requestsWith(partKey);
    expect(partSent).toMatchObject({ method: 'POST', path: '/v1/refunds', form: { payment_intent: payment.paymentId, amount: '1000' } });
    const [restSent] = await requestsWith(restKey);
    expect(restSent?.form).toEqual({ payment_intent: payment.paymentId });
  });

  it('are unavailable, with Stripe’s reason, when Stripe refuses them', async () => {
    const payment = await stripe.charge(chargeRequest({ amount: 500 }));
    if (payment.status !== 'succeeded') throw new Error('the charge should have succeeded');

    await expect(stripe.refund({ paymentId: payment.paymentId, amount: 501, idempotencyKey: unique() })).rejects.toThrow(/greater than unrefunded amount/);
  });
});

describe('invoices (Stripe Billing)', () => {
  const MONTH = { periodStart: new Date('2026-11-27T10:00:00Z'), periodEnd: new Date('2026-12-27T10:00:00Z') };

  /** A saved card's customer, charged as a subscription's month is. */
  async function paidByCustomer(amount: number) {
    const saved = await stripe.saveCard({ ownerAccountId: unique(), paymentMethod: 'pm_card_visa', existingCustomerId: null, idempotencyKey: unique() });
    const payment = await stripe.charge(chargeRequest({ amount, currency: 'USD', paymentMethod: saved.paymentMethod, customer: saved.customerId, offSession: true }));
    if (payment.status !== 'succeeded') throw new Error('the charge should have succeeded');
    return { customer: saved.customerId, paymentId: payment.paymentId };
  }

  const invoiceAt = async (id: string) => (await (await fetch(`${STRIPE_API_BASE}/v1/invoices/${id}`, { headers: { authorization: `Bearer ${STRIPE_SECRET_KEY}` } })).json()) as { payments: { data: unknown[] } };

  it('issue a month as an invoice with one line for its period, finalized and paid by the charge (create, item, finalize, attach_payment)', async () => {
    const { customer, paymentId } = await paidByCustomer(999);
    const key = unique();
    const orderId = unique();
    const issued = await stripe.issueInvoice({ customer, currency: 'USD', paymentId, line: { description: 'Nova: monthly subscription', amount: 999, ...MONTH }, metadata: { order_id: orderId }, idempotencyKey: key });

    expect(issued).toEqual({ invoiceId: expect.stringMatching(/^in_/), number: expect.stringMatching(/^STANDIN-\d{4}$/), url: `https://invoice.stripe.com/i/acct_standin/test_${issued.invoiceId}` });
    const sent = (await Promise.all(['create', 'line', 'finalize', 'attach'].map((step) => requestsWith(`${key}:${step}`)))).flat();
    expect(sent.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/v1/invoices'],
      ['POST', '/v1/invoiceitems'],
      ['POST', `/v1/invoices/${issued.invoiceId}/finalize`],
      ['POST', `/v1/invoices/${issued.invoiceId}/attach_payment`],
    ]);
    expect(sent[0]!.form).toEqual({ customer, currency: 'usd', collection_method: 'charge_automatically', auto_advance: 'false', pending_invoice_items_behavior: 'exclude', 'metadata[order_id]': orderId });
    expect(sent[1]!.form).toEqual({
      customer,
      invoice: issued.invoiceId,
      currency: 'usd',
      description: 'Nova: monthly subscription',
      amount: '999',
      'period[start]': String(MONTH.periodStart.getTime() / 1000),
      'period[end]': String(MONTH.periodEnd.getTime() / 1000),
      'metadata[order_id]': orderId,
    });
    expect(sent[2]!.form).toEqual({ auto_advance: 'false' });
    expect(sent[3]!.form).toEqual({ payment_intent: paymentId });
    const invoice = await invoiceAt(issued.invoiceId);
    expect(invoice).toMatchObject({ status: 'paid', customer, amount_due: 999, amount_paid: 999, amount_remaining: 0, number: issued.number });
    expect(invoice.payments.data).toEqual([expect.objectContaining({ amount_paid: 999, payment: { type: 'payment_intent', payment_intent: paymentId } })]);
  });

  it("issue a metered month's replies as a quantity at the unit price", async () => {
    const { customer, paymentId } = await paidByCustomer(7 * 25);
    const key = unique();
    const issued = await stripe.issueInvoice({ customer, currency: 'USD', paymentId, line: { description: 'Nova: replies', amount: 175, quantity: { count: 7, unitAmount: 25 }, ...MONTH }, metadata: {}, idempotencyKey: key });

    const [line] = await requestsWith(`${key}:line`);
    expect(line!.form).toMatchObject({ quantity: '7', unit_amount_decimal: '25' });
    expect(line!.form).not.toHaveProperty('amount');
    expect(await invoiceAt(issued.invoiceId)).toMatchObject({ status: 'paid', amount_paid: 175, lines: { data: [expect.objectContaining({ amount: 175, quantity: 7 })] } });
  });

  it('answer the same invoice when asked again with the same key, also after a step failed half way', async () => {
    const { customer, paymentId } = await paidByCustomer(500);
    const key = unique();
    const request = { customer, currency: 'USD', paymentId, line: { description: 'Nova: monthly subscription', amount: 500, ...MONTH }, metadata: {}, idempotencyKey: key };
    await outage(`${key}:finalize`, [500, 500, 500]);
    await expect(stripe.issueInvoice(request)).rejects.toBeInstanceOf(ProviderUnavailableError);

    const issued = await stripe.issueInvoice(request);
    const again = await stripe.issueInvoice(request);
    expect(again).toEqual(issued);
    expect((await requestsWith(`${key}:create`)).map((r) => r.path)).toEqual(['/v1/invoices', '/v1/invoices', '/v1/invoices']);
    expect(await invoiceAt(issued.invoiceId)).toMatchObject({ status: 'paid', amount_paid: 500 });
  });

  it('record a refund made since on the paid invoice: a credit note linking the refund, once per key', async () => {
    const { customer, paymentId } = await paidByCustomer(999);
    const { invoiceId } = await stripe.issueInvoice({ customer, currency: 'USD', paymentId, line: { description: 'Nova: monthly subscription', amount: 999, ...MONTH }, metadata: {}, idempotencyKey: unique() });
    const { refundId } = await stripe.refund({ paymentId, idempotencyKey: unique() });
    const key = unique();
    const request = { invoiceId, refundId, amount: 999, memo: 'Refunded', idempotencyKey: key };

    const credited = await stripe.creditInvoice(request);
    expect(credited.creditNoteId).toMatch(/^cn_/);
    expect(await stripe.creditInvoice(request)).toEqual(credited);
    const sent = await requestsWith(key);
    expect(sent.map((r) => r.path)).toEqual(['/v1/credit_notes', '/v1/credit_notes']);
    expect(sent[0]!.form).toEqual({ invoice: invoiceId, amount: '999', 'refunds[0][refund]': refundId, 'refunds[0][amount_refunded]': '999', memo: 'Refunded' });
    expect(await invoiceAt(invoiceId)).toMatchObject({ status: 'paid', amount_paid: 999, post_payment_credit_notes_amount: 999 });

    // A refund of another payment is not this invoice's to record.
    const other = await paidByCustomer(999);
    const { refundId: otherRefund } = await stripe.refund({ paymentId: other.paymentId, idempotencyKey: unique() });
    await expect(stripe.creditInvoice({ ...request, refundId: otherRefund, idempotencyKey: unique() })).rejects.toThrow(/not of a payment of this invoice/);
  });

  it("are refused for another customer's payment, or one already on an invoice", async () => {
    const mine = await paidByCustomer(500);
    const theirs = await paidByCustomer(500);
    const line = { description: 'Nova: monthly subscription', amount: 500, ...MONTH };
    await expect(stripe.issueInvoice({ customer: mine.customer, currency: 'USD', paymentId: theirs.paymentId, line, metadata: {}, idempotencyKey: unique() })).rejects.toThrow(/customer is not the invoice/);

    await stripe.issueInvoice({ customer: mine.customer, currency: 'USD', paymentId: mine.paymentId, line, metadata: {}, idempotencyKey: unique() });
    await expect(stripe.issueInvoice({ customer: mine.customer, currency: 'USD', paymentId: mine.paymentId, line, metadata: {}, idempotencyKey: unique() })).rejects.toThrow(/already attached/);
  });
});

describe('transfers to creators', () => {
  it('create a Connect transfer to the connected account, with its metadata and the idempotency key', async () => {
    const idempotencyKey = unique();
    const payout = { amount: 8000, currency: 'USD', destination: 'acct_1Creator0000001', metadata: { payout_id: unique() }, idempotencyKey };

    const { transferId } = await stripe.transfer(payout);

    expect(transferId).toMatch(/^tr_/);
    const sent = await requestsWith(idempotencyKey);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: '/v1/transfers',
      headers: { authorization: `Bearer ${STRIPE_SECRET_KEY}`, 'idempotency-key': idempotencyKey, 'stripe-version': '2026-10-28.endive' },
      form: { amount: '8000', currency: 'usd', destination: 'acct_1Creator0000001', 'metadata[payout_id]': payout.metadata.payout_id },
    });
    expect(await stripe.transfer(payout)).toEqual({ transferId });
  });
});

describe('connected accounts', () => {
  const connect = (existingAccountId: string | null = null, idempotencyKey = unique()) =>
    stripe.connectAccount({ ownerAccountId: '1234567890', email: 'creator@example.com', existingAccountId, returnUrl: 'https://smile.example/creator', idempotencyKey });
  const sentTo = async (path: string) => (await (await fetch(`${STRIPE_API_BASE}/__stand-in/requests?path=${encodeURIComponent(path)}`)).json()) as RecordedRequest[];

  it('create an Express account with the transfers capability once per key, and an onboarding link back to SMILE', async () => {
    const key = unique();
    const first = await connect(null, key);

    expect(first).toEqual({ accountId: expect.stringMatching(/^acct_/), ready: false, onboardingUrl: expect.stringMatching(/^https:\/\/connect\.stripe\.com\//) });
    const [created] = await requestsWith(key);
    expect(created).toMatchObject({
      method: 'POST',
      path: '/v1/accounts',
      headers: { authorization: `Bearer ${STRIPE_SECRET_KEY}`, 'stripe-version': '2026-10-28.endive' },
      form: { type: 'express', email: 'creator@example.com', 'capabilities[transfers][requested]': 'true', 'metadata[smile_account_id]': '1234567890' },
    });
    const link = (await sentTo('/v1/account_links')).find((r) => r.form.account === first.accountId);
    expect(link?.form).toEqual({ account: first.accountId, type: 'account_onboarding', refresh_url: 'https://smile.example/creator', return_url: 'https://smile.example/creator' });
    // Asked again with the same key: the same account, not a second one.
    expect((await connect(null, key)).accountId).toBe(first.accountId);
  });

  it('refuse transfers until onboarding is finished, then report the account ready with no link', async () => {
    const { accountId } = await connect();
    const payout = { amount: 1000, currency: 'USD', destination: accountId, metadata: {}, idempotencyKey: unique() };
    const refused = stripe.transfer(payout);
    await expect(refused).rejects.toBeInstanceOf(TransferRefusedError);
    await expect(refused).rejects.toMatchObject({ code: 'insufficient_capabilities_for_transfer' });

    await fetch(`${STRIPE_API_BASE}/__stand-in/accounts/${accountId}/onboard`, { method: 'POST' });

    expect(await connect(accountId)).toEqual({ accountId, ready: true, onboardingUrl: null });
    expect((await sentTo(`/v1/accounts/${accountId}`)).map((r) => r.method)).toEqual(['GET']);
    expect(await stripe.transfer({ ...payout, idempotencyKey: unique() })).toEqual({ transferId: expect.stringMatching(/^tr_/) });
  });

  it('are unavailable when Stripe does not know the account', async () => {
    await expect(connect('acct_1NoSuchAccount00')).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});

describe('webhooks', () => {
  const event = JSON.stringify({
    id: 'evt_1TestEvent',
    object: 'event',
    type: 'payment_intent.succeeded',
    created: 1_790_000_000,
    data: { object: { id: 'pi_1TestPayment', object: 'payment_intent', metadata: { order_id: 'o1' } } },
  });

  it('accept a body signed the way Stripe signs it', async () => {
    const verified = await stripe.verifyWebhook(event, await signLikeStripe(event, WEBHOOK_SECRET));

    expect(verified).toMatchObject({ id: 'evt_1TestEvent', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1TestPayment', metadata: { order_id: 'o1' } } } });
  });

  it('refuse a tampered body, another secret, a signature older than five minutes, and no signature', async () => {
    const signature = await signLikeStripe(event, WEBHOOK_SECRET);
    const tampered = event.replace('o1', 'o2');
    const stale = await signLikeStripe(event, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 301);

    await expect(stripe.verifyWebhook(tampered, signature)).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(stripe.verifyWebhook(event, await signLikeStripe(event, 'whsec_someone_else'))).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(stripe.verifyWebhook(event, stale)).rejects.toThrow(/tolerance/i);
    await expect(stripe.verifyWebhook(event, null)).rejects.toBeInstanceOf(WebhookSignatureError);
  });
});

describe('configuration', () => {
  const withVars = (vars: Record<string, string>) => ({ ...env, ...vars }) as Env;

  it('takes Stripe keys of Stripe’s shapes and refuses others', () => {
    expect(loadConfig(withVars({ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123', STRIPE_API_BASE: 'http://127.0.0.1:12111' }))).toMatchObject({
      STRIPE_SECRET_KEY: 'sk_test_abc123',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
      STRIPE_API_BASE: 'http://127.0.0.1:12111',
    });
    expect(loadConfig(withVars({ STRIPE_SECRET_KEY: 'rk_live_abc123' })).STRIPE_SECRET_KEY).toBe('rk_live_abc123');
    expect(() => loadConfig(withVars({ STRIPE_SECRET_KEY: 'pk_test_abc123' }))).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => loadConfig(withVars({ STRIPE_WEBHOOK_SECRET: 'abc123' }))).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => loadConfig(withVars({ STRIPE_API_BASE: 'ftp://127.0.0.1' }))).toThrow(/STRIPE_API_BASE/);
  });

  it('takes a publishable key only of Stripe’s shape, and of the secret key’s mode', () => {
    expect(loadConfig(withVars({ STRIPE_PUBLISHABLE_KEY: 'pk_live_abc123' })).STRIPE_PUBLISHABLE_KEY).toBe('pk_live_abc123');
    expect(() => loadConfig(withVars({ STRIPE_PUBLISHABLE_KEY: 'sk_test_abc123' }))).toThrow(/STRIPE_PUBLISHABLE_KEY/);
    expect(() => loadConfig(withVars({ STRIPE_PUBLISHABLE_KEY: 'pk_abc123' }))).toThrow(/STRIPE_PUBLISHABLE_KEY/);
    expect(() => loadConfig(withVars({ STRIPE_PUBLISHABLE_KEY: 'pk_test_abc123', STRIPE_SECRET_KEY: 'sk_live_abc123' }))).toThrow(/must both be test-mode keys or both live-mode keys/);
    expect(loadConfig(withVars({ STRIPE_PUBLISHABLE_KEY: 'pk_test_abc123', STRIPE_SECRET_KEY: 'rk_test_abc123' })).STRIPE_PUBLISHABLE_KEY).toBe('pk_test_abc123');
  });

  it('needs the secret key, the webhook secret and the publishable key to run with Stripe', () => {
    const secrets = { PAYMENTS_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' };
    expect(loadConfig(withVars({ ...secrets, STRIPE_PUBLISHABLE_KEY: 'pk_test_abc123' })).PAYMENTS_PROVIDER).toBe('stripe');
    expect(() => loadConfig(withVars(secrets))).toThrow(/PAYMENTS_PROVIDER=stripe needs STRIPE_PUBLISHABLE_KEY/);
    expect(() => loadConfig(withVars({ PAYMENTS_PROVIDER: 'stripe', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc123' }))).toThrow(/needs the secrets STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET/);
  });

  it('refuses a stand-in for Stripe in production', () => {
    expect(() => loadConfig(withVars({ ENVIRONMENT: 'production', STRIPE_API_BASE: 'http://127.0.0.1:12111' }))).toThrow(/STRIPE_API_BASE.*cannot be set in production/);
  });
});
