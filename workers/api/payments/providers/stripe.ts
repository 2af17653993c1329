/**
 * The payment provider in production: Stripe's API through the `stripe` package's Workers build
 * (fetch for HTTP, WebCrypto for webhook signatures). Cards are charged with a PaymentIntent
 * created and confirmed in one call; creators onboard Express connected accounts through Account
 * Links and are paid with Connect transfers ("separate charges and transfers"). A subscription's
 * charge is documented with a Stripe Billing invoice that the charge's payment pays, and its
 * refund with a credit note on that invoice. See docs/payments.md.
 */
import Stripe from 'stripe';
import { type AuthenticationNeeded, type CardSummary, type ChargeRequest, type ChargeResult, type DeclineCode, type PaymentProvider, ProviderUnavailableError, TransferRefusedError, unixSeconds } from './provider';
import { verifyStripeSignature } from './stripe-signature';

export interface StripeProviderOptions {
  /** `sk_test_…`, `sk_live_…` or a restricted `rk_…` key. */
  secretKey: string;
  /** The webhook endpoint's signing secret, `whsec_…`. */
  webhookSecret: string;
  /** Tests only: an http(s) URL standing in for https://api.stripe.com. */
  apiBase?: string;
}

/**
 * The API version SMILE is written against — the one this package's types describe. Pinned so
 * neither the account's default nor a package upgrade changes the shape of what comes back.
 */
const API_VERSION = '2026-10-28.endive';

/** Stripe's codes (`decline_code` first, it is the more specific) that SMILE tells apart. */
const DECLINES: Record<string, DeclineCode> = {
  insufficient_funds: 'insufficient_funds',
  expired_card: 'expired_card',
  incorrect_cvc: 'incorrect_cvc',
  processing_error: 'processing_error',
  authentication_required: 'authentication_required',
  // The buyer failed (or abandoned) the bank's 3-D Secure challenge.
  payment_intent_authentication_failure: 'authentication_required',
};

/** A payment the bank wants authenticated, made without the buyer (a renewal, a bill). */
const NEEDS_AUTHENTICATION = 'This card needs its bank to confirm each payment (3-D Secure), which cannot be done without you: update the card, or pay while you are here.';

