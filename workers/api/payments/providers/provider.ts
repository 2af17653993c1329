/**
 * What SMILE asks of a payment provider. Two implement it: Stripe (production) and the test
 * provider (the offline default: Stripe test mode's cards and Stripe-signed webhooks, so the
 * whole flow runs locally). `PAYMENTS_PROVIDER` chooses; `paymentProvider(env)` builds it.
 *
 * Card numbers never reach SMILE: the web client turns the card into a payment method with the
 * provider (Stripe Elements; offline, the test form maps Stripe's test card numbers to Stripe's
 * test payment methods such as `pm_card_visa`), and only that id comes here.
 *
 * Every call that moves money carries an idempotency key: repeating a call with the same key
 * returns the first call's result and moves nothing twice — which is also how reconciliation
 * learns what happened to a charge whose answer was lost (it asks again with the same key).
 */

/** What a card payment method tells us without revealing the card. */
export interface CardSummary {
  brand: string;
  last4: string;
  /** The same card gives the same fingerprint (velocity rules count by it). */
  fingerprint: string;
}

export interface ChargeRequest {
  /** Minor units of `currency`, > 0. */
  amount: number;
  /** ISO 4217, upper case (providers that want lower case convert). */
  currency: string;
  /** A provider payment method id (`pm_…`), never a card number. */
  paymentMethod: string;
  description: string;
  /** Copied onto the payment and back in its webhooks; `order_id` names SMILE's order. */
  metadata: Record<string, string>;
  idempotencyKey: string;
  /** The provider customer a saved card (`saveCard`) belongs to: charged as theirs. */
  customer?: string | undefined;
  /** The buyer is not there to confirm anything (a renewal): the card is charged as agreed when it was saved. */
  offSession?: boolean | undefined;
  /** The buyer is there now and the card will be charged again without them (a subscription's first month): one authentication covers both (Stripe `setup_future_usage`). */
  savesCard?: boolean | undefined;
}

export interface SaveCardRequest {
  /** The SMILE account the card belongs to (one provider customer each, kept in its metadata). */
  ownerAccountId: string;
  paymentMethod: string;
  /** The customer this account already has at the provider: the card is added to it. */
  existingCustomerId: string | null;
  /** Makes the customer's creation happen once, however often (or concurrently) it is asked. */
  idempotencyKey: string;
}

export interface SavedCard {
  customerId: string;
  /** The id to charge from now on: Stripe gives a test token such as `pm_card_visa` a payment method of its own when it is saved. */
  paymentMethod: string;
}

/** Why a card was refused, in Stripe's vocabulary (`last_payment_error.code` / `decline_code`). */
export type DeclineCode = 'card_declined' | 'insufficient_funds' | 'expired_card' | 'incorrect_cvc' | 'processing_error' | 'authentication_required';

export type ChargeResult =
  | { status: 'succeeded'; paymentId: string; card: CardSummary | null }
  | { status: 'failed'; paymentId: string | null; code: DeclineCode; message: string; card: CardSummary | null };

/**
 * An on-session payment the card's bank wants the buyer to confirm (3-D Secure): the web client
 * hands `clientSecret` to the provider's script (Stripe.js `handleNextAction`), and the outcome
 * comes from `retrievePayment` (or the webhook).
 */
export interface AuthenticationNeeded {
  status: 'requires_action';
  paymentId: string;
  clientSecret: string;
  card: CardSummary | null;
}

export interface RefundRequest {
  paymentId: string;
  /** Minor units; the whole payment when absent. */
  amount?: number;
  idempotencyKey: string;
}

export interface TransferRequest {
  amount: number;
  currency: string;
  /** The creator's connected account at the provider (`acct_…`). */
  destination: string;
  metadata: Record<string, string>;
  idempotencyKey: string;
}

export interface ConnectAccountRequest {
  /** The SMILE account the connected account belongs to (kept in the provider's metadata). */
  ownerAccountId: string;
  email: string;
  /** The account this owner already has at the provider: asked about, not created again. */
  existingAccountId: string | null;
  /** Where the provider's onboarding sends the creator back to (and where an expired link starts over). */
  returnUrl: string;
  /** Makes the account's creation happen once, however often it is asked. */
  idempotencyKey: string;
}

export interface ConnectedAccount {
  /** `acct_…` */
  accountId: string;
  /** The provider will take transfers to it (Stripe: `payouts_enabled`, after onboarding). */
  ready: boolean;
  /** Where the creator finishes onboarding with the provider; null once there is nothing left to do. */
  onboardingUrl: string | null;
}

/**
 * One line of an invoice: an amount for a stretch of time (a month, an upgrade's rest of one), or
 * a quantity at a unit price (a metered month's replies; `amount` = quantity × unit amount).
 */
export interface InvoiceLine {
  description: string;
  amount: number;
  quantity?: { count: number; unitAmount: number } | undefined;
  periodStart: Date;
  periodEnd: Date;
}

