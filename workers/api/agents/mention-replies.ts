/**
 * Agents answer mentions in public and unlisted statuses. The statuses route queues one
 * `reply-mention` task per active agent mentioned (after the status is stored); the
 * `agent-tasks` consumer runs `replyToMention`, which generates the reply from the status and
 * the agent's training snippets, moderates it, and publishes it as a reply from the agent,
 * marked `ai_generated`.
 *
 * - One reply per (agent, status): `agent_mention_replies` is the key, checked first and written
 *   last, and the reply is posted with the idempotency key `mention-reply:<status>`, so a
 *   message redelivered after the post but before the record finds the same status again.
 * - The owner's `mention_replies_per_hour`: mentions over it are recorded `skipped` and logged.
 * - Held by moderation: nothing is published; the hold is recorded for moderators and here.
 * - Paused agents, deleted statuses, held statuses and private or direct ones get no reply.
 * - Agents never answer agents (a status written by an agent, or mentioning its own author):
 *   two agents mentioning each other would otherwise reply forever.
 * - Memories are private to the person and an agent's reply here is public, so the mentioning
 *   person's memory is not used.
 */
import type { Context } from 'hono';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { MentionReplyTask } from '../../../shared/schemas/agent-chat';
import type { Env } from '../../env';
import { loadConfig } from '../../env';
import type { AppEnv, Db } from '../context';
import { agentMentionReplies } from '../db/agent-chat';
import { agents } from '../db/agents';
import { type AccountRow, accounts } from '../db/schema';
import type { StatusRow } from '../db/social';
import { ApiError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { hydrateStatus } from '../social/hydrate';
import { findStatus, createStatus } from '../social/statuses.service';
import { statusMessage } from '../streaming/announce';
import { retrieveSnippets } from '../training/retrieval';
import { generateReply } from './chat.service';
import { agentWithAccount } from './persona';

const HOUR = 3_600_000;
/** A mention reply is a post: about as long as one (the built-in engine counts words). */
const REPLY_MAX_WORDS = 60;

/** Queues a reply task for each active agent the new status mentions (public and unlisted statuses by people only). */
export function requestMentionReplies(c: Context<AppEnv>, row: StatusRow, author: AccountRow, mentionIds: readonly string[]): void {
  if (mentionIds.length === 0 || author.kind === 'agent' || row.moderationState !== 'ok' || (row.visibility !== 'public' && row.visibility !== 'unlisted')) return;
  const queued = c.var.db
    .select({ id: agents.accountId })
    .from(agents)
    .where(and(sql`${agents.accountId} IN (SELECT value FROM json_each(${JSON.stringify(mentionIds)}))`, eq(agents.status, 'active')))
    .then((found) => {
      const tasks: MentionReplyTask[] = found.map((a) => ({ type: 'reply-mention', statusId: row.id, agentId: a.id }));
      return tasks.length ? c.env.AGENT_TASKS_QUEUE.sendBatch(tasks.map((body) => ({ body }))) : undefined;
    })
    .catch((err: unknown) => c.var.log.warn('could not queue mention replies', { statusId: row.id, error: (err as Error).message }));
  c.executionCtx.waitUntil(queued);
}

type Outcome = (typeof agentMentionReplies.$inferInsert)['outcome'];

const record = (db: Db, task: MentionReplyTask, outcome: Outcome, replyId: string | null = null) =>
  db.insert(agentMentionReplies).values({ agentId: task.agentId, statusId: task.statusId, outcome, replyId }).onConflictDoNothing();

/** The mention without the @handles: what the person actually said to the agent. */
export const withoutMentions = (text: string) => text.replace(/(^|\s)@[\w.-]+(@[\w.-]+)?/g, ' ').replace(/\s+/g, ' ').trim();

/** The consumer's work for one task; idempotent (see above). */
export async function replyToMention(env: Env, db: Db, log: Logger, task: z.output<typeof MentionReplyTask>): Promise<void> {
  const [done] = await db.select({ outcome: agentMentionReplies.outcome }).from(agentMentionReplies).where(and(eq(agentMentionReplies.agentId, task.agentId), eq(agentMentionReplies.statusId, task.statusId))).limit(1);
  if (done) return;
  const loaded = await agentWithAccount(db, task.agentId);
  if (!loaded) return;
  if (loaded.agent.status === 'paused') {
    log.info('mention not answered: the agent is paused', { agentId: task.agentId, statusId: task.statusId });
    return;
  }
  const deps = { db, config: loadConfig(env) };
  const status = await findStatus(deps, task.statusId);
  if (!status || status.moderationState !== 'ok' || (status.visibility !== 'public' && status.visibility !== 'unlisted')) return;
  const [author] = await db.select().from(accounts).where(eq(accounts.id, status.accountId)).limit(1);
  if (!author || author.kind === 'agent') return;

  const [recent] = await db
    .select({ n: sql<number>`count(*)` })
    .from(agentMentionReplies)
    .where(and(eq(agentMentionReplies.agentId, task.agentId), eq(agentMentionReplies.outcome, 'replied'), gt(agentMentionReplies.createdAt, Date.now() - HOUR)));
  if ((recent?.n ?? 0) >= loaded.agent.mentionRepliesPerHour) {
    log.info('mention not answered: over the hourly limit', { agentId: task.agentId, statusId: task.statusId, limit: loaded.agent.mentionRepliesPerHour });
    await record(db, task, 'skipped');
    return;
  }

  const prompt = withoutMentions(status.text) || status.text;
  const snippets = await retrieveSnippets(env, task.agentId, prompt, 4);
  const reply = await generateReply(deps, env, loaded, prompt, { memories: [], history: [], snippets }, REPLY_MAX_WORDS);
  if (reply.explanation.moderation === 'hold') {
    log.info('mention reply held by moderation', { agentId: task.agentId, statusId: task.statusId });
    await record(db, task, 'held');
    return;
  }
  let row: StatusRow;
  try {
    row = await createStatus(deps, loaded.account, { status: `@${author.username} ${reply.pieces.join('')}`, in_reply_to_id: status.id, visibility: status.visibility }, { applicationId: null, idempotencyKey: `mention-reply:${status.id}`, aiGenerated: true });
  } catch (err) {
    // Refused by the posting rules (paused meanwhile, a status no longer visible to it): nothing to retry.
    if (err instanceof ApiError && err.status < 500) {
      log.info('mention reply refused', { agentId: task.agentId, statusId: task.statusId, error: err.message });
      return;
    }
    throw err;
  }
  await record(db, task, 'replied', row.id);
  if (row.moderationState === 'ok') await env.FANOUT_QUEUE.send(statusMessage('status.created', await hydrateStatus(deps, task.agentId, row)));
}
