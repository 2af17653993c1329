/**
 * The ledger's Postgres schema (not D1): double-entry accounts, journal transactions and their
 * entries, and the audit trail. Migrations: `npx drizzle-kit generate --config
 * drizzle.ledger.config.ts` into migrations/ledger; the guarantees the database enforces with
 * triggers (append-only, balanced transactions) live in the hand-written migration
 * `0001_ledger_guards.sql`. See docs/ledger.md.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, char, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';

export const LEDGER_ACCOUNT_KINDS = ['buyer_funding', 'platform_revenue', 'creator_payable', 'escrow', 'provider_fees', 'refunds', 'payouts'] as const;
export type LedgerAccountKind = (typeof LEDGER_ACCOUNT_KINDS)[number];

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: LEDGER_ACCOUNT_KINDS }).notNull(),
    /** The SMILE account (D1) it belongs to; null for the platform's own accounts. */
    ownerAccountId: text('owner_account_id'),
    /** ISO 4217, upper case. */
    currency: char('currency', { length: 3 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One account of a kind per owner and currency; the platform's (null owner) too.
    unique('ledger_accounts_kind_owner_currency').on(t.kind, t.ownerAccountId, t.currency).nullsNotDistinct(),
    // The target of the entries' (account, currency) foreign key.
    unique('ledger_accounts_id_currency').on(t.id, t.currency),
    check('ledger_accounts_kind', sql`${t.kind} IN ('buyer_funding', 'platform_revenue', 'creator_payable', 'escrow', 'provider_fees', 'refunds', 'payouts')`),
    check('ledger_accounts_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const journalTransactions = pgTable(
  'journal_transactions',
  {
    id: text('id').primaryKey(),
    /** What happened: purchase, release, refund, … */
    kind: text('kind').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique('journal_transactions_idempotency_key'),
    /** The transaction this one follows from (a release or refund names its purchase). */
    relatedTransactionId: text('related_transaction_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    foreignKey({ name: 'journal_transactions_related', columns: [t.relatedTransactionId], foreignColumns: [t.id] }),
    index('journal_transactions_related_idx').on(t.relatedTransactionId),
    // The plans' charges of the last day, still to be invoiced (payments/invoices.ts).
    index('journal_transactions_tier_idx').on(t.createdAt).where(sql`${t.kind} = 'tier'`),
  ],
);

export const journalEntries = pgTable(
  'journal_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    transactionId: text('transaction_id')
      .notNull()
      .references(() => journalTransactions.id),
    ledgerAccountId: text('ledger_account_id').notNull(),
    /** Signed, in minor units of `currency`; see docs/ledger.md for the sign convention. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
  },
  (t) => [
    // An entry's currency is its account's: enforced by pointing at (id, currency) together.
    foreignKey({ name: 'journal_entries_account_currency', columns: [t.ledgerAccountId, t.currency], foreignColumns: [ledgerAccounts.id, ledgerAccounts.currency] }),
    check('journal_entries_nonzero', sql`${t.amount} <> 0`),
    index('journal_entries_account_idx').on(t.ledgerAccountId),
    index('journal_entries_transaction_idx').on(t.transactionId),
  ],
);

/** Every money event, written in the same database transaction as the event itself. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: text('kind').notNull(),
    transactionId: text('transaction_id').references(() => journalTransactions.id),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_events_transaction_idx').on(t.transactionId)],
);

/** `usage`: a metered subscription's bill for the replies used in one period (billed after it). */
export const ORDER_KINDS = ['purchase', 'rental', 'subscription', 'interactions', 'usage'] as const;
export const BILLINGS = ['monthly', 'metered'] as const;
export const SUBSCRIPTION_STATES = ['incomplete', 'incomplete_expired', 'active', 'past_due', 'canceled', 'lapsed'] as const;
export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];
/** The states a subscription can still be charged (or billed) in. */
export const LIVE = ['incomplete', 'active', 'past_due'] as const;
export const isLive = (s: { state: string }) => (LIVE as readonly string[]).includes(s.state);

/**
 * The billing columns a subscription to an agent and one to a platform tier share (fresh builders
 * per table, as drizzle needs).
 */
const billingColumns = () => ({
  /** Minor units a month, as charged for the current period (a metered subscription: a reply). */
  price: bigint('price', { mode: 'number' }).notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  provider: text('provider').notNull(),
  /** Saved with the provider (`saveCard`) for the renewals: charged as `providerCustomer`'s. */
  paymentMethod: text('payment_method').notNull(),
  /** Null on subscriptions made before cards were saved: those are charged as one-off cards. */
  providerCustomer: text('provider_customer'),
  cardBrand: text('card_brand'),
  cardLast4: text('card_last4'),
  state: text('state', { enum: SUBSCRIPTION_STATES }).notNull().default('incomplete'),
  /** The billing anchor: periods are whole calendar months from here. */
  anchorAt: timestamp('anchor_at', { withTimezone: true }).notNull(),
  /** The last paid period (0 until the first charge succeeds). */
  period: integer('period').notNull().default(0),
  currentPeriodStart: timestamp('current_period_start', { withTimezone: true }).notNull(),
  currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }).notNull(),
  cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
  /** When the next charge is tried (the period end; while past due, the next retry). */
  renewAt: timestamp('renew_at', { withTimezone: true }),
  /** Failed attempts at charging the next period (part of that charge's idempotency key). */
  attempt: integer('attempt').notNull().default(0),
  /** Past due: the entitlement lasts until here, then the subscription lapses. */
  graceUntil: timestamp('grace_until', { withTimezone: true }),
  failureCode: text('failure_code'),
  failureMessage: text('failure_message'),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A buyer's monthly subscription to a listing (docs/payments.md#subscriptions). Each period is
 * paid by one payment order (kind `subscription`) whose idempotency key is derived from the
 * subscription, the period and the attempt, so a renewal is charged once however often and
 * however concurrently the cron runs. Period k (1-based) covers [anchor + (k−1) months,
 * anchor + k months); `period` is the last one paid (0 until the first charge succeeds).
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: text('id').primaryKey(),
    buyerAccountId: text('buyer_account_id').notNull(),
    /** The subscribe request's `Idempotency-Key`: one subscription per key and buyer. */
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    listingId: text('listing_id').notNull(),
    agentId: text('agent_id').notNull(),
    creatorAccountId: text('creator_account_id').notNull(),
    ...billingColumns(),
    /**
     * `monthly`: a subscription listing's price, charged ahead for each period. `metered`: a
     * per-interaction listing's replies, counted in D1 and billed after each period (payments/metered.ts).
     */
    billing: text('billing', { enum: BILLINGS }).notNull().default('monthly'),
    /** Metered: the most replies a period may use (the buyer's cap on the bill). */
    usageLimit: integer('usage_limit'),
    /** A downgrade waits for the period end: the listing the next period is charged for. */
    nextListingId: text('next_listing_id'),
    /** When the last upgrade took effect (its order's `covers_from`): an upgrade is applied once. */
    changedAt: timestamp('changed_at', { withTimezone: true }),
  },
  (t) => [
    unique('subscriptions_buyer_key').on(t.buyerAccountId, t.idempotencyKey),
    // One live subscription per buyer and listing.
    uniqueIndex('subscriptions_live_idx').on(t.buyerAccountId, t.listingId).where(sql`${t.state} IN ('incomplete', 'active', 'past_due')`),
    check('subscriptions_price', sql`${t.price} > 0`),
    check('subscriptions_state', sql`${t.state} IN ('incomplete', 'incomplete_expired', 'active', 'past_due', 'canceled', 'lapsed')`),
    check('subscriptions_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('subscriptions_grace', sql`(${t.state} = 'past_due') = (${t.graceUntil} IS NOT NULL)`),
    check('subscriptions_billing', sql`${t.billing} IN ('monthly', 'metered') AND (${t.billing} = 'metered') = (${t.usageLimit} IS NOT NULL AND ${t.usageLimit} > 0)`),
    index('subscriptions_buyer_idx').on(t.buyerAccountId, t.id),
    // The renewal job's worklist.
    index('subscriptions_due_idx').on(t.renewAt).where(sql`${t.state} IN ('incomplete', 'active', 'past_due')`),
  ],
);

/**
 * An account's monthly subscription to a platform tier (docs/payments.md#platform-tiers). The
 * platform sells it, so there is no listing, creator, escrow or split: each period's charge is
 * posted `buyer_funding(account) → platform_revenue` (journal kind `tier`) under the key
 * `tier:<id>:period:<k>:attempt:<n>` — the provider's key too — so a period is charged and
 * booked once however often it is asked for. An upgrade's prorated charge is a `tier_changes` row
 * (key `tier_change:<id>`); a downgrade waits in `next_tier`. Refused charges are recorded here (failure_code) and in the audit
 * trail; they post nothing. One live tier subscription per account: a plan change moves it.
 */
export const tierSubscriptions = pgTable(
  'tier_subscriptions',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    /** The subscribe request's `Idempotency-Key`: one subscription per key and account. */
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** A purchasable tier of shared/money/tiers.ts. */
    tier: text('tier').notNull(),
    ...billingColumns(),
    /** A downgrade waits for the period end: the tier the next period is charged for. */
    nextTier: text('next_tier'),
    /** The first month's card, as the fraud rules count cards (a plan is a purchase too). */
    cardFingerprint: text('card_fingerprint'),
    /** The first month's payment while it waits for the buyer's bank (3-D Secure): its id, and the secret the browser's challenge needs. */
    paymentId: text('payment_id'),
    clientSecret: text('client_secret'),
  },
  (t) => [
    unique('tier_subscriptions_account_key').on(t.accountId, t.idempotencyKey),
    uniqueIndex('tier_subscriptions_live_idx').on(t.accountId).where(sql`${t.state} IN ('incomplete', 'active', 'past_due')`),
    // The purchasable tiers: Free costs nothing and Enterprise is agreed with sales.
    check('tier_subscriptions_tier', sql`${t.tier} IN ('creator_pro', 'business')`),
    check('tier_subscriptions_next_tier', sql`${t.nextTier} IN ('creator_pro', 'business') AND ${t.nextTier} <> ${t.tier}`),
    check('tier_subscriptions_price', sql`${t.price} > 0`),
    check('tier_subscriptions_state', sql`${t.state} IN ('incomplete', 'incomplete_expired', 'active', 'past_due', 'canceled', 'lapsed')`),
    check('tier_subscriptions_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('tier_subscriptions_grace', sql`(${t.state} = 'past_due') = (${t.graceUntil} IS NOT NULL)`),
    index('tier_subscriptions_due_idx').on(t.renewAt).where(sql`${t.state} IN ('incomplete', 'active', 'past_due')`),
    // The fraud rules' counts: an account's and a card's plan purchases of the last hour.
    index('tier_subscriptions_account_created_idx').on(t.accountId, t.createdAt),
    index('tier_subscriptions_card_idx').on(t.cardFingerprint, t.createdAt),
  ],
);

export const TIER_CHANGE_KINDS = ['upgrade', 'downgrade', 'call_off'] as const;
export const TIER_CHANGE_STATES = ['pending', 'succeeded', 'failed'] as const;

/**
 * One plan-change request of a tier subscription, under the account's Idempotency-Key
 * (docs/payments.md#changing-plan). An upgrade's prorated amount depends on the moment it is
 * asked, and the provider refuses a key reused with another amount, so the amount is written
 * here before the provider is called, and a retry charges exactly it again (key
 * `tier_change:<id>`, the journal's too). A downgrade (waits for the period end) and a call-off
 * (the current tier chosen again) charge nothing: they are recorded so a retry replays them and
 * the key cannot be reused for another tier.
 */
export const tierChanges = pgTable(
  'tier_changes',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    subscriptionId: text('subscription_id')
      .notNull()
      .references(() => tierSubscriptions.id),
    kind: text('kind', { enum: TIER_CHANGE_KINDS }).notNull(),
    fromTier: text('from_tier').notNull(),
    toTier: text('to_tier').notNull(),
    /** Minor units charged now: an upgrade's prorated difference; 0 for the others. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    paymentMethod: text('payment_method').notNull(),
    providerCustomer: text('provider_customer'),
    /** The stretch an upgrade pays for: from the request to the period's end. */
    coversFrom: timestamp('covers_from', { withTimezone: true }).notNull(),
    coversUntil: timestamp('covers_until', { withTimezone: true }).notNull(),
    state: text('state', { enum: TIER_CHANGE_STATES }).notNull(),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    providerPaymentId: text('provider_payment_id'),
    /** An upgrade's payment while it waits for the buyer's bank (3-D Secure): the secret the browser's challenge needs. */
    clientSecret: text('client_secret'),
    journalTransactionId: text('journal_transaction_id').references(() => journalTransactions.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('tier_changes_account_key').on(t.accountId, t.idempotencyKey),
    // One upgrade waiting for the provider per subscription: two keys racing cannot both charge it.
    uniqueIndex('tier_changes_pending_idx').on(t.subscriptionId).where(sql`${t.state} = 'pending'`),
    check('tier_changes_kind', sql`${t.kind} IN ('upgrade', 'downgrade', 'call_off')`),
    check('tier_changes_state', sql`${t.state} IN ('pending', 'succeeded', 'failed')`),
    check('tier_changes_amount', sql`(${t.kind} = 'upgrade') = (${t.amount} > 0) AND ${t.amount} >= 0`),
    check('tier_changes_charged', sql`${t.kind} = 'upgrade' OR ${t.state} = 'succeeded'`),
    check('tier_changes_paid', sql`(${t.kind} = 'upgrade' AND ${t.state} = 'succeeded') = (${t.journalTransactionId} IS NOT NULL)`),
    check('tier_changes_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/**
 * The invoice of a plan's paid charge (a month, or an upgrade's rest of one), as the provider's
 * billing issued it (payments/invoices.ts): one row per charge's journal transaction, written at
 * the first attempt (`tried_at`) and completed when the provider answers.
 */
export const tierInvoices = pgTable(
  'tier_invoices',
  {
    journalTransactionId: text('journal_transaction_id')
      .primaryKey()
      .references(() => journalTransactions.id),
    accountId: text('account_id').notNull(),
    tierSubscriptionId: text('tier_subscription_id')
      .notNull()
      .references(() => tierSubscriptions.id),
    /** The invoice's one line: what was paid, how much, for which stretch of time. */
    description: text('description').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    invoiceId: text('invoice_id'),
    invoiceNumber: text('invoice_number'),
    invoiceUrl: text('invoice_url'),
    triedAt: timestamp('tried_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('tier_invoices_amount', sql`${t.amount} > 0`), index('tier_invoices_account_idx').on(t.accountId, t.periodStart)],
);

export const ORDER_STATES = ['pending', 'succeeded', 'failed', 'blocked'] as const;
export const SETTLEMENTS = ['held', 'released', 'refunded'] as const;

/**
 * A buyer's order: one checkout of a listing, from the attempt (pending) to its outcome. The
 * attempt is recorded even when the card is declined or a fraud rule blocks it; money moves
 * only in the journal, in the same transaction that marks the order succeeded. Unlike the
 * journal, an order changes state (every change is also an audit event).
 */
export const paymentOrders = pgTable(
  'payment_orders',
  {
    id: text('id').primaryKey(),
    buyerAccountId: text('buyer_account_id').notNull(),
    /** The buyer's `Idempotency-Key`: one order per key and buyer. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** What the key was first used for (listing, price, payment method): a key reused for something else is refused. */
    requestHash: text('request_hash').notNull(),
    listingId: text('listing_id').notNull(),
    agentId: text('agent_id').notNull(),
    creatorAccountId: text('creator_account_id').notNull(),
    kind: text('kind', { enum: ORDER_KINDS }).notNull(),
    rentalDays: integer('rental_days'),
    /** A per-interaction listing's pack: how many replies were bought; a usage bill: how many were used (the amount is price × this). */
    interactions: integer('interactions'),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    provider: text('provider').notNull(),
    paymentMethod: text('payment_method').notNull(),
    /** A subscription's saved card: its provider customer, and whether the buyer is absent (a renewal). */
    providerCustomer: text('provider_customer'),
    offSession: boolean('off_session').notNull().default(false),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    cardFingerprint: text('card_fingerprint'),
    state: text('state', { enum: ORDER_STATES }).notNull().default('pending'),
    /** Declined or blocked: the provider's code or the fraud rule, and a message for the buyer. */
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    providerPaymentId: text('provider_payment_id'),
    /**
     * Pending while the buyer authenticates the payment with their bank (3-D Secure): the
     * provider's client secret for its script (Stripe.js `handleNextAction`). Shown to the buyer only.
     */
    clientSecret: text('client_secret'),
    /** When the provider's success was recorded: the entitlement starts here. */
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** The purchase posted to the journal. */
    journalTransactionId: text('journal_transaction_id').references(() => journalTransactions.id),
    /** Where the money is: held in escrow, released to the creator, or refunded. */
    settlement: text('settlement', { enum: SETTLEMENTS }),
    /** When the escrow releases on its own unless disputed. */
    releaseAt: timestamp('release_at', { withTimezone: true }),
    disputedAt: timestamp('disputed_at', { withTimezone: true }),
    /** The entitlement lives in D1: granted after the ledger commit, made whole by reconciliation if that step is lost. */
    entitlementGrantedAt: timestamp('entitlement_granted_at', { withTimezone: true }),
    /** A subscription's charge (one period, or the prorated rest of one after an upgrade): the subscription, and the time it pays for. */
    subscriptionId: text('subscription_id').references(() => subscriptions.id),
    coversFrom: timestamp('covers_from', { withTimezone: true }),
    coversUntil: timestamp('covers_until', { withTimezone: true }),
    /** A subscription's paid charge, documented by the provider's billing (payments/invoices.ts): the invoice, its number, and its page. */
    invoiceId: text('invoice_id'),
    invoiceNumber: text('invoice_number'),
    invoiceUrl: text('invoice_url'),
    /** The last time the invoice was asked for without an answer: the next run tries the others first. */
    invoiceTriedAt: timestamp('invoice_tried_at', { withTimezone: true }),
    /** A refund's provider id; and, for an invoiced charge, the credit note that records the refund on its invoice. */
    providerRefundId: text('provider_refund_id'),
    creditNoteId: text('credit_note_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payment_orders_subscription_idx').on(t.subscriptionId),
    unique('payment_orders_buyer_key').on(t.buyerAccountId, t.idempotencyKey),
    check('payment_orders_amount', sql`${t.amount} > 0`),
    check('payment_orders_kind', sql`${t.kind} IN ('purchase', 'rental', 'subscription', 'interactions', 'usage')`),
    check('payment_orders_interactions', sql`(${t.kind} IN ('interactions', 'usage')) = (${t.interactions} IS NOT NULL AND ${t.interactions} > 0)`),
    // A subscription's charge (or bill) names its subscription and the stretch of time it pays for.
    check('payment_orders_subscription', sql`(${t.kind} IN ('subscription', 'usage')) = (${t.subscriptionId} IS NOT NULL AND ${t.coversFrom} IS NOT NULL AND ${t.coversUntil} IS NOT NULL)`),
    check('payment_orders_state', sql`${t.state} IN ('pending', 'succeeded', 'failed', 'blocked')`),
    check('payment_orders_settlement', sql`${t.settlement} IN ('held', 'released', 'refunded')`),
    check('payment_orders_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('payment_orders_paid', sql`(${t.state} = 'succeeded') = (${t.journalTransactionId} IS NOT NULL AND ${t.paidAt} IS NOT NULL)`),
    index('payment_orders_buyer_idx').on(t.buyerAccountId, t.createdAt),
    index('payment_orders_creator_idx').on(t.creatorAccountId, t.createdAt),
    index('payment_orders_card_idx').on(t.cardFingerprint, t.createdAt),
    // Reconciliation's and the release job's worklists.
    index('payment_orders_pending_idx').on(t.updatedAt).where(sql`${t.state} = 'pending'`),
    index('payment_orders_release_idx').on(t.releaseAt).where(sql`${t.settlement} = 'held'`),
    index('payment_orders_ungranted_idx').on(t.updatedAt).where(sql`${t.state} = 'succeeded' AND ${t.entitlementGrantedAt} IS NULL`),
    index('payment_orders_uncredited_idx').on(t.updatedAt).where(sql`${t.settlement} = 'refunded' AND ${t.invoiceId} IS NOT NULL AND ${t.creditNoteId} IS NULL`),
    index('payment_orders_uninvoiced_idx').on(t.paidAt).where(sql`${t.state} = 'succeeded' AND ${t.subscriptionId} IS NOT NULL AND ${t.providerCustomer} IS NOT NULL AND ${t.invoiceId} IS NULL`),
  ],
);

/** Provider webhook events already processed: each is acted on once, however often it is delivered. */
export const providerEvents = pgTable(
  'provider_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    /** What the event is about (a PaymentIntent's id, …). */
    objectId: text('object_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] }), index('provider_events_object_idx').on(t.objectId)],
);

/**
 * A creator's connected account at the payment provider (Stripe Connect's `acct_…`), where
 * payouts go. `ready` is the provider's word that it can receive transfers (Stripe: the
 * onboarding was completed and `payouts_enabled`); the test provider's accounts are ready at once.
 */
export const payoutAccounts = pgTable('payout_accounts', {
  ownerAccountId: text('owner_account_id').primaryKey(),
  provider: text('provider').notNull(),
  providerAccountId: text('provider_account_id').notNull(),
  ready: boolean('ready').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Each account's customer at the payment provider, which its saved cards belong to: created once, never replaced. */
export const providerCustomers = pgTable('provider_customers', {
  ownerAccountId: text('owner_account_id').primaryKey(),
  provider: text('provider').notNull(),
  customerId: text('customer_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const PAYOUT_STATES = ['pending', 'paid', 'failed'] as const;

/**
 * A creator's payout: the money leaves creator_payable for the payouts account in the same
 * SERIALIZABLE transaction that checked it was available (`journalTransactionId`), then the
 * provider transfers it. A transfer the provider refuses is reversed by a new journal
 * transaction (`reversalTransactionId`) and the payout marked failed with the reason; a
 * provider that does not answer leaves it pending until a retry with the same key.
 */
export const payouts = pgTable(
  'payouts',
  {
    id: text('id').primaryKey(),
    creatorAccountId: text('creator_account_id').notNull(),
    /** The creator's `Idempotency-Key`: one payout per key and creator. */
    idempotencyKey: text('idempotency_key').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    provider: text('provider').notNull(),
    /** The connected account paid (`acct_…`), as it was at the time. */
    destination: text('destination').notNull(),
    state: text('state', { enum: PAYOUT_STATES }).notNull().default('pending'),
    providerTransferId: text('provider_transfer_id'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    journalTransactionId: text('journal_transaction_id')
      .notNull()
      .references(() => journalTransactions.id),
    reversalTransactionId: text('reversal_transaction_id').references(() => journalTransactions.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('payouts_creator_key').on(t.creatorAccountId, t.idempotencyKey),
    check('payouts_amount', sql`${t.amount} > 0`),
    check('payouts_state', sql`${t.state} IN ('pending', 'paid', 'failed')`),
    check('payouts_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('payouts_paid', sql`(${t.state} = 'paid') = (${t.providerTransferId} IS NOT NULL)`),
    check('payouts_failed', sql`(${t.state} = 'failed') = (${t.reversalTransactionId} IS NOT NULL)`),
    index('payouts_creator_idx').on(t.creatorAccountId, t.id),
    index('payouts_pending_idx').on(t.updatedAt).where(sql`${t.state} = 'pending'`),
  ],
);

export type PayoutRow = typeof payouts.$inferSelect;
export type PayoutAccountRow = typeof payoutAccounts.$inferSelect;
export type PaymentOrderRow = typeof paymentOrders.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type TierSubscriptionRow = typeof tierSubscriptions.$inferSelect;
export type TierChangeRow = typeof tierChanges.$inferSelect;
export type TierInvoiceRow = typeof tierInvoices.$inferSelect;
export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;
export type JournalTransactionRow = typeof journalTransactions.$inferSelect;
