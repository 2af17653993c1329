/**
 * Runs in Node before the workerd tests: a local stand-in for https://api.stripe.com (which the
 * tests cannot reach), enough of Stripe's v1 API for the Stripe provider — PaymentIntents created
 * and confirmed at once, Customers and the cards saved to them, Refunds, Transfers, Express
 * connected accounts and their Account Links, Invoices with their items, finalized and paid by an
 * attached PaymentIntent, and Credit Notes linking a refund —
 * answering with objects and errors shaped like
 * Stripe's documented ones. Like Stripe it knows one secret key, reads form-encoded bodies,
 * honours `expand[]`, and replays the saved answer of an Idempotency-Key it has already seen.
 * Outcomes follow Stripe's test payment methods (`pm_card_visa`,
 * `pm_card_visa_chargeDeclinedInsufficientFunds`, …).
 *
 * For the tests it also records every request (`GET /__stand-in/requests?idempotency_key=…`)
 * and can be told to fail the next requests carrying a key, before anything executes, as a load
 * balancer in trouble would (`POST /__stand-in/outages {idempotencyKey, statuses}`). A connected
 * account's onboarding is finished with `POST /__stand-in/accounts/:id/onboard` (what the creator
 * does on Stripe's pages); until then transfers to it are refused, as Stripe refuses a destination
 * without the `transfers` capability. A PaymentIntent waiting for 3-D Secure is confirmed or failed
 * with `POST /__stand-in/authenticate {client_secret, approve}` (what Stripe.js's handleNextAction and
 * the bank's page do), and read back with `GET /v1/payment_intents/:id`.
 * Tests read its address and key with `inject('stripe')`; an end-to-end file starts its own with
 * `listenStripeStandIn()`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

const SECRET_KEY = `sk_test_standin${randomBytes(12).toString('hex')}`;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The form body as Stripe reads it: `metadata[order_id]`, `expand[0]`, … */
  form: Record<string, string>;
}

interface Answer {
  status: number;
  body: unknown;
}

interface Card {
  brand: string;
  last4: string;
  fingerprint: string;
}

