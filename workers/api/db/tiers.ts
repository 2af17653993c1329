/**
 * An account's paid platform tier, as the ledger's tier subscription says it (docs/payments.md
 * #platform-tiers): one row per account, written after the ledger commit and converged on every
 * step of the subscription, so a lost write is redone by the next step or the renewal job.
 * No row, or a row whose `until` has passed, means Free.
 */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { TIER_IDS } from '../../../shared/money/tiers';
import { now } from './schema';

export const accountTiers = sqliteTable('account_tiers', {
  accountId: text('account_id').primaryKey(),
  tier: text('tier', { enum: TIER_IDS }).notNull(),
  /** The tier holds until here (epoch ms): the paid period's end, or a past-due grace's. */
  until: integer('until').notNull(),
  /** The ledger's tier subscription that wrote it: an ended one never overwrites a newer one. */
  subscriptionId: text('subscription_id').notNull(),
  updatedAt: integer('updated_at').notNull().default(now),
});

export type AccountTierRow = typeof accountTiers.$inferSelect;
