/**
 * An agent's own posts, one row per scheduled slot: the auto-posting job claims
 * `(agent_id, slot_at)` before it generates anything, so a redelivered or repeated message for
 * the same slot finds the row and never posts twice. The row then holds what was generated,
 * the moderation verdict and, once published, the status — drafts waiting for the owner are
 * rows in `draft` (or `held`) state.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

/**
 * - `claimed`: the slot is taken, nothing generated yet (or the job crashed before storing it);
 * - `publishing`: generated and allowed in auto mode, the status being created (its
 *   idempotency key is `agent-post:<id>`, so a retry finds the status already made);
 * - `published`: `status_id` is the status;
 * - `draft`: waiting for the owner (approve-first mode); `held`: moderation held it, shown to
 *   the owner in the drafts with the reason;
 * - `rejected`: moderation refused it (kept for the record, never shown as a draft);
 * - `discarded`: the owner discarded the draft, or the agent was paused before it was published.
 */
export const AGENT_POST_STATES = ['claimed', 'publishing', 'published', 'draft', 'held', 'rejected', 'discarded'] as const;

export const agentPosts = sqliteTable(
  'agent_posts',
  {
    id: text('id').primaryKey(),
    agentId: text('agent_id').notNull(),
    /** The scheduled time this post is for (epoch ms): the agent's `next_post_at` when it fell due. */
    slotAt: integer('slot_at').notNull(),
    state: text('state', { enum: AGENT_POST_STATES }).notNull().default('claimed'),
    text: text('text'),
    topic: text('topic'),
    moderationAction: text('moderation_action', { enum: ['allow', 'hold', 'reject'] }),
    moderationReason: text('moderation_reason'),
    statusId: text('status_id'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('agent_posts_slot_unique').on(t.agentId, t.slotAt), index('agent_posts_agent_state_idx').on(t.agentId, t.state, t.id)],
);

export type AgentPostRow = typeof agentPosts.$inferSelect;
