/**
 * The moderators' review queue: what the classifier or Llama Guard held, and what people
 * reported. An item records its verdict and, once decided, who decided and when — the audit
 * trail of moderation.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { MODERATION_ITEM_STATES, MODERATION_SUBJECTS } from '../../../shared/schemas/moderation';
import { now } from './schema';

export type ModerationSubject = (typeof MODERATION_SUBJECTS)[number];

export const moderationItems = sqliteTable(
  'moderation_items',
  {
    id: text('id').primaryKey(),
    subjectType: text('subject_type', { enum: MODERATION_SUBJECTS }).notNull(),
    /** The status, account, report … id; for agent output not stored elsewhere, the caller's own reference. */
    subjectId: text('subject_id').notNull(),
    /** The author of the subject (for a report: the reported account). */
    accountId: text('account_id').notNull(),
    /** What the check decided (`report`: a person asked for a look; nothing was hidden). */
    action: text('action', { enum: ['hold', 'reject', 'report'] }).notNull(),
    /** JSON array of categories. */
    categories: text('categories').notNull().default('[]'),
    reason: text('reason'),
    source: text('source', { enum: ['classifier', 'llama_guard', 'report'] }).notNull(),
    /** The text that was judged, as it was: agent output and chat messages live nowhere else. */
    excerpt: text('excerpt').notNull().default(''),
    state: text('state', { enum: MODERATION_ITEM_STATES }).notNull().default('open'),
    reviewerId: text('reviewer_id'),
    reviewedAt: integer('reviewed_at'),
    /** The moderator's note on the decision. */
    note: text('note'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    index('moderation_items_state_idx').on(t.state, t.id),
    index('moderation_items_subject_idx').on(t.subjectType, t.subjectId),
    // One open item per subject: a second hold of something already waiting adds nothing (and redelivered queue messages neither).
    uniqueIndex('moderation_items_open_unique').on(t.subjectType, t.subjectId).where(sql`state = 'open'`),
  ],
);

export type ModerationItemRow = typeof moderationItems.$inferSelect;