/**
 * A subscription's charge that succeeded, to be documented as an invoice of the provider's
 * billing (Stripe Billing): issued and marked paid by that very payment, so nothing is charged.
 */
export interface InvoiceRequest {
  customer: string;
  currency: string;
  /** The succeeded payment that pays the invoice, for the line's whole amount. */
  paymentId: string;
  line: InvoiceLine;
  /** Copied onto the invoice; `order_id` names SMILE's order. */
  metadata: Record<string, string>;
  idempotencyKey: string;
}

/** A refund of a charge whose invoice was issued: recorded on the invoice as a credit note (Stripe Billing). */
export interface CreditRequest {
  invoiceId: string;
  /** The provider's refund (`re_…`), already made: the credit note links it, refunding nothing more. */
  refundId: string;
  amount: number;
  /** Shown on the credit note. */
  memo: string;
  idempotencyKey: string;
}

export interface IssuedInvoice {
  /** `in_…` */
  invoiceId: string;
  /** The number the buyer sees (Stripe's `number`, given at finalization). */
  number: string;
  /** The provider's page of the invoice, with its PDF (Stripe's `hosted_invoice_url`); null where the provider hosts none. */
  url: string | null;
}

/** A time as Stripe writes it (seconds since the epoch): both providers speak Stripe's shapes. */
export const unixSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** A provider event in Stripe's shape (both providers send Stripe's events). */
export interface ProviderEvent {
  id: string;
  type: string;
  /** Seconds since the epoch, when the provider created the event. */
  created: number;
  data: { object: Record<string, unknown> & { id: string; metadata?: Record<string, string> } };
}

export interface PaymentProvider {
  readonly name: 'test' | 'stripe';
  /** The card behind a payment method (the fraud rules count by its fingerprint); null when it is not a card. */
  describePaymentMethod(paymentMethod: string): Promise<CardSummary | null>;
  /**
   * Creates and confirms a card payment (a PaymentIntent with `confirm: true`) that must be
   * decided now: a card whose bank wants the buyer to authenticate is declined
   * (`authentication_required`). For renewals and bills, the buyer absent.
   */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /**
   * The same, with the buyer at the checkout: a card whose bank wants the buyer to authenticate
   * (3-D Secure) answers `requires_action` instead of a decline. Asked again with the same key,
   * it answers what it first did; the payment's later outcome is `retrievePayment`'s.
   */
  chargeOnSession(request: ChargeRequest): Promise<ChargeResult | AuthenticationNeeded>;
  /** A payment's state now (Stripe: the PaymentIntent retrieved), in the same terms. */
  retrievePayment(paymentId: string): Promise<ChargeResult | AuthenticationNeeded>;
  /**
   * Keeps a card for charges made later, the buyer absent (renewals). Stripe charges a payment
   * method that belongs to no customer once only: it is attached to the account's Customer.
   */
  saveCard(request: SaveCardRequest): Promise<SavedCard>;
  /** Deletes a customer and the cards saved to it (a person erased); one already gone is no error. */
  deleteCustomer(customerId: string): Promise<void>;
  refund(request: RefundRequest): Promise<{ refundId: string }>;
  /**
   * Issues the invoice of a subscription's charge already paid (Stripe Billing: an invoice with
   * one line, finalized, the payment attached): the buyer's document of the charge, in the
   * provider's customer history. Asked again with the same key, it answers the same invoice.
   */
  issueInvoice(request: InvoiceRequest): Promise<IssuedInvoice>;
  /** Records a refund already made on the charge's invoice (Stripe: a credit note linking the refund); the same key, the same credit note. */
  creditInvoice(request: CreditRequest): Promise<{ creditNoteId: string }>;
  /**
   * Creates the creator's connected account (Connect, Express) or reports on the one they have,
   * with a link to finish onboarding while the provider still needs something from them.
   */
  connectAccount(request: ConnectAccountRequest): Promise<ConnectedAccount>;
  /**
   * Pays a creator out to their connected account (Connect: a transfer). Throws
   * `TransferRefusedError` when the provider answered no (nothing moved), and
   * `ProviderUnavailableError` when the outcome is unknown (ask again with the same key).
   */
  transfer(request: TransferRequest): Promise<{ transferId: string }>;
  /**
   * Checks a webhook's `Stripe-Signature` over the raw body (exactly the bytes received) and
   * returns the event; throws `WebhookSignatureError` when it does not verify.
   */
  verifyWebhook(rawBody: string, signature: string | null): Promise<ProviderEvent>;
}

export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError';
}

/** A provider call that failed for a reason other than the card (network, 5xx, bad key). */
export class ProviderUnavailableError extends Error {
  override name = 'ProviderUnavailableError';
}

/** The provider refused a transfer (unknown or closed destination, insufficient platform balance …): nothing moved. */
export class TransferRefusedError extends Error {
  override name = 'TransferRefusedError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