/** Stripe's test payment methods: the card behind each and, for the declined ones, Stripe's error. */
const VISA: Card = { brand: 'visa', last4: '4242', fingerprint: 'Xt5EWLLDS7FJjR1c' };
const TEST_METHODS: Record<string, { card: Card; decline?: { code: string; decline_code: string; message: string }; needsAuthentication?: true }> = {
  pm_card_visa: { card: VISA },
  pm_card_mastercard: { card: { brand: 'mastercard', last4: '4444', fingerprint: 'hN6lQnDfKdC8lOaU' } },
  pm_card_visa_chargeDeclined: { card: { ...VISA, last4: '0002', fingerprint: 'dcl0002generic00' }, decline: { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' } },
  pm_card_visa_chargeDeclinedInsufficientFunds: {
    card: { ...VISA, last4: '9995', fingerprint: 'dcl9995insuffici' },
    decline: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  },
  pm_card_visa_chargeDeclinedExpiredCard: { card: { ...VISA, last4: '0069', fingerprint: 'dcl0069expired00' }, decline: { code: 'expired_card', decline_code: 'expired_card', message: 'Your card has expired.' } },
  pm_card_visa_chargeDeclinedIncorrectCvc: {
    card: { ...VISA, last4: '0127', fingerprint: 'dcl0127cvc000000' },
    decline: { code: 'incorrect_cvc', decline_code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  },
  pm_card_visa_chargeDeclinedProcessingError: {
    card: { ...VISA, last4: '0119', fingerprint: 'dcl0119processin' },
    decline: { code: 'processing_error', decline_code: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
  },
  pm_card_authenticationRequired: { card: { ...VISA, last4: '3184', fingerprint: 'auth3184required' }, needsAuthentication: true },
};

interface Invoice {
  id: string;
  object: 'invoice';
  customer: string;
  currency: string;
  collection_method: string;
  auto_advance: boolean;
  status: 'draft' | 'open' | 'paid';
  number: string | null;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  total: number;
  post_payment_credit_notes_amount: number;
  hosted_invoice_url: string | null;
  invoice_pdf: string | null;
  created: number;
  livemode: false;
  metadata: Record<string, string>;
  lines: { object: 'list'; data: Record<string, unknown>[] };
  payments: { object: 'list'; data: Record<string, unknown>[] };
}

/** Stripe's bodies for a request that failed before its endpoint ran. */
const OUTAGES: Record<number, unknown> = {
  429: { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' } },
  500: { error: { type: 'api_error', message: 'An unknown error occurred' } },
  503: { error: { type: 'api_error', message: 'The service is temporarily unavailable.' } },
};

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);
const invalid = (message: string, param: string, code = 'parameter_missing'): Answer => ({ status: 400, body: { error: { type: 'invalid_request_error', code, param, message } } });
const metadataOf = (form: Record<string, string>) =>
  Object.fromEntries(Object.entries(form).flatMap(([k, v]) => (k.startsWith('metadata[') ? [[k.slice('metadata['.length, -1), v]] : [])));
const expands = (form: Record<string, string>) => Object.entries(form).flatMap(([k, v]) => (/^expand\[\d*\]$/.test(k) ? [v] : []));

function startStandIn() {
  const requests: RecordedRequest[] = [];
  const outages = new Map<string, number[]>();
  /** Idempotency-Key → the first request's parameters and answer. */
  const saved = new Map<string, { params: string; answer: Answer }>();
  const intents = new Map<string, { amount: number; currency: string; latestCharge: string; refunded: number }>();
  /** Every PaymentIntent made, as retrieved (`payment_method` by id), with its card's object for `expand[]`. */
  const made = new Map<string, { intent: Record<string, unknown> & { id: string; amount: number; currency: string; status: string; client_secret: string; customer: string | null }; pm: unknown }>();
  /** Invoices (Stripe Billing) as retrieved, and the PaymentIntents attached to one. */
  const invoices = new Map<string, Invoice>();
  const attachedIntents = new Set<string>();
  /** Refunds by id, for a credit note to link. */
  const refunds = new Map<string, { paymentIntent: string; amount: number }>();
  /** How many credit notes each invoice has (their numbers follow the invoice's). */
  const creditNotesOf = new Map<string, number>();
  const accounts = new Map<string, { email: string | null; metadata: Record<string, string>; created: number; onboarded: boolean }>();
  const customers = new Set<string>();
  /**
   * Payment methods made here (from a test token, or a test method saved to a customer), each
   * backed by one of Stripe's test methods. As with Stripe, one that belongs to no customer pays
   * once; attached, it pays for its customer as often as asked.
   */
  const methods = new Map<string, { test: string; customer: string | null; used: boolean }>();

  function account(id: string) {
    const a = accounts.get(id)!;
    return {
      id,
      object: 'account',
      type: 'express',
      email: a.email,
      country: 'US',
      created: a.created,
      charges_enabled: a.onboarded,
      payouts_enabled: a.onboarded,
      details_submitted: a.onboarded,
      capabilities: { transfers: a.onboarded ? 'active' : 'inactive' },
      metadata: a.metadata,
    };
  }

  function createAccount(form: Record<string, string>): Answer {
    if (form.type !== 'express') return invalid('Only `express` accounts can be created here.', 'type', 'parameter_invalid_string');
    const id = `acct_1${randomBytes(8).toString('hex')}`;
    accounts.set(id, { email: form.email ?? null, metadata: metadataOf(form), created: now(), onboarded: false });
    return { status: 200, body: account(id) };
  }

  function createAccountLink(form: Record<string, string>): Answer {
    if (!accounts.has(form.account ?? '')) return invalid(`No such account: '${form.account ?? ''}'`, 'account', 'resource_missing');
    if (form.type !== 'account_onboarding' && form.type !== 'account_update') return invalid('Invalid type.', 'type', 'parameter_invalid_string');
    if (!form.return_url || !form.refresh_url) return invalid('Missing required param: refresh_url.', 'refresh_url');
    return { status: 200, body: { object: 'account_link', created: now(), expires_at: now() + 300, url: `https://connect.stripe.com/setup/e/${form.account}/${randomBytes(8).toString('hex')}` } };
  }

  function paymentMethod(id: string, card: Card, customer: string | null = null) {
    return { id, object: 'payment_method', type: 'card', card: { ...card, exp_month: 12, exp_year: 2034, funding: 'credit', country: 'US' }, customer, created: now(), livemode: false, metadata: {} };
  }

  /** A payment method by id: one of Stripe's test methods (reusable by anyone), or one made here. */
  function methodOf(id: string) {
    const made = methods.get(id);
    const test = TEST_METHODS[made?.test ?? id];
    return test ? { ...test, made: made ?? null } : null;
  }

  const noSuchMethod = (id: string): Answer => ({ status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_method', message: `No such PaymentMethod: '${id}'` } } });
  const usedOnce: Answer = invalid('This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.', 'payment_method', 'payment_method_unexpected_state');

  /** Stripe.js's job in production; the tests' way to a payment method of their own: `card[token]=tok_visa`. */
  function createPaymentMethod(form: Record<string, string>): Answer {
    const tokens: Record<string, string> = { tok_visa: 'pm_card_visa', tok_mastercard: 'pm_card_mastercard', tok_chargeDeclined: 'pm_card_visa_chargeDeclined' };
    const test = tokens[form['card[token]'] ?? ''];
    if (form.type !== 'card' || !test) return invalid('Invalid card token.', 'card[token]', 'token_invalid');
    const id = newId('pm');
    methods.set(id, { test, customer: null, used: false });
    return { status: 200, body: paymentMethod(id, TEST_METHODS[test]!.card) };
  }

  function createCustomer(form: Record<string, string>): Answer {
    const id = newId('cus');
    customers.add(id);
    return { status: 200, body: { id, object: 'customer', created: now(), email: form.email ?? null, livemode: false, metadata: metadataOf(form) } };
  }

  function attachPaymentMethod(id: string, form: Record<string, string>): Answer {
    const method = methodOf(id);
    if (!method) return noSuchMethod(id);
    const customer = form.customer ?? '';
    if (!customers.has(customer)) return invalid(`No such customer: '${customer}'`, 'customer', 'resource_missing');
    // Stripe checks the card with its bank as it attaches it.
    if (method.decline) return { status: 402, body: { error: { type: 'card_error', ...method.decline, param: '' } } };
    if (!method.made) {
      // A test method (`pm_card_visa`) is a token: attaching it makes a payment method of the customer's own.
      const made = newId('pm');
      methods.set(made, { test: id, customer, used: false });
      return { status: 200, body: paymentMethod(made, method.card, customer) };
    }
    if (method.made.customer && method.made.customer !== customer) return invalid('The payment method you provided has already been attached to a customer.', 'payment_method', 'payment_method_unexpected_state');
    if (method.made.used && !method.made.customer) return usedOnce;
    method.made.customer = customer;
    return { status: 200, body: paymentMethod(id, method.card, customer) };
  }

  function createPaymentIntent(form: Record<string, string>): Answer {
    const amount = Number(form.amount);
    if (!Number.isInteger(amount) || amount < 1) return invalid('Missing required param: amount.', 'amount');
    if (!form.currency) return invalid('Missing required param: currency.', 'currency');
    if (form.confirm === 'true' && form['automatic_payment_methods[enabled]'] === 'true' && form['automatic_payment_methods[allow_redirects]'] !== 'never' && !form.return_url) {
      return invalid('A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed.', 'return_url');
    }
    const methodId = form.payment_method ?? '';
    const method = methodOf(methodId);
    if (!method) return invalid(`No such PaymentMethod: '${methodId}'`, 'payment_method', 'resource_missing');
    const customer = form.customer ?? null;
    if (customer !== null && !customers.has(customer)) return invalid(`No such customer: '${customer}'`, 'customer', 'resource_missing');
    if (method.made?.customer && method.made.customer !== customer) {
      return invalid(`The provided PaymentMethod belongs to a Customer (${method.made.customer}): pass that customer to use it.`, 'payment_method', 'payment_method_unexpected_state');
    }
    if (method.made && !method.made.customer && method.made.used) return usedOnce;
    if (form.off_session === 'true' && customer === null) return invalid('`off_session` can only be used with a `customer`.', 'off_session', 'parameter_invalid_empty');
    const id = newId('pi');
    const latestCharge = newId('ch');
    const pm = paymentMethod(methodId, method.card, method.made?.customer ?? null);
    // Off session there is nobody to authenticate: Stripe declines instead of asking.
    const decline = method.needsAuthentication && form.off_session === 'true' ? { code: 'authentication_required', decline_code: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.' } : method.decline;
    const lastError = decline ? { type: 'card_error', ...decline, charge: latestCharge, payment_method: pm } : null;
    const status = decline ? 'requires_payment_method' : method.needsAuthentication ? 'requires_action' : 'succeeded';
    if (method.made && status === 'succeeded') method.made.used = true;
    const intent = {
      id,
      object: 'payment_intent',
      amount,
      amount_received: status === 'succeeded' ? amount : 0,
      currency: form.currency,
      status,
      confirmation_method: 'automatic',
      capture_method: 'automatic_async',
      automatic_payment_methods: { enabled: form['automatic_payment_methods[enabled]'] === 'true', allow_redirects: form['automatic_payment_methods[allow_redirects]'] ?? 'always' },
      client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
      created: now(),
      description: form.description ?? null,
      last_payment_error: lastError,
      latest_charge: method.needsAuthentication ? null : latestCharge,
      customer,
      livemode: false,
      metadata: metadataOf(form),
      // Stripe.js's handleNextAction finishes a `use_stripe_sdk` action; without it, the bank's page is a redirect.
      next_action:
        status !== 'requires_action'
          ? null
          : form.use_stripe_sdk === 'true'
            ? { type: 'use_stripe_sdk', use_stripe_sdk: {} }
            : { type: 'redirect_to_url', redirect_to_url: { url: `https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=${id}`, return_url: form.return_url ?? null } },
      payment_method: methodId,
    };
    made.set(id, { intent, pm });
    if (status === 'succeeded') intents.set(id, { amount, currency: form.currency, latestCharge, refunded: 0 });
    Object.assign(intent, { payment_method: expands(form).includes('payment_method') ? pm : methodId });
    if (!lastError) return { status: 200, body: intent };
    // A decline is an error (402) that carries the PaymentIntent and the payment method.
    return { status: 402, body: { error: { ...lastError, doc_url: `https://docs.stripe.com/error-codes/${lastError.code.replace(/_/g, '-')}`, payment_intent: { ...intent, payment_method: methodId } } } };
  }

  function createRefund(form: Record<string, string>): Answer {
    const intentId = form.payment_intent ?? '';
    const intent = intents.get(intentId);
    if (!intent) return invalid(`No such payment_intent: '${intentId}'`, 'payment_intent', 'resource_missing');
    const amount = form.amount === undefined ? intent.amount - intent.refunded : Number(form.amount);
    if (!Number.isInteger(amount) || amount < 1 || amount > intent.amount - intent.refunded) {
      return invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${intent.amount - intent.refunded})`, 'amount', 'amount_too_large');
    }
    intent.refunded += amount;
    const refundId = newId('re');
    refunds.set(refundId, { paymentIntent: intentId, amount });
    return {
      status: 200,
      body: { id: refundId, object: 'refund', amount, balance_transaction: newId('txn'), charge: intent.latestCharge, created: now(), currency: intent.currency, metadata: {}, payment_intent: intentId, reason: null, status: 'succeeded' },
    };
  }

  function createTransfer(form: Record<string, string>): Answer {
    const amount = Number(form.amount);
    if (!Number.isInteger(amount) || amount < 1) return invalid('Missing required param: amount.', 'amount');
    if (!form.currency) return invalid('Missing required param: currency.', 'currency');
    if (!form.destination?.startsWith('acct_')) return invalid(`No such destination: '${form.destination ?? ''}'`, 'destination', 'resource_missing');
    if (accounts.get(form.destination)?.onboarded === false) {
      return invalid('Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments', 'destination', 'insufficient_capabilities_for_transfer');
    }
    return {
      status: 200,
      body: {
        id: newId('tr'),
        object: 'transfer',
        amount,
        amount_reversed: 0,
        balance_transaction: newId('txn'),
        created: now(),
        currency: form.currency,
        description: null,
        destination: form.destination,
        destination_payment: newId('py'),
        livemode: false,
        metadata: metadataOf(form),
        reversed: false,
        source_transaction: null,
        source_type: 'card',
        transfer_group: null,
      },
    };
  }

  /** A PaymentIntent as it is now (`GET /v1/payment_intents/:id`). */
  function retrievePaymentIntent(id: string, form: Record<string, string>): Answer {
    const m = made.get(id);
    if (!m) return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'intent', message: `No such payment_intent: '${id}'` } } };
    return { status: 200, body: { ...m.intent, payment_method: expands(form).includes('payment_method') ? m.pm : m.intent.payment_method } };
  }

  /**
   * What Stripe.js's `handleNextAction` and the bank's 3-D Secure page do together: the buyer
   * confirms (the payment succeeds) or fails the challenge (Stripe's
   * `payment_intent_authentication_failure`). Answers as handleNextAction resolves.
   */
  function authenticate(clientSecret: string, approve: boolean): Answer {
    const m = [...made.values()].find((x) => x.intent.client_secret === clientSecret);
    if (!m) return { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such payment_intent for this client secret' } } };
    const intent = m.intent;
    if (intent.status !== 'requires_action') return { status: 400, body: { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `This PaymentIntent's status is ${intent.status}.` } } };
    if (approve) {
      const latestCharge = newId('ch');
      Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: latestCharge, next_action: null });
      intents.set(intent.id, { amount: intent.amount, currency: intent.currency, latestCharge, refunded: 0 });
      return { status: 200, body: { paymentIntent: intent } };
    }
    const error = { type: 'card_error', code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.' };
    Object.assign(intent, { status: 'requires_payment_method', next_action: null, last_payment_error: error });
    return { status: 200, body: { error: { ...error, payment_intent: intent } } };
  }


  const noSuchInvoice = (id: string): Answer => ({ status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'invoice', message: `No such invoice: '${id}'` } } });

  function createInvoice(form: Record<string, string>): Answer {
    const customer = form.customer ?? '';
    if (!customers.has(customer)) return invalid(`No such customer: '${customer}'`, 'customer', 'resource_missing');
    const id = newId('in');
    const invoice: Invoice = {
      id,
      object: 'invoice',
      customer,
      currency: form.currency ?? 'usd',
      collection_method: form.collection_method ?? 'charge_automatically',
      auto_advance: form.auto_advance === 'true',
      status: 'draft',
      number: null,
      amount_due: 0,
      amount_paid: 0,
      amount_remaining: 0,
      total: 0,
      post_payment_credit_notes_amount: 0,
      hosted_invoice_url: null,
      invoice_pdf: null,
      created: now(),
      livemode: false,
      metadata: metadataOf(form),
      lines: { object: 'list', data: [] },
      payments: { object: 'list', data: [] },
    };
    invoices.set(id, invoice);
    return { status: 200, body: invoice };
  }

  function createInvoiceItem(form: Record<string, string>): Answer {
    const invoice = invoices.get(form.invoice ?? '');
    if (!invoice) return noSuchInvoice(form.invoice ?? '');
    if (form.customer !== invoice.customer) return invalid('The invoice item must belong to the invoice\'s customer.', 'customer', 'parameter_invalid_string');
    if (invoice.status !== 'draft') return invalid(`You can only add invoice items to draft invoices; this one is ${invoice.status}.`, 'invoice', 'invoice_not_editable');
    if (form.currency && form.currency !== invoice.currency) return invalid(`The currency ${form.currency} is not the invoice's (${invoice.currency}).`, 'currency', 'parameter_invalid_string');
    const quantity = form.quantity === undefined ? 1 : Number(form.quantity);
    const amount = form.amount !== undefined ? Number(form.amount) : form.unit_amount_decimal !== undefined ? quantity * Number(form.unit_amount_decimal) : NaN;
    if (form.amount !== undefined && form.unit_amount_decimal !== undefined) return invalid('You may only specify one of these parameters: amount, unit_amount_decimal.', 'amount', 'parameter_unknown');
    if (!Number.isInteger(amount) || !Number.isInteger(quantity)) return invalid('Missing required param: amount.', 'amount');
    const period = { start: Number(form['period[start]']), end: Number(form['period[end]']) };
    if (!(period.start <= period.end)) return invalid('The period must start before it ends.', 'period', 'parameter_invalid_integer');
    const item = { id: newId('ii'), object: 'invoiceitem', amount, currency: invoice.currency, customer: invoice.customer, description: form.description ?? null, invoice: invoice.id, period, quantity, metadata: metadataOf(form), livemode: false };
    invoice.lines.data.push({ id: newId('il'), object: 'line_item', amount, currency: invoice.currency, description: item.description, period, quantity, metadata: item.metadata });
    Object.assign(invoice, { amount_due: invoice.amount_due + amount, amount_remaining: invoice.amount_remaining + amount, total: invoice.total + amount });
    return { status: 200, body: item };
  }

  function finalizeInvoice(id: string): Answer {
    const invoice = invoices.get(id);
    if (!invoice) return noSuchInvoice(id);
    if (invoice.status !== 'draft') return invalid(`This invoice is already finalized (${invoice.status}).`, 'invoice', 'invoice_not_editable');
    const n = [...invoices.values()].filter((i) => i.number !== null).length + 1;
    Object.assign(invoice, { status: 'open', number: `STANDIN-${String(n).padStart(4, '0')}`, hosted_invoice_url: `https://invoice.stripe.com/i/acct_standin/test_${id}`, invoice_pdf: `https://pay.stripe.com/invoice/acct_standin/test_${id}/pdf` });
    return { status: 200, body: invoice };
  }

  /** Stripe credits a PaymentIntent that has succeeded to the invoice at once; paid in full, the invoice is `paid`. */
  function attachInvoicePayment(id: string, form: Record<string, string>): Answer {
    const invoice = invoices.get(id);
    if (!invoice) return noSuchInvoice(id);
    if (invoice.status !== 'open') return invalid(`Payments can only be attached to open invoices; this one is ${invoice.status}.`, 'invoice', 'invoice_unexpected_state');
    const intentId = form.payment_intent ?? '';
    const intent = made.get(intentId)?.intent;
    if (!intent) return invalid(`No such payment_intent: '${intentId}'`, 'payment_intent', 'resource_missing');
    if (intent.customer !== invoice.customer) return invalid("The PaymentIntent's customer is not the invoice's.", 'payment_intent', 'parameter_invalid_string');
    if (attachedIntents.has(intentId)) return invalid('This PaymentIntent is already attached to an invoice.', 'payment_intent', 'payment_intent_unexpected_state');
    attachedIntents.add(intentId);
    const paid = intent.status === 'succeeded' ? Math.min(intent.amount, invoice.amount_remaining) : 0;
    invoice.payments.data.push({ id: newId('inpay'), object: 'invoice_payment', amount_paid: paid, payment: { type: 'payment_intent', payment_intent: intentId }, status: intent.status === 'succeeded' ? 'paid' : 'open' });
    Object.assign(invoice, { amount_paid: invoice.amount_paid + paid, amount_remaining: invoice.amount_remaining - paid });
    if (invoice.amount_remaining === 0) invoice.status = 'paid';
    return { status: 200, body: invoice };
  }

  /** A refund already made, recorded on the paid invoice of its PaymentIntent (`refunds[0][refund]`). */
  function createCreditNote(form: Record<string, string>): Answer {
    const invoice = invoices.get(form.invoice ?? '');
    if (!invoice) return noSuchInvoice(form.invoice ?? '');
    if (invoice.status !== 'paid' && invoice.status !== 'open') return invalid(`Credit notes can only be issued for open or paid invoices; this one is ${invoice.status}.`, 'invoice', 'invoice_unexpected_state');
    const amount = Number(form.amount);
    const refund = refunds.get(form['refunds[0][refund]'] ?? '');
    if (!refund) return invalid(`No such refund: '${form['refunds[0][refund]'] ?? ''}'`, 'refunds[0][refund]', 'resource_missing');
    const paidBy = invoice.payments.data.map((p) => (p.payment as { payment_intent: string }).payment_intent);
    if (!paidBy.includes(refund.paymentIntent)) return invalid("The refund is not of a payment of this invoice.", 'refunds[0][refund]', 'parameter_invalid_string');
    const linked = Number(form['refunds[0][amount_refunded]'] ?? refund.amount);
    if (!Number.isInteger(amount) || amount < 1 || linked !== amount || linked > refund.amount || invoice.post_payment_credit_notes_amount + amount > invoice.amount_paid) {
      return invalid("The credit note's total must equal the refunds linked to it, and not exceed what is left to credit on the invoice.", 'amount', 'parameter_invalid_integer');
    }
    invoice.post_payment_credit_notes_amount += amount;
    const notes = (creditNotesOf.get(invoice.id) ?? 0) + 1;
    creditNotesOf.set(invoice.id, notes);
    const number = `${invoice.number}-CN-${String(notes).padStart(2, '0')}`;
    return { status: 200, body: { id: newId('cn'), object: 'credit_note', invoice: invoice.id, customer: invoice.customer, currency: invoice.currency, amount, total: amount, memo: form.memo ?? null, number, refunds: [{ refund: form['refunds[0][refund]'], amount_refunded: linked, type: 'refund' }], status: 'issued', type: 'post_payment', created: now(), livemode: false, metadata: metadataOf(form) } };
  }

  const endpoints: Record<string, (form: Record<string, string>) => Answer> = {
    '/v1/payment_intents': createPaymentIntent,
    '/v1/refunds': createRefund,
    '/v1/transfers': createTransfer,
    '/v1/accounts': createAccount,
    '/v1/account_links': createAccountLink,
    '/v1/payment_methods': createPaymentMethod,
    '/v1/customers': createCustomer,
    '/v1/invoices': createInvoice,
    '/v1/invoiceitems': createInvoiceItem,
    '/v1/credit_notes': createCreditNote,
  };

  /** `POST /v1/<objects>/:id/<action>`. */
  function actionOn(path: string): ((form: Record<string, string>) => Answer) | undefined {
    const [, objects, id, action] = /^\/v1\/([a-z_]+)\/([^/]+)\/([a-z_]+)$/.exec(path) ?? [];
    if (!id) return undefined;
    const on = decodeURIComponent(id);
    if (objects === 'payment_methods' && action === 'attach') return (form) => attachPaymentMethod(on, form);
    if (objects === 'invoices' && action === 'finalize') return () => finalizeInvoice(on);
    if (objects === 'invoices' && action === 'attach_payment') return (form) => attachInvoicePayment(on, form);
    return undefined;
  }

  function answer(req: RecordedRequest, rawBody: string): Answer & { replayed?: true } {
    if (req.headers.authorization !== `Bearer ${SECRET_KEY}`) {
      return { status: 401, body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****' } } };
    }
    const methodId = req.method === 'GET' && /^\/v1\/payment_methods\/[^/]+$/.test(req.path) ? decodeURIComponent(req.path.slice('/v1/payment_methods/'.length)) : null;
    if (methodId !== null) {
      const method = methodOf(methodId);
      return method ? { status: 200, body: paymentMethod(methodId, method.card, method.made?.customer ?? null) } : noSuchMethod(methodId);
    }
    const intentId = req.method === 'GET' ? /^\/v1\/payment_intents\/([^/]+)$/.exec(req.path) : null;
    if (intentId) return retrievePaymentIntent(decodeURIComponent(intentId[1]!), req.form);
    const deleted = req.method === 'DELETE' ? /^\/v1\/customers\/([^/]+)$/.exec(req.path) : null;
    if (deleted) {
      const id = decodeURIComponent(deleted[1]!);
      if (!customers.delete(id)) return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'id', message: `No such customer: '${id}'` } } };
      // Its cards go with it: detached, they can never be charged again.
      for (const m of methods.values()) if (m.customer === id) Object.assign(m, { customer: null, used: true });
      return { status: 200, body: { id, object: 'customer', deleted: true } };
    }
    const accountId = req.method === 'GET' && /^\/v1\/accounts\/[^/]+$/.test(req.path) ? decodeURIComponent(req.path.slice('/v1/accounts/'.length)) : null;
    if (accountId !== null) {
      return accounts.has(accountId) ? { status: 200, body: account(accountId) } : { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'account', message: `No such account: '${accountId}'` } } };
    }
    const invoiceId = req.method === 'GET' ? /^\/v1\/invoices\/([^/]+)$/.exec(req.path) : null;
    if (invoiceId) return invoices.has(invoiceId[1]!) ? { status: 200, body: invoices.get(invoiceId[1]!) } : noSuchInvoice(invoiceId[1]!);
    const endpoint = req.method === 'POST' ? (endpoints[req.path] ?? actionOn(req.path)) : undefined;
    if (!endpoint) return { status: 404, body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.path}).` } } };
    const key = req.headers['idempotency-key'];
    const outage = key ? outages.get(key)?.shift() : undefined;
    if (outage) return { status: outage, body: OUTAGES[outage] ?? OUTAGES[500] };
    const params = `${req.path}?${[...new URLSearchParams(rawBody)].map(([k, v]) => `${k}=${v}`).sort().join('&')}`;
    const first = key ? saved.get(key) : undefined;
    if (first && first.params !== params) {
      return { status: 400, body: { error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` } } };
    }
    if (first) return { ...first.answer, replayed: true };
    const result = endpoint(req.form);
    if (key) saved.set(key, { params, answer: result });
    return result;
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req'), ...headers }).end(JSON.stringify(body));

    if (url.pathname === '/__stand-in/requests') {
      const key = url.searchParams.get('idempotency_key');
      const path = url.searchParams.get('path');
      return json(200, requests.filter((r) => (key !== null ? r.headers['idempotency-key'] === key : path === null || r.path === path)));
    }
    if (url.pathname === '/__stand-in/outages' && request.method === 'POST') {
      const { idempotencyKey, statuses } = JSON.parse(rawBody) as { idempotencyKey: string; statuses: number[] };
      outages.set(idempotencyKey, [...statuses]);
      return json(200, { ok: true });
    }
    if (url.pathname === '/__stand-in/authenticate' && request.method === 'POST') {
      const { client_secret: clientSecret, approve } = JSON.parse(rawBody) as { client_secret: string; approve: boolean };
      const result = authenticate(clientSecret, approve);
      return json(result.status, result.body);
    }
    const onboard = /^\/__stand-in\/accounts\/([^/]+)\/onboard$/.exec(url.pathname);
    if (onboard && request.method === 'POST') {
      const a = accounts.get(onboard[1]!);
      if (a) a.onboarded = true;
      return json(a ? 200 : 404, { ok: Boolean(a) });
    }

    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    // A GET's parameters (`expand[]`) come in its query string.
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path: url.pathname, headers, form: Object.fromEntries(new URLSearchParams(request.method === 'GET' ? url.search : rawBody)) };
    requests.push(recorded);
    const result = answer(recorded, rawBody);
    const stripeHeaders: Record<string, string> = { 'stripe-version': headers['stripe-version'] ?? '' };
    if (result.replayed) stripeHeaders['idempotent-replayed'] = 'true';
    if (headers['idempotency-key']) stripeHeaders['idempotency-key'] = headers['idempotency-key'];
    return json(result.status, result.body, stripeHeaders);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((err: unknown) => response.writeHead(500).end(String(err)));
  });
  return server;
}

/** Starts the stand-in on a free port of 127.0.0.1: its address, the one key it knows, and how to stop it. */
export async function listenStripeStandIn(): Promise<{ STRIPE_API_BASE: string; STRIPE_SECRET_KEY: string; close(): Promise<void> }> {
  const server = startStandIn();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Idle keep-alive connections (the Worker's fetch keeps some) would hold close() open.
      server.closeAllConnections();
    });
  return { STRIPE_API_BASE: `http://127.0.0.1:${port}`, STRIPE_SECRET_KEY: SECRET_KEY, close };
}

export default async function setup(project: TestProject) {
  const { close, ...stripe } = await listenStripeStandIn();
  project.provide('stripe', stripe);
  return close;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stripe: { STRIPE_API_BASE: string; STRIPE_SECRET_KEY: string };
  }
}
