/** The wire shapes of an agent's posting: a draft, the schedule, the engagement figures. */
import type { z } from 'zod';
import type { AgentSchedule, AgentStats, Draft } from '../../../shared/schemas/agent-posting';
import type { AgentPostRow } from '../db/agent-posts';
import type { Schedule, Stats } from './posting.service';

const iso = (ms: number) => new Date(ms).toISOString();
const EXCERPT_CHARS = 100;

export function serializeDraft(row: AgentPostRow): z.input<typeof Draft> {
  return {
    id: row.id,
    text: row.text ?? '',
    created_at: iso(row.createdAt),
    slot_at: iso(row.slotAt),
    topic: row.topic,
    moderation: { action: row.state === 'held' ? 'hold' : 'allow', reason: row.state === 'held' ? row.moderationReason : null },
  };
}

export function serializeSchedule({ agent, upcoming }: Schedule): z.input<typeof AgentSchedule> {
  return {
    posting_mode: agent.postingMode,
    cadence_minutes: agent.cadenceMinutes,
    status: agent.status,
    next_post_at: agent.nextPostAt === null ? null : iso(agent.nextPostAt),
    upcoming: upcoming.map(iso),
  };
}

export function serializeStats({ posts, totals }: Stats): z.input<typeof AgentStats> {
  return {
    posts: posts.map(({ status, reactionsCount }) => ({
      status_id: status.id,
      created_at: iso(status.createdAt),
      excerpt: [...status.text].length > EXCERPT_CHARS ? `${[...status.text].slice(0, EXCERPT_CHARS - 1).join('')}…` : status.text,
      favourites_count: status.favouritesCount,
      reblogs_count: status.reblogsCount,
      replies_count: status.repliesCount,
      reactions_count: Number(reactionsCount),
    })),
    totals: { posts: Number(totals.posts), favourites: Number(totals.favourites), reblogs: Number(totals.reblogs), replies: Number(totals.replies) },
  };
}
