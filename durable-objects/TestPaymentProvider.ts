import { DurableObject } from 'cloudflare:workers';
import { testCardByPaymentMethod } from '../shared/payments/test-cards';
import { type AuthenticationNeeded, type CardSummary, type ChargeRequest, type ChargeResult, type ConnectAccountRequest, type ConnectedAccount, type CreditRequest, type InvoiceRequest, type IssuedInvoice, type ProviderEvent, type RefundRequest, type TransferRequest, unixSeconds } from '../workers/api/payments/providers/provider';
import type { Env } from '../workers/env';

/**
 * The offline test provider's side of the wire: what Stripe's servers would hold in test mode.
 * One instance (`default`) keeps payments, refunds and transfers by idempotency key in its own
 * SQLite, answers a repeated key with the first answer (a different request with a used key is
 * refused, as Stripe does), decides a card's fate by Stripe's test payment methods (a card that
 * needs 3-D Secure waits, on session, for `authenticate` — Stripe's test authentication page), and sends
 * each payment's event, in Stripe's shape, to the `payment-webhooks` queue, whose consumer
 * delivers it signed to the webhook route (workers/queues/payment-webhooks.ts). Creators'
 * connected accounts (`acct_test_…`) are onboarded at once; a transfer to any other destination
 * is refused, as Stripe refuses an unknown one. Invoices are issued for payments that succeeded,
 * one invoice per payment and for its whole amount, as Stripe Billing attaches a payment to an
 * invoice; it hosts no invoice pages. Not bound in production.
 */
