/**
 * The ledger's Postgres schema (not D1): double-entry accounts, journal transactions and their
 * entries, and the audit trail. Migrations: `npx drizzle-kit generate --config
 * drizzle.ledger.config.ts` into migrations/ledger; the guarantees the database enforces with
 * triggers (append-only, balanced transactions) live in the hand-written migration
 * `0001_ledger_guards.sql`. See docs/ledger.md.
 */
import { sql } from 'drizzle-orm';
import { bigint, char, check, foreignKey, index, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

export const LEDGER_ACCOUNT_KINDS = ['buyer_funding', 'platform_revenue', 'creator_payable', 'escrow', 'provider_fees', 'refunds'] as const;
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
    check('ledger_accounts_kind', sql`${t.kind} IN ('buyer_funding', 'platform_revenue', 'creator_payable', 'escrow', 'provider_fees', 'refunds')`),
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

export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;
export type JournalTransactionRow = typeof journalTransactions.$inferSelect;
