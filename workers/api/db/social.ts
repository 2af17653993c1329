/**
 * Statuses and what hangs off them. A reblog is a status row with `reblogOfId` and no text.
 * Counters are kept on the status and changed in the same batch as the row they count.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

export const statuses = sqliteTable(
  'statuses',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    /** The text as written (Mastodon's `source`); `content` is its rendered, safe HTML. */
    text: text('text').notNull().default(''),
    content: text('content').notNull().default(''),
    spoilerText: text('spoiler_text').notNull().default(''),
    sensitive: integer('sensitive', { mode: 'boolean' }).notNull().default(false),
    visibility: text('visibility', { enum: ['public', 'unlisted', 'private', 'direct'] }).notNull(),
    language: text('language'),
    inReplyToId: text('in_reply_to_id'),
    inReplyToAccountId: text('in_reply_to_account_id'),
    reblogOfId: text('reblog_of_id'),
    /** The thread it belongs to (`db/conversations.ts`): a reply's is its parent's; null for reblogs. */
    conversationId: text('conversation_id'),
    /** The app that posted it (Mastodon shows it), null for the web client. */
    applicationId: text('application_id'),
    /** Written by an AI agent on its own (the agents issue sets it). */
    aiGenerated: integer('ai_generated', { mode: 'boolean' }).notNull().default(false),
    repliesCount: integer('replies_count').notNull().default(0),
    reblogsCount: integer('reblogs_count').notNull().default(0),
    favouritesCount: integer('favourites_count').notNull().default(0),
    createdAt: integer('created_at').notNull().default(now),
    editedAt: integer('edited_at'),
    /** `held`: waits for a moderator, seen by its author only; `removed`: a moderator took it down (the author still sees it, marked). */
    moderationState: text('moderation_state', { enum: ['ok', 'held', 'removed'] }).notNull().default('ok'),
    /** Why it is held or removed, shown to the author. */
    moderationReason: text('moderation_reason'),
  },
  (t) => [
    index('statuses_account_idx').on(t.accountId, t.id),
    index('statuses_reply_idx').on(t.inReplyToId),
    index('statuses_visibility_idx').on(t.visibility, t.id),
    // One reblog per account and status.
    uniqueIndex('statuses_reblog_unique').on(t.accountId, t.reblogOfId),
    // A status's reblogs (who shared it, and its deletion, which takes them along): without it
    // each lookup scanned every status. Only reblogs are in it.
    index('statuses_reblog_of_idx').on(t.reblogOfId).where(sql`${t.reblogOfId} IS NOT NULL`),
  ],
);

/** Earlier versions of an edited status (its history, oldest first). */
export const statusEdits = sqliteTable(
  'status_edits',
  {
    id: text('id').primaryKey(),
    statusId: text('status_id').notNull(),
    text: text('text').notNull(),
    content: text('content').notNull(),
    spoilerText: text('spoiler_text').notNull(),
    sensitive: integer('sensitive', { mode: 'boolean' }).notNull(),
    /** JSON array of media attachment ids as they were. */
    mediaIds: text('media_ids').notNull().default('[]'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('status_edits_status_idx').on(t.statusId, t.id)],
);

const accountStatus = (name: string) =>
  sqliteTable(
    name,
    {
      accountId: text('account_id').notNull(),
      statusId: text('status_id').notNull(),
      /** Time-sortable id of the action itself: lists page by when it happened. */
      id: text('id').notNull().unique(),
      createdAt: integer('created_at').notNull().default(now),
    },
    (t) => [primaryKey({ columns: [t.accountId, t.statusId] }), index(`${name}_status_idx`).on(t.statusId)],
  );

export const favourites = accountStatus('favourites');
export const bookmarks = accountStatus('bookmarks');
export const statusPins = accountStatus('status_pins');

export const mentions = sqliteTable(
  'mentions',
  {
    statusId: text('status_id').notNull(),
    accountId: text('account_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.statusId, t.accountId] }), index('mentions_account_idx').on(t.accountId, t.statusId)],
);

export const tags = sqliteTable(
  'tags',
  {
    id: text('id').primaryKey(),
    /** Lower-case: `#SMILE` and `#smile` are one tag. */
    name: text('name').notNull().unique(),
    createdAt: integer('created_at').notNull().default(now),
  },
);

export const statusTags = sqliteTable(
  'status_tags',
  {
    statusId: text('status_id').notNull(),
    tagId: text('tag_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.statusId, t.tagId] }), index('status_tags_tag_idx').on(t.tagId, t.statusId)],
);

/** `Idempotency-Key` of a status creation: a retried request returns the first status. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    accountId: text('account_id').notNull(),
    key: text('key').notNull(),
    statusId: text('status_id').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  // The status's deletion removes its key.
  (t) => [primaryKey({ columns: [t.accountId, t.key] }), index('idempotency_keys_status_idx').on(t.statusId)],
);

export type StatusRow = typeof statuses.$inferSelect;

/** A poll belongs to one status; its options are a JSON array of titles. */
export const polls = sqliteTable('polls', {
  id: text('id').primaryKey(),
  statusId: text('status_id').notNull().unique(),
  options: text('options').notNull(),
  multiple: integer('multiple', { mode: 'boolean' }).notNull().default(false),
  hideTotals: integer('hide_totals', { mode: 'boolean' }).notNull().default(false),
  expiresAt: integer('expires_at').notNull(),
  /** Set when the "poll ended" notifications have been written, so they are written once. */
  closedAt: integer('closed_at'),
  createdAt: integer('created_at').notNull().default(now),
});

/** One row per voter: the primary key is what makes "one vote per account" hold under races. */
export const pollVotes = sqliteTable(
  'poll_votes',
  {
    pollId: text('poll_id').notNull(),
    accountId: text('account_id').notNull(),
    /** JSON array of option indexes. */
    choices: text('choices').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.accountId] }), index('poll_votes_account_idx').on(t.accountId)],
);

export type PollRow = typeof polls.$inferSelect;
export type PollVoteRow = typeof pollVotes.$inferSelect;

/** SMILE's emoji reactions: one row per account, status and emoji. */
export const reactions = sqliteTable(
  'reactions',
  {
    statusId: text('status_id').notNull(),
    accountId: text('account_id').notNull(),
    emoji: text('emoji').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.statusId, t.accountId, t.emoji] })],
);

/** Reports of accounts and statuses, for the moderators' queue (the admin panel reviews them). */
export const reports = sqliteTable(
  'reports',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    targetAccountId: text('target_account_id').notNull(),
    /** JSON array of reported status ids (all by the target account). */
    statusIds: text('status_ids').notNull().default('[]'),
    category: text('category', { enum: ['spam', 'legal', 'violation', 'other'] }).notNull(),
    comment: text('comment').notNull().default(''),
    actionTakenAt: integer('action_taken_at'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('reports_open_idx').on(t.actionTakenAt, t.id), index('reports_target_idx').on(t.targetAccountId)],
);
