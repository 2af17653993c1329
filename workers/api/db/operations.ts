import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Unhandled errors, one row per fingerprint (what failed, where): repeats raise the count and
 * move `last_seen_at` and `last_request_id` instead of adding rows (workers/api/lib/error-reporter.ts).
 */
export const errorReports = sqliteTable('error_reports', {
  fingerprint: text('fingerprint').primaryKey(),
  route: text('route').notNull(),
  method: text('method').notNull(),
  message: text('message').notNull(),
  stack: text('stack'),
  count: integer('count').notNull().default(1),
  firstSeenAt: integer('first_seen_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull(),
  lastRequestId: text('last_request_id').notNull(),
});
