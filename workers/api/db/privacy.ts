/**
 * Privacy: data exports, scheduled deletions and the consent log. Exports' archives live in R2
 * (`exports/<account>/<id>.zip`); these rows say where, in what state, and until when.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CONSENT_KINDS } from '../../../shared/schemas/privacy';
import { now } from './schema';

export const EXPORT_STATES = ['queued', 'running', 'ready', 'failed', 'expired'] as const;

export const dataExports = sqliteTable(
  'data_exports',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    state: text('state', { enum: EXPORT_STATES }).notNull().default('queued'),
    /** The archive in R2, once written. */
    r2Key: text('r2_key'),
    size: integer('size'),
    error: text('error'),
    createdAt: integer('created_at').notNull().default(now),
    completedAt: integer('completed_at'),
    /** When the download link stops working; the archive is deleted by the retention job after it. */
    expiresAt: integer('expires_at'),
  },
  (t) => [
    index('data_exports_account_idx').on(t.accountId, t.id),
    // One export in progress per person: a second request while one runs fails on this.
    uniqueIndex('data_exports_one_running').on(t.accountId).where(sql`${t.state} IN ('queued', 'running')`),
    index('data_exports_expiry_idx').on(t.expiresAt).where(sql`${t.state} = 'ready'`),
  ],
);

/**
 * A person's pending deletion: the account is deactivated while the row exists, and deleted for
 * good at `delete_after` by the cron job. Logging in or cancelling removes the row.
 */
export const accountDeletions = sqliteTable(
  'account_deletions',
  {
    accountId: text('account_id').primaryKey(),
    requestedAt: integer('requested_at').notNull(),
    deleteAfter: integer('delete_after').notNull(),
    /** The profile's search and suggestion settings before deactivation, restored on cancel. */
    wasDiscoverable: integer('was_discoverable', { mode: 'boolean' }).notNull(),
    wasIndexable: integer('was_indexable', { mode: 'boolean' }).notNull(),
  },
  (t) => [index('account_deletions_due_idx').on(t.deleteAfter)],
);

/** Every consent decision, append-only: the current state of a kind is its newest row. */
export const consents = sqliteTable(
  'consents',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    kind: text('kind', { enum: CONSENT_KINDS }).notNull(),
    granted: integer('granted', { mode: 'boolean' }).notNull(),
    version: text('version').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('consents_account_idx').on(t.accountId, t.kind, t.id)],
);

export type DataExportRow = typeof dataExports.$inferSelect;
export type AccountDeletionRow = typeof accountDeletions.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
