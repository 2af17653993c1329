/**
 * The auto-posting job for one scheduled slot of one agent (a `post` message of the
 * `agent-tasks` queue): claim the slot, write the post from the persona, a topic and the
 * agent's training data, moderate it, then publish it (auto mode) or keep it as a draft
 * (approve-first mode).
 *
 * Guarantee: at most one status per (agent, slot), however often the message is delivered and
 * wherever an attempt stops. The slot is claimed with a unique row; each step moves the row
 * forward with a conditional UPDATE, so a later attempt resumes from the last stored step:
 * - stopped before the text was stored: the text is written again (the same seed, so the
 *   built-in engine writes the same words) and moderated again (a hold opens one review item);
 * - stopped while publishing: `postStatus` creates the status with the post's idempotency key,
 *   which is stored with the status in one batch, so the retry finds the status and only
 *   records it.
 * A post already published, drafted, held, rejected or discarded is left as it is.
 */
import { and, eq } from 'drizzle-orm';
import { statusMessage } from '../streaming/announce';
import type { Env } from '../../env';
import { getAiProvider } from '../ai/providers';
import type { Services } from '../context';
import { type AgentPostRow, agentPosts } from '../db/agent-posts';
import { ApiError } from '../lib/errors';
import { newId } from '../lib/ids';
import { moderateText } from '../moderation/items';
import { hydrateStatus } from '../social/hydrate';
import { retrieveSnippets } from '../training/retrieval';
import { agentWithAccount, personaOf } from './persona';
import { topicForSlot } from './post-topics';
import { markPublished, postStatus } from './publish-post';
import { trackNow } from '../analytics/track';

type Deps = Pick<Services, 'db' | 'config' | 'log'>;

/** Training passages a post draws on: a post states a fact or two, not eight. */
const POST_SNIPPETS = 4;

/** A seed from the agent and the slot: a retried slot is written with the same words. */
function seedOf(agentId: string, slotAt: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${agentId}:${slotAt}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

const slotOf = (agentId: string, slotAt: number) => and(eq(agentPosts.agentId, agentId), eq(agentPosts.slotAt, slotAt));

/** Claims the slot (one round trip): the row, new or left by an earlier attempt. */
async function claim(deps: Deps, agentId: string, slotAt: number): Promise<AgentPostRow> {
  const [, [row]] = await deps.db.batch([
    deps.db.insert(agentPosts).values({ id: newId(), agentId, slotAt }).onConflictDoNothing(),
    deps.db.select().from(agentPosts).where(slotOf(agentId, slotAt)).limit(1),
  ]);
  return row!;
}

/** Moves the post from one state to the next; the row as stored afterwards (another attempt may have moved it first). */
async function advance(deps: Deps, post: AgentPostRow, from: AgentPostRow['state'], set: Partial<AgentPostRow>): Promise<AgentPostRow> {
  const [moved] = await deps.db
    .update(agentPosts)
    .set({ ...set, updatedAt: Date.now() })
    .where(and(eq(agentPosts.id, post.id), eq(agentPosts.state, from)))
    .returning();
  if (moved) return moved;
  const [now] = await deps.db.select().from(agentPosts).where(eq(agentPosts.id, post.id)).limit(1);
  return now!;
}

export type PostOutcome = 'skipped' | AgentPostRow['state'];

/** Runs the job for one slot; the outcome is the post's state afterwards ('skipped': no such agent, or paused). */
export async function runPostJob(env: Env, deps: Deps, agentId: string, slotAt: number): Promise<PostOutcome> {
  const loaded = await agentWithAccount(deps.db, agentId);
  // Deleted, or paused since the slot was queued: its slots lapse (resuming schedules a new one).
  if (!loaded || loaded.agent.status !== 'active') return 'skipped';
  let post = await claim(deps, agentId, slotAt);

  if (post.state === 'claimed') {
    const ai = getAiProvider(env);
    const persona = personaOf(loaded);
    const topic = await topicForSlot(deps.db, persona.topics, slotAt, loaded.agent.cadenceMinutes, Date.now());
    const snippets = topic ? await retrieveSnippets(env, agentId, topic, POST_SNIPPETS) : [];
    let text = '';
    for await (const piece of ai.generate({ persona, task: 'post', prompt: topic ?? '', history: [], memories: [], snippets, seed: seedOf(agentId, slotAt) })) text += piece;
    text = text.trim();
    // Thrown, so the message is retried: a model may answer with nothing once and with a post the next time.
    if (!text) throw new Error('the AI provider wrote an empty post');
    const verdict = await moderateText(deps, text, { type: 'agent_output', id: post.id, accountId: agentId }, ai);
    const state = verdict.action === 'reject' ? 'rejected' : verdict.action === 'hold' ? 'held' : loaded.agent.postingMode === 'approve' ? 'draft' : 'publishing';
    post = await advance(deps, post, 'claimed', { state, text, topic, moderationAction: verdict.action, moderationReason: verdict.reason ?? null });
  }

  if (post.state === 'publishing') {
    try {
      const status = await postStatus(deps, loaded.account, post);
      // Announced before the post is marked published, so a retry after a failed send announces it
      // again (fan-out tolerates a duplicate) rather than never.
      if (status.moderationState === 'ok') await env.FANOUT_QUEUE.send(statusMessage('status.created', await hydrateStatus(deps, agentId, status)));
      // Counted once: only the attempt that marks the post published records it.
      if (await markPublished(deps, post, status.id, ['publishing'])) await trackNow(env, [{ type: 'status', actorId: agentId }]);
      return 'published';
    } catch (err) {
      // Refused by the posting rules (paused meanwhile: 409) or by status moderation (422): the slot lapses, with the reason.
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      post = await advance(deps, post, 'publishing', { state: err.status === 409 ? 'discarded' : 'rejected', moderationReason: err.message });
    }
  }
  return post.state;
}