export function stripeProvider(options: StripeProviderOptions): PaymentProvider {
  const stripe = new Stripe(options.secretKey, {
    apiVersion: API_VERSION,
    httpClient: Stripe.createFetchHttpClient(),
    // The package retries connection errors, 409s and 5xx itself, with the same Idempotency-Key.
    maxNetworkRetries: 2,
    ...(options.apiBase ? apiHost(options.apiBase) : {}),
  });

  /** A PaymentIntent created and confirmed in one call; `onSession`: the buyer is there to authenticate it with Stripe.js. */
  async function pay(request: ChargeRequest, onSession: boolean): Promise<ChargeResult | AuthenticationNeeded> {
    let intent: Stripe.PaymentIntent;
    try {
      intent = await stripe.paymentIntents.create(
        {
          amount: request.amount,
          currency: request.currency.toLowerCase(),
          payment_method: request.paymentMethod,
          ...(request.customer ? { customer: request.customer } : {}),
          ...(request.offSession ? { off_session: true } : {}),
          ...(request.savesCard ? { setup_future_usage: 'off_session' as const } : {}),
          confirm: true,
          // Confirmed on the server with no page to come back to: only methods that need no redirect.
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          // 3-D Secure, when the bank asks for it, is finished in the browser by Stripe.js's handleNextAction.
          ...(onSession ? { use_stripe_sdk: true } : {}),
          description: request.description,
          metadata: request.metadata,
          // The card's brand, last four digits and fingerprint, without a second call.
          expand: ['payment_method'],
        },
        { idempotencyKey: request.idempotencyKey },
      );
    } catch (err) {
      if (err instanceof Stripe.errors.StripeCardError) {
        const intentId = err.payment_intent?.id ?? null;
        const method = err.payment_method ?? err.payment_intent?.payment_method;
        return { status: 'failed', paymentId: intentId, code: declineCode(err), message: err.message || 'The card was declined.', card: cardOf(method) };
      }
      throw unavailable(err);
    }
    return chargeResult(intent, onSession);
  }

  return {
    name: 'stripe',

    async describePaymentMethod(paymentMethod) {
      try {
        return cardOf(await stripe.paymentMethods.retrieve(paymentMethod));
      } catch (err) {
        // An id Stripe does not know is the buyer's mistake, not an outage: no card.
        if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404) return null;
        throw unavailable(err);
      }
    },

    charge: (request) => pay(request, false) as Promise<ChargeResult>,
    chargeOnSession: (request) => pay(request, true),

    async retrievePayment(paymentId) {
      try {
        return chargeResult(await stripe.paymentIntents.retrieve(paymentId, { expand: ['payment_method'] }), true);
      } catch (err) {
        throw unavailable(err);
      }
    },

    async saveCard(request) {
      try {
        const customerId =
          request.existingCustomerId ??
          (await stripe.customers.create({ metadata: { smile_account_id: request.ownerAccountId } }, { idempotencyKey: request.idempotencyKey })).id;
        const method = await stripe.paymentMethods.retrieve(request.paymentMethod);
        const owner = typeof method.customer === 'string' ? method.customer : (method.customer?.id ?? null);
        if (owner === customerId) return { customerId, paymentMethod: method.id };
        try {
          const attached = await stripe.paymentMethods.attach(request.paymentMethod, { customer: customerId }, { idempotencyKey: `${request.idempotencyKey}:${request.paymentMethod}` });
          return { customerId, paymentMethod: attached.id };
        } catch (err) {
          // Stripe checks the card as it attaches it: a refused card stays as it was, and the charge
          // that follows refuses it again, with the reason, where the buyer sees it.
          if (err instanceof Stripe.errors.StripeCardError) return { customerId, paymentMethod: request.paymentMethod };
          throw err;
        }
      } catch (err) {
        throw unavailable(err);
      }
    },

    async deleteCustomer(customerId) {
      try {
        await stripe.customers.del(customerId);
      } catch (err) {
        if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404) return;
        throw unavailable(err);
      }
    },

    async refund(request) {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: request.paymentId, ...(request.amount === undefined ? {} : { amount: request.amount }) },
          { idempotencyKey: request.idempotencyKey },
        );
        return { refundId: refund.id };
      } catch (err) {
        throw unavailable(err);
      }
    },

    async issueInvoice(request) {
      const { idempotencyKey: key, line } = request;
      const currency = request.currency.toLowerCase();
      try {
        // Paid already, by SMILE's own charge: Stripe must neither collect it nor finalize it on its own.
        const draft = await stripe.invoices.create(
          { customer: request.customer, currency, collection_method: 'charge_automatically', auto_advance: false, pending_invoice_items_behavior: 'exclude', metadata: request.metadata },
          { idempotencyKey: `${key}:create` },
        );
        await stripe.invoiceItems.create(
          {
            customer: request.customer,
            invoice: draft.id,
            currency,
            description: line.description,
            period: { start: unixSeconds(line.periodStart), end: unixSeconds(line.periodEnd) },
            ...(line.quantity ? { quantity: line.quantity.count, unit_amount_decimal: Stripe.Decimal.from(line.quantity.unitAmount) } : { amount: line.amount }),
            metadata: request.metadata,
          },
          { idempotencyKey: `${key}:line` },
        );
        await stripe.invoices.finalizeInvoice(draft.id, { auto_advance: false }, { idempotencyKey: `${key}:finalize` });
        // A payment that has succeeded is credited to the invoice at once: it is `paid`.
        const paid = await stripe.invoices.attachPayment(draft.id, { payment_intent: request.paymentId }, { idempotencyKey: `${key}:attach` });
        if (paid.status !== 'paid' || !paid.number) throw new ProviderUnavailableError(`Stripe left invoice ${paid.id} ${paid.status ?? 'without a status'}`);
        return { invoiceId: paid.id, number: paid.number, url: paid.hosted_invoice_url ?? null };
      } catch (err) {
        throw unavailable(err);
      }
    },

    async creditInvoice(request) {
      try {
        const note = await stripe.creditNotes.create(
          { invoice: request.invoiceId, amount: request.amount, refunds: [{ refund: request.refundId, amount_refunded: request.amount }], memo: request.memo },
          { idempotencyKey: request.idempotencyKey },
        );
        return { creditNoteId: note.id };
      } catch (err) {
        throw unavailable(err);
      }
    },

    async connectAccount(request) {
      try {
        const account = request.existingAccountId
          ? await stripe.accounts.retrieve(request.existingAccountId)
          : await stripe.accounts.create(
              { type: 'express', email: request.email, capabilities: { transfers: { requested: true } }, metadata: { smile_account_id: request.ownerAccountId } },
              { idempotencyKey: request.idempotencyKey },
            );
        if (account.payouts_enabled) return { accountId: account.id, ready: true, onboardingUrl: null };
        // A link works once and expires within minutes: a fresh one every time the creator asks.
        const link = await stripe.accountLinks.create({ account: account.id, type: 'account_onboarding', refresh_url: request.returnUrl, return_url: request.returnUrl });
        return { accountId: account.id, ready: false, onboardingUrl: link.url };
      } catch (err) {
        throw unavailable(err);
      }
    },

    async transfer(request) {
      try {
        const transfer = await stripe.transfers.create(
          { amount: request.amount, currency: request.currency.toLowerCase(), destination: request.destination, metadata: request.metadata },
          { idempotencyKey: request.idempotencyKey },
        );
        return { transferId: transfer.id };
      } catch (err) {
        // A 400 is Stripe's considered no (unknown destination, balance_insufficient …): nothing moved.
        if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 400) throw new TransferRefusedError(err.code ?? 'invalid_request', err.message);
        throw unavailable(err);
      }
    },

    verifyWebhook(rawBody, signature) {
      return verifyStripeSignature(rawBody, signature, options.webhookSecret);
    },
  };
}