export class TestPaymentProvider extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS calls (
        idempotency_key TEXT PRIMARY KEY,
        operation TEXT NOT NULL,
        request TEXT NOT NULL,
        result TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS payments (id TEXT PRIMARY KEY, amount INTEGER NOT NULL, refunded INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS intents (id TEXT PRIMARY KEY, client_secret TEXT UNIQUE, intent TEXT NOT NULL, result TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, owner TEXT NOT NULL, email TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS invoices (id TEXT PRIMARY KEY, payment_id TEXT NOT NULL UNIQUE, invoice TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS refunds (id TEXT PRIMARY KEY, payment_id TEXT NOT NULL, amount INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS credit_notes (id TEXT PRIMARY KEY, invoice_id TEXT NOT NULL, refund_id TEXT NOT NULL UNIQUE, amount INTEGER NOT NULL);
    `);
  }

  /** The first answer to this key, or — when the key is new — `make()`'s, remembered. */
  private once<T>(operation: string, key: string, request: unknown, make: () => Promise<{ result: T; event?: ProviderEvent }>): Promise<T> {
    // One call at a time: two calls with the same key must not both miss the first one's row.
    return this.ctx.blockConcurrencyWhile(() => this.onceNow(operation, key, request, make));
  }

  private async onceNow<T>(operation: string, key: string, request: unknown, make: () => Promise<{ result: T; event?: ProviderEvent }>): Promise<T> {
    const body = JSON.stringify(request);
    const [seen] = this.ctx.storage.sql.exec<{ operation: string; request: string; result: string }>('SELECT operation, request, result FROM calls WHERE idempotency_key = ?', key).toArray();
    if (seen) {
      if (seen.operation !== operation || seen.request !== body) throw new Error(`Keys for idempotent requests can only be used with the same parameters they were first used with (idempotency key ${key})`);
      return JSON.parse(seen.result) as T;
    }
    const { result, event } = await make();
    this.ctx.storage.sql.exec('INSERT INTO calls (idempotency_key, operation, request, result) VALUES (?, ?, ?, ?)', key, operation, body, JSON.stringify(result));
    // Sent after the answer is stored: a lost event is what webhooks retries and reconciliation are for, a phantom one is not.
    if (event) await this.env.PAYMENT_WEBHOOKS!.send(event);
    return result;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    return this.pay('charge', request, false) as Promise<ChargeResult>;
  }

  /** As `charge`, with the buyer there: a card that needs authenticating waits for `authenticate` instead of being declined. */
  async chargeOnSession(request: ChargeRequest): Promise<ChargeResult | AuthenticationNeeded> {
    return this.pay('charge_on_session', request, true);
  }

  private pay(operation: string, request: ChargeRequest, onSession: boolean): Promise<ChargeResult | AuthenticationNeeded> {
    const { idempotencyKey, ...params } = request;
    return this.once<ChargeResult | AuthenticationNeeded>(operation, idempotencyKey, params, async () => {
      const card = testCardByPaymentMethod(params.paymentMethod);
      const paymentId = `pi_test_${crypto.randomUUID().replaceAll('-', '')}`;
      const summary = await testCardSummary(params.paymentMethod);
      const intent = { id: paymentId, object: 'payment_intent', amount: params.amount, currency: params.currency.toLowerCase(), payment_method: params.paymentMethod, description: params.description, metadata: params.metadata };
      if (card?.outcome === 'authentication_required' && onSession && !params.offSession) {
        const result: AuthenticationNeeded = { status: 'requires_action', paymentId, clientSecret: `${paymentId}_secret_${crypto.randomUUID().replaceAll('-', '')}`, card: summary };
        this.record({ ...intent, status: 'requires_action', last_payment_error: null }, result);
        return { result };
      }
      const result: ChargeResult =
        card?.outcome === 'succeeded'
          ? { status: 'succeeded', paymentId, card: summary }
          : { status: 'failed', paymentId, code: card?.outcome ?? 'card_declined', message: card?.message ?? `No such PaymentMethod: '${params.paymentMethod}'`, card: summary };
      return { result, event: this.settle(intent, result) };
    });
  }

  /**
   * The bank's answer to a payment waiting for the buyer to authenticate (what Stripe's test
   * 3-D Secure page does): paid, or refused as Stripe refuses a failed authentication. A payment
   * already decided keeps its outcome. Null for a client secret the provider never gave.
   */
  async authenticate(clientSecret: string, approve: boolean): Promise<ChargeResult | AuthenticationNeeded | null> {
    return this.ctx.blockConcurrencyWhile(async () => {
      const [row] = this.ctx.storage.sql.exec<{ intent: string; result: string }>('SELECT intent, result FROM intents WHERE client_secret = ?', clientSecret).toArray();
      if (!row) return null;
      const waiting = JSON.parse(row.result) as ChargeResult | AuthenticationNeeded;
      if (waiting.status !== 'requires_action') return waiting;
      const result: ChargeResult = approve
        ? { status: 'succeeded', paymentId: waiting.paymentId, card: waiting.card }
        : { status: 'failed', paymentId: waiting.paymentId, code: 'authentication_required', message: AUTHENTICATION_FAILED, card: waiting.card };
      const event = this.settle(JSON.parse(row.intent) as Record<string, unknown> & { id: string; amount: number }, result);
      await this.env.PAYMENT_WEBHOOKS!.send(event);
      return result;
    });
  }

  /** A payment as the provider holds it now. */
  async retrievePayment(paymentId: string): Promise<ChargeResult | AuthenticationNeeded> {
    const [row] = this.ctx.storage.sql.exec<{ result: string }>('SELECT result FROM intents WHERE id = ?', paymentId).toArray();
    if (!row) throw new Error(`No such payment_intent: '${paymentId}'`);
    return JSON.parse(row.result) as ChargeResult | AuthenticationNeeded;
  }

  /** Records a payment's outcome (the money, for a refund to find) and returns its event, in Stripe's shape. */
  private settle(intent: Record<string, unknown> & { id: string; amount: number }, result: ChargeResult): ProviderEvent {
    if (result.status === 'succeeded') this.ctx.storage.sql.exec('INSERT INTO payments (id, amount) VALUES (?, ?)', intent.id, intent.amount);
    const settled = {
      ...intent,
      status: result.status === 'succeeded' ? 'succeeded' : 'requires_payment_method',
      last_payment_error:
        result.status === 'failed' ? { type: 'card_error', code: result.code === 'insufficient_funds' ? 'card_declined' : result.code, decline_code: result.code, message: result.message } : null,
    };
    this.record(settled, result);
    return stripeEvent(result.status === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', settled);
  }

  private record(intent: Record<string, unknown> & { id: string }, result: ChargeResult | AuthenticationNeeded): void {
    const secret = result.status === 'requires_action' ? result.clientSecret : null;
    this.ctx.storage.sql.exec(
      'INSERT INTO intents (id, client_secret, intent, result) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET intent = excluded.intent, result = excluded.result',
      intent.id,
      secret,
      JSON.stringify(intent),
      JSON.stringify(result),
    );
  }

  async refund(request: RefundRequest): Promise<{ refundId: string }> {
    const { idempotencyKey, ...params } = request;
    return this.once('refund', idempotencyKey, params, async () => {
      const [payment] = this.ctx.storage.sql.exec<{ amount: number; refunded: number }>('SELECT amount, refunded FROM payments WHERE id = ?', params.paymentId).toArray();
      if (!payment) throw new Error(`No such payment_intent: '${params.paymentId}'`);
      const amount = params.amount ?? payment.amount - payment.refunded;
      if (amount <= 0 || payment.refunded + amount > payment.amount) throw new Error(`Refund amount (${amount}) is greater than the unrefunded amount on the charge (${payment.amount - payment.refunded})`);
      this.ctx.storage.sql.exec('UPDATE payments SET refunded = refunded + ? WHERE id = ?', amount, params.paymentId);
      const refundId = `re_test_${crypto.randomUUID().replaceAll('-', '')}`;
      this.ctx.storage.sql.exec('INSERT INTO refunds (id, payment_id, amount) VALUES (?, ?, ?)', refundId, params.paymentId, amount);
      return { result: { refundId }, event: stripeEvent('refund.created', { id: refundId, object: 'refund', amount, payment_intent: params.paymentId, status: 'succeeded', metadata: {} }) };
    });
  }

  /** An invoice paid by a payment that succeeded (Stripe: created, its line added, finalized, the payment attached). */
  async issueInvoice(request: InvoiceRequest): Promise<IssuedInvoice> {
    const { idempotencyKey, ...params } = request;
    return this.once('invoice', idempotencyKey, params, async () => {
      const { line } = params;
      const [payment] = this.ctx.storage.sql.exec<{ amount: number }>('SELECT amount FROM payments WHERE id = ?', params.paymentId).toArray();
      if (!payment) throw new Error(`No such payment_intent: '${params.paymentId}'`);
      if (payment.amount !== line.amount || (line.quantity && line.quantity.count * line.quantity.unitAmount !== line.amount)) {
        throw new Error(`The invoice's total (${line.amount}) is not the payment's amount (${payment.amount})`);
      }
      if (this.ctx.storage.sql.exec('SELECT 1 FROM invoices WHERE payment_id = ?', params.paymentId).toArray().length > 0) {
        throw new Error(`The PaymentIntent ${params.paymentId} is already attached to an invoice`);
      }
      const { n } = this.ctx.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM invoices').one();
      const id = `in_test_${crypto.randomUUID().replaceAll('-', '')}`;
      const number = `TEST-${String(n + 1).padStart(4, '0')}`;
      const invoice = {
        id,
        object: 'invoice',
        number,
        status: 'paid',
        customer: params.customer,
        currency: params.currency.toLowerCase(),
        amount_due: line.amount,
        amount_paid: line.amount,
        hosted_invoice_url: null,
        lines: { object: 'list', data: [{ object: 'line_item', amount: line.amount, description: line.description, quantity: line.quantity?.count ?? 1, period: { start: unixSeconds(line.periodStart), end: unixSeconds(line.periodEnd) } }] },
        payments: { object: 'list', data: [{ object: 'invoice_payment', payment: { type: 'payment_intent', payment_intent: params.paymentId }, status: 'paid' }] },
        metadata: params.metadata,
      };
      this.ctx.storage.sql.exec('INSERT INTO invoices (id, payment_id, invoice) VALUES (?, ?, ?)', id, params.paymentId, JSON.stringify(invoice));
      return { result: { invoiceId: id, number, url: null }, event: stripeEvent('invoice.paid', invoice) };
    });
  }

  /** A refund of an invoiced payment, recorded on its invoice (Stripe: a credit note linking the refund). */
  async creditInvoice(request: CreditRequest): Promise<{ creditNoteId: string }> {
    const { idempotencyKey, ...params } = request;
    return this.once('credit_note', idempotencyKey, params, async () => {
      const [invoice] = this.ctx.storage.sql.exec<{ payment_id: string; invoice: string }>('SELECT payment_id, invoice FROM invoices WHERE id = ?', params.invoiceId).toArray();
      if (!invoice) throw new Error(`No such invoice: '${params.invoiceId}'`);
      const [refund] = this.ctx.storage.sql.exec<{ payment_id: string; amount: number }>('SELECT payment_id, amount FROM refunds WHERE id = ?', params.refundId).toArray();
      if (!refund || refund.payment_id !== invoice.payment_id) throw new Error(`The refund ${params.refundId} is not of the invoice's payment`);
      const { credited } = this.ctx.storage.sql.exec<{ credited: number }>('SELECT coalesce(sum(amount), 0) AS credited FROM credit_notes WHERE invoice_id = ?', params.invoiceId).one();
      const paid = (JSON.parse(invoice.invoice) as { amount_paid: number }).amount_paid;
      if (params.amount > refund.amount || credited + params.amount > paid) throw new Error(`The credit note's amount (${params.amount}) is more than is left to credit on the invoice`);
      const id = `cn_test_${crypto.randomUUID().replaceAll('-', '')}`;
      this.ctx.storage.sql.exec('INSERT INTO credit_notes (id, invoice_id, refund_id, amount) VALUES (?, ?, ?, ?)', id, params.invoiceId, params.refundId, params.amount);
      const note = { id, object: 'credit_note', invoice: params.invoiceId, amount: params.amount, memo: params.memo, refunds: [{ refund: params.refundId, amount_refunded: params.amount }], status: 'issued', metadata: {} };
      return { result: { creditNoteId: id }, event: stripeEvent('credit_note.created', note) };
    });
  }

  /** A connected account, onboarded at once (no identity checks to wait for offline). */
  async connectAccount(request: ConnectAccountRequest): Promise<ConnectedAccount> {
    const known = (id: string | null) => id !== null && this.ctx.storage.sql.exec('SELECT 1 FROM accounts WHERE id = ?', id).toArray().length > 0;
    if (known(request.existingAccountId)) return { accountId: request.existingAccountId!, ready: true, onboardingUrl: null };
    const { idempotencyKey, ownerAccountId, email } = request;
    return this.once('account', idempotencyKey, { ownerAccountId, email }, async () => {
      const id = `acct_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
      this.ctx.storage.sql.exec('INSERT INTO accounts (id, owner, email) VALUES (?, ?, ?)', id, ownerAccountId, email);
      const result: ConnectedAccount = { accountId: id, ready: true, onboardingUrl: null };
      return { result, event: stripeEvent('account.updated', { id, object: 'account', email, payouts_enabled: true, charges_enabled: true, metadata: { smile_account_id: ownerAccountId } }) };
    });
  }

  /** A refusal is an answer like any other (kept under its key); the client turns it into `TransferRefusedError`. */
  async transfer(request: TransferRequest): Promise<TestTransferOutcome> {
    const { idempotencyKey, ...params } = request;
    return this.once<TestTransferOutcome>('transfer', idempotencyKey, params, async () => {
      const [destination] = this.ctx.storage.sql.exec('SELECT id FROM accounts WHERE id = ?', params.destination).toArray();
      if (!destination) return { result: { status: 'refused', code: 'resource_missing', message: `No such destination: '${params.destination}'` } };
      const transferId = `tr_test_${crypto.randomUUID().replaceAll('-', '')}`;
      const result: TestTransferOutcome = { status: 'paid', transferId };
      return { result, event: stripeEvent('transfer.created', { id: transferId, object: 'transfer', amount: params.amount, currency: params.currency.toLowerCase(), destination: params.destination, metadata: params.metadata }) };
    });
  }
}

/** Stripe's words when the buyer fails (or abandons) 3-D Secure. */
const AUTHENTICATION_FAILED = 'We are unable to authenticate your payment method. Please choose a different payment method and try again.';

export type TestTransferOutcome = { status: 'paid'; transferId: string } | { status: 'refused'; code: string; message: string };

function stripeEvent(type: string, object: ProviderEvent['data']['object']): ProviderEvent {
  return { id: `evt_test_${crypto.randomUUID().replaceAll('-', '')}`, type, created: Math.floor(Date.now() / 1000), data: { object } };
}

/** What the provider tells of a test payment method; the fingerprint, like Stripe's, is the same for the same card and reveals nothing of it. */
export async function testCardSummary(paymentMethod: string): Promise<CardSummary | null> {
  const card = testCardByPaymentMethod(paymentMethod);
  if (!card) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`smile-test-card:${card.number}`)));
  return { brand: card.brand, last4: card.number.slice(-4), fingerprint: Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('') };
}
