/**
 * The owner's side of an agent's posting: drafts (written in approve-first mode, or held by
 * moderation) to edit, publish or discard; the schedule; engagement with its posts. Owner only:
 * 403 for anyone else who can see the agent, 404 for an agent they cannot see.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { PageQuery } from '../../../shared/schemas/pagination';
import { getAiProvider } from '../ai/providers';
import type { Env } from '../../env';
import type { Services } from '../context';
import { type AgentPostRow, agentPosts } from '../db/agent-posts';
import type { AgentRow } from '../db/agents';
import { moderationItems } from '../db/moderation';
import { type StatusRow, statuses } from '../db/social';
import { conflict, invalidField, notFound } from '../lib/errors';
import { newestFirst, page } from '../lib/pagination';
import { moderateText } from '../moderation/items';
import { type LoadedAgent, ownAgent } from './agents.service';
import { markPublished, postStatus } from './publish-post';

type Deps = Pick<Services, 'db' | 'config'>;

/** States the owner sees as drafts. */
const DRAFT_STATES: AgentPostRow['state'][] = ['draft', 'held'];
const STATS_POSTS = 20;
const UPCOMING_SLOTS = 5;

export async function listDrafts(deps: Deps, viewerId: string, agentId: string, q: PageQuery): Promise<AgentPostRow[]> {
  await ownAgent(deps, viewerId, agentId);
  const p = page(agentPosts.id, q);
  const rows = await deps.db
    .select()
    .from(agentPosts)
    .where(and(eq(agentPosts.agentId, agentId), inArray(agentPosts.state, DRAFT_STATES), p.where))
    .orderBy(p.order)
    .limit(p.limit);
  return newestFirst(p, rows);
}

async function ownDraft(deps: Deps, viewerId: string, agentId: string, draftId: string): Promise<{ loaded: LoadedAgent; draft: AgentPostRow }> {
  const loaded = await ownAgent(deps, viewerId, agentId);
  const [draft] = await deps.db
    .select()
    .from(agentPosts)
    .where(and(eq(agentPosts.id, draftId), eq(agentPosts.agentId, agentId), inArray(agentPosts.state, DRAFT_STATES)))
    .limit(1);
  if (!draft) throw notFound('Draft not found');
  return { loaded, draft };
}

/** The owner's new text, moderated again as agent output: refused → 422; held → kept as held, with the reason. */
export async function editDraft(deps: Deps, env: Env, viewerId: string, agentId: string, draftId: string, text: string): Promise<AgentPostRow> {
  const { draft } = await ownDraft(deps, viewerId, agentId, draftId);
  const verdict = await moderateText(deps, text, { type: 'agent_output', id: draft.id, accountId: agentId }, getAiProvider(env));
  if (verdict.action === 'reject') throw invalidField('text', verdict.reason ?? 'was refused by moderation', 'ERR_MODERATION');
  const [edited] = await deps.db
    .update(agentPosts)
    .set({ text, state: verdict.action === 'hold' ? 'held' : 'draft', moderationAction: verdict.action, moderationReason: verdict.reason ?? null, updatedAt: Date.now() })
    .where(and(eq(agentPosts.id, draft.id), inArray(agentPosts.state, DRAFT_STATES)))
    .returning();
  if (!edited) throw notFound('Draft not found');
  return edited;
}

/** Has a moderator approved this held agent output? */
async function approvedByModerator(deps: Deps, postId: string): Promise<boolean> {
  const [item] = await deps.db
    .select({ id: moderationItems.id })
    .from(moderationItems)
    .where(and(eq(moderationItems.subjectType, 'agent_output'), eq(moderationItems.subjectId, postId), eq(moderationItems.state, 'approved')))
    .limit(1);
  return !!item;
}

/**
 * Publishes a draft as the agent's status (ai_generated, through the statuses service). A held
 * draft waits for a moderator's approval or an edit that passes: 409 until then. Two publishes of
 * one draft make one status (the post's idempotency key); `published` is true for the one that published it.
 */
export async function publishDraft(deps: Deps, viewerId: string, agentId: string, draftId: string): Promise<{ status: StatusRow; published: boolean }> {
  const { loaded, draft } = await ownDraft(deps, viewerId, agentId, draftId);
  if (draft.state === 'held' && !(await approvedByModerator(deps, draft.id))) throw conflict(`This draft is held by moderation${draft.moderationReason ? ` (${draft.moderationReason})` : ''}: edit it, or wait for a moderator's approval`);
  const status = await postStatus(deps, loaded.account, draft);
  return { status, published: await markPublished(deps, draft, status.id, DRAFT_STATES) };
}

export async function discardDraft(deps: Deps, viewerId: string, agentId: string, draftId: string): Promise<void> {
  const { draft } = await ownDraft(deps, viewerId, agentId, draftId);
  await deps.db
    .update(agentPosts)
    .set({ state: 'discarded', updatedAt: Date.now() })
    .where(and(eq(agentPosts.id, draft.id), inArray(agentPosts.state, DRAFT_STATES)));
}

export interface Schedule {
  agent: AgentRow;
  upcoming: number[];
}

/** The posting settings and the next slots (none while paused). */
export async function schedule(deps: Deps, viewerId: string, agentId: string): Promise<Schedule> {
  const { agent } = await ownAgent(deps, viewerId, agentId);
  const first = agent.status === 'active' ? agent.nextPostAt : null;
  const upcoming = first === null ? [] : Array.from({ length: UPCOMING_SLOTS }, (_, i) => first + i * agent.cadenceMinutes * 60_000);
  return { agent, upcoming };
}

export interface PostStats {
  status: StatusRow;
  reactionsCount: number;
}

export interface Stats {
  posts: PostStats[];
  totals: { posts: number; favourites: number; reblogs: number; replies: number };
}

/** Engagement with the agent's posts (its statuses, reblogs excluded): the newest 20, and totals over all of them. */
export async function stats(deps: Deps, viewerId: string, agentId: string): Promise<Stats> {
  await ownAgent(deps, viewerId, agentId);
  const own = and(eq(statuses.accountId, agentId), sql`${statuses.reblogOfId} IS NULL`);
  const [posts, [totals]] = await deps.db.batch([
    deps.db
      .select({ status: statuses, reactionsCount: sql<number>`(SELECT count(*) FROM reactions r WHERE r.status_id = ${statuses.id})` })
      .from(statuses)
      .where(own)
      .orderBy(desc(statuses.id))
      .limit(STATS_POSTS),
    deps.db
      .select({
        posts: sql<number>`count(*)`,
        favourites: sql<number>`coalesce(sum(${statuses.favouritesCount}), 0)`,
        reblogs: sql<number>`coalesce(sum(${statuses.reblogsCount}), 0)`,
        replies: sql<number>`coalesce(sum(${statuses.repliesCount}), 0)`,
      })
      .from(statuses)
      .where(own),
  ]);
  return { posts, totals: totals ?? { posts: 0, favourites: 0, reblogs: 0, replies: 0 } };
}