/** What a confirmed PaymentIntent means for SMILE; `onSession`: the buyer can still authenticate one that asks for it. */
function chargeResult(intent: Stripe.PaymentIntent, onSession: boolean): ChargeResult | AuthenticationNeeded {
  const card = cardOf(intent.payment_method);
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', paymentId: intent.id, card };
    case 'requires_action':
      if (onSession && intent.client_secret) return { status: 'requires_action', paymentId: intent.id, clientSecret: intent.client_secret, card };
      return { status: 'failed', paymentId: intent.id, code: 'authentication_required', message: NEEDS_AUTHENTICATION, card };
    case 'requires_payment_method': {
      const error = intent.last_payment_error;
      const code = error ? declineCode(error) : 'card_declined';
      return { status: 'failed', paymentId: intent.id, code, message: error?.code === 'authentication_required' || error?.decline_code === 'authentication_required' ? NEEDS_AUTHENTICATION : (error?.message ?? 'The card was declined.'), card };
    }
    default:
      // `processing` and the rest have no answer yet: the caller retries with the same key or waits for the webhook.
      throw new ProviderUnavailableError(`Stripe left payment ${intent.id} in status ${intent.status}`);
  }
}

function declineCode(error: { code?: string | null; decline_code?: string | null }): DeclineCode {
  return DECLINES[error.decline_code ?? ''] ?? DECLINES[error.code ?? ''] ?? 'card_declined';
}

/** The card behind an expanded payment method; an id alone (not expanded) or a non-card method says nothing. */
function cardOf(method: string | Stripe.PaymentMethod | null | undefined): CardSummary | null {
  const card = typeof method === 'object' ? method?.card : undefined;
  if (!card?.fingerprint) return null;
  return { brand: card.brand, last4: card.last4, fingerprint: card.fingerprint };
}

/** Anything Stripe answered other than a card decline: network, 5xx, rate limit, bad key, bad request. */
function unavailable(err: unknown): unknown {
  if (err instanceof Stripe.errors.StripeError) {
    return new ProviderUnavailableError(`Stripe: ${err.message || err.type}`, { cause: err });
  }
  return err;
}

function apiHost(apiBase: string): { protocol: 'http' | 'https'; host: string; port: number } {
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { protocol, host: url.hostname, port: Number(url.port) || (protocol === 'http' ? 80 : 443) };
}
