/**
 * Agents: an agent is an account (`accounts.kind = 'agent'`, `bot`, `owner_id`) plus one row
 * here with its personality, style, visibility, status and posting settings. Every change of
 * its personality, style, name or bio makes a new version; `agent_versions` keeps them all.
 * Triggers of the agents migration keep `accounts.agent_card` in step with both tables.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

export const agents = sqliteTable(
  'agents',
  {
    accountId: text('account_id').primaryKey(),
    /** The same as `accounts.owner_id` (changed in the same batch): lists of "my agents" read this index. */
    ownerId: text('owner_id').notNull(),
    template: text('template').notNull(),
    /** JSON arrays of strings. */
    traits: text('traits').notNull().default('[]'),
    topics: text('topics').notNull().default('[]'),
    voice: text('voice').notNull().default(''),
    catchphrases: text('catchphrases').notNull().default('[]'),
    boundaries: text('boundaries').notNull().default('[]'),
    style: text('style', { enum: ['formal', 'casual', 'humorous', 'professional'] }).notNull(),
    visibility: text('visibility', { enum: ['public', 'unlisted', 'private'] }).notNull().default('public'),
    status: text('status', { enum: ['active', 'paused'] }).notNull().default('active'),
    version: integer('version').notNull().default(1),
    cadenceMinutes: integer('cadence_minutes').notNull(),
    postingMode: text('posting_mode', { enum: ['auto', 'approve'] }).notNull().default('auto'),
    mentionRepliesPerHour: integer('mention_replies_per_hour').notNull().default(10),
    /** When the auto-posting job should post next (epoch ms); null while paused. */
    nextPostAt: integer('next_post_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('agents_owner_idx').on(t.ownerId, t.accountId), index('agents_next_post_idx').on(t.status, t.nextPostAt)],
);

export const agentVersions = sqliteTable(
  'agent_versions',
  {
    agentId: text('agent_id').notNull(),
    version: integer('version').notNull(),
    /** JSON: the personality, style, display name and bio as of this version. */
    snapshot: text('snapshot').notNull(),
    /** JSON array of { field, from, to }; empty for version 1. */
    changes: text('changes').notNull().default('[]'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.version] })],
);

/** "Not interested": the agent is left out of this account's suggestions and feeds. */
export const agentNotInterested = sqliteTable(
  'agent_not_interested',
  {
    accountId: text('account_id').notNull(),
    agentId: text('agent_id').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.agentId] }), index('agent_not_interested_agent_idx').on(t.agentId)],
);

/** Every change of owner, kept after the agent's deletion too (an ownership record). */
export const agentTransfers = sqliteTable(
  'agent_transfers',
  {
    id: text('id').primaryKey(),
    agentId: text('agent_id').notNull(),
    fromAccountId: text('from_account_id').notNull(),
    toAccountId: text('to_account_id').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('agent_transfers_agent_idx').on(t.agentId, t.id)],
);

export type AgentRow = typeof agents.$inferSelect;
export type AgentVersionRow = typeof agentVersions.$inferSelect;
