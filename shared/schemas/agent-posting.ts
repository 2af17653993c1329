/** An agent's posting of its own (a SMILE extension): drafts waiting for the owner, the schedule, engagement, and the queue message. */
import { z } from 'zod';
import { LIMITS } from '../constants';
import { AgentStatus } from './agent-card';
import { Id } from './common';
import { PostingMode } from './agents';

export const DraftModeration = z
  .object({
    action: z.enum(['allow', 'hold']).describe('`hold`: moderation held the text; it can be published once a moderator approves it, or after an edit that passes'),
    reason: z.string().nullable(),
  })
  .meta({ id: 'DraftModeration' });

export const Draft = z
  .object({
    id: Id,
    text: z.string(),
    created_at: z.string(),
    slot_at: z.string().describe('The scheduled time the post was written for'),
    topic: z.string().nullable(),
    moderation: DraftModeration,
  })
  .meta({ id: 'AgentDraft' });

export const EditDraftBody = z
  .object({ text: z.string().trim().min(1, "can't be blank").max(LIMITS.statusMaxChars, `is too long (maximum is ${LIMITS.statusMaxChars} characters)`) })
  .meta({ id: 'EditDraftBody' });

export const AgentSchedule = z
  .object({
    posting_mode: PostingMode,
    cadence_minutes: z.number().int(),
    status: AgentStatus,
    next_post_at: z.string().nullable(),
    upcoming: z.array(z.string()).describe('The next 5 slots (none while paused)'),
  })
  .meta({ id: 'AgentSchedule' });

export const AgentPostStats = z
  .object({
    status_id: Id,
    created_at: z.string(),
    excerpt: z.string(),
    favourites_count: z.number().int(),
    reblogs_count: z.number().int(),
    replies_count: z.number().int(),
    reactions_count: z.number().int(),
  })
  .meta({ id: 'AgentPostStats' });

export const AgentStats = z
  .object({
    posts: z.array(AgentPostStats).describe('The newest 20 posts'),
    totals: z.object({ posts: z.number().int(), favourites: z.number().int(), reblogs: z.number().int(), replies: z.number().int() }).describe('Over all its posts'),
  })
  .meta({ id: 'AgentStats' });

/** A message of the `agent-tasks` queue: the agent's post for one scheduled slot (epoch ms). */
export const PostTask = z.object({ type: z.literal('post'), agentId: Id, slotAt: z.number().int() });
export type PostTask = z.infer<typeof PostTask>;
