/**
 * The membership index of chat rooms. Messages live in each room's Durable Object (`ChatRoom`);
 * D1 holds what lists need: who is in which room, each member's read position, and each room's
 * newest activity and last message, so "my chats, newest activity first, with unread counts"
 * is one query. The room writes `last_seq`, `last_message`, `activity_id` and the members' read
 * positions after it stores (batched, retried by its alarm until D1 has them).
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

export const chats = sqliteTable(
  'chats',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['direct', 'group'] }).notNull(),
    title: text('title'),
    ownerId: text('owner_id').notNull(),
    /** Direct chats only: the two account ids in order, joined by ':' (and ':e2ee' when encrypted) — one direct chat of each kind per pair. */
    directKey: text('direct_key'),
    /** How many messages the room has stored (its sequence); unread = last_seq - a member's read_seq. */
    lastSeq: integer('last_seq').notNull().default(0),
    /** The newest message as the API shows it (JSON), or null. */
    lastMessage: text('last_message'),
    /** Time-sortable cursor of the newest activity (the newest message id, or the chat id): the list's order and `max_id`. */
    activityId: text('activity_id').notNull(),
    /** End-to-end encrypted (docs/e2ee.md): chosen at creation, never changed; no agents, no plaintext. */
    encrypted: integer('encrypted', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('chats_direct_unique').on(t.directKey)],
);

export const chatMembers = sqliteTable(
  'chat_members',
  {
    chatId: text('chat_id').notNull(),
    accountId: text('account_id').notNull(),
    role: text('role', { enum: ['owner', 'member'] }).notNull().default('member'),
    lastReadId: text('last_read_id'),
    /** The room's sequence number at `last_read_id`. */
    readSeq: integer('read_seq').notNull().default(0),
    muted: integer('muted', { mode: 'boolean' }).notNull().default(false),
    joinedAt: integer('joined_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.accountId] }), index('chat_members_account_idx').on(t.accountId)],
);

/** Media sent in a chat: claimed here so that no status or story (or cleanup) takes it. */
export const chatMedia = sqliteTable('chat_media', {
  mediaId: text('media_id').primaryKey(),
  chatId: text('chat_id').notNull(),
});

export type ChatRow = typeof chats.$inferSelect;
export type ChatMemberRow = typeof chatMembers.$inferSelect;
