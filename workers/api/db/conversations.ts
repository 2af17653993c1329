/**
 * Direct-message conversations, as Mastodon keeps them. A `conversations` row is a thread: the
 * status that starts a thread creates one, and every reply joins its parent's (`statuses.
 * conversation_id`). Each participant has an `account_conversations` row per thread and set of
 * other participants: the direct statuses they took part in, the newest of them, and whether
 * they have read it. `last_status_id` is also the row's paging cursor, so the list is ordered
 * by latest activity.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

export const conversations = sqliteTable('conversations', {
  id: text('id').primaryKey(),
  createdAt: integer('created_at').notNull().default(now),
});

export const accountConversations = sqliteTable(
  'account_conversations',
  {
    /** The Conversation entity's id (it stays while messages arrive; a removed one comes back with a new id). */
    id: text('id').primaryKey(),
    /** Whose list it is in. */
    accountId: text('account_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    /** JSON array of the other participants' ids, sorted; `[]` for notes to oneself. */
    participantIds: text('participant_ids').notNull(),
    /** JSON array of the direct statuses of the thread with these participants. */
    statusIds: text('status_ids').notNull(),
    lastStatusId: text('last_status_id').notNull(),
    unread: integer('unread', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('account_conversations_unique').on(t.accountId, t.conversationId, t.participantIds),
    index('account_conversations_account_idx').on(t.accountId, t.lastStatusId),
    index('account_conversations_conversation_idx').on(t.conversationId),
  ],
);

export type AccountConversationRow = typeof accountConversations.$inferSelect;
