/**
 * Agent chat and mention replies. The conversations themselves live in the `AgentSession`
 * Durable Objects (one per agent × person); D1 keeps only what must be enumerated or counted
 * across them.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

/**
 * Every (agent, person) pair that has an `AgentSession`: a Durable Object namespace cannot be
 * listed, so deleting an agent reads this to clear each of its sessions.
 */
export const agentSessions = sqliteTable(
  'agent_sessions',
  {
    agentId: text('agent_id').notNull(),
    personId: text('person_id').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.personId] }), index('agent_sessions_person_idx').on(t.personId)],
);

/**
 * One row per (agent, mentioning status): the key that makes a redelivered mention answer
 * nothing twice, and the record of what was done — `replied` (with the reply), `held` by
 * moderation, or `skipped` (over the owner's hourly limit). Replies in the last hour are
 * counted here for `mention_replies_per_hour`.
 */
export const agentMentionReplies = sqliteTable(
  'agent_mention_replies',
  {
    agentId: text('agent_id').notNull(),
    statusId: text('status_id').notNull(),
    outcome: text('outcome', { enum: ['replied', 'held', 'skipped'] }).notNull(),
    replyId: text('reply_id'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.statusId] }), index('agent_mention_replies_recent_idx').on(t.agentId, t.createdAt)],
);
