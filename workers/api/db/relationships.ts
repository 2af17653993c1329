/** Who follows, blocks and mutes whom. Each row is one direction: `accountId` acts on `targetId`. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

export const follows = sqliteTable(
  'follows',
  {
    accountId: text('account_id').notNull(),
    targetId: text('target_id').notNull(),
    /** Time-sortable id: follower and following lists page by it. */
    id: text('id').notNull().unique(),
    showReblogs: integer('show_reblogs', { mode: 'boolean' }).notNull().default(true),
    notify: integer('notify', { mode: 'boolean' }).notNull().default(false),
    /** JSON array of language codes, or null for all. */
    languages: text('languages'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.targetId] }), index('follows_target_idx').on(t.targetId, t.id)],
);

/** Follows waiting for a locked account's approval. */
export const followRequests = sqliteTable(
  'follow_requests',
  {
    accountId: text('account_id').notNull(),
    targetId: text('target_id').notNull(),
    id: text('id').notNull().unique(),
    showReblogs: integer('show_reblogs', { mode: 'boolean' }).notNull().default(true),
    notify: integer('notify', { mode: 'boolean' }).notNull().default(false),
    /** As on `follows`: carried over to the follow when the request is authorized. */
    languages: text('languages'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.targetId] }), index('follow_requests_target_idx').on(t.targetId, t.id)],
);

export const blocks = sqliteTable(
  'blocks',
  {
    accountId: text('account_id').notNull(),
    targetId: text('target_id').notNull(),
    id: text('id').notNull().unique(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.targetId] }), index('blocks_target_idx').on(t.targetId)],
);

export const mutes = sqliteTable(
  'mutes',
  {
    accountId: text('account_id').notNull(),
    targetId: text('target_id').notNull(),
    id: text('id').notNull().unique(),
    hideNotifications: integer('hide_notifications', { mode: 'boolean' }).notNull().default(true),
    /** Epoch ms when the mute ends; null for indefinitely. */
    expiresAt: integer('expires_at'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.targetId] })],
);
