/**
 * The `post` messages of the `agent-tasks` queue: one scheduled post of one agent (queued by the
 * cron job, `workers/cron/agent-posting.ts`). The job (`agents/auto-post.ts`) claims the slot, so
 * a redelivered message never posts twice; an error (the AI provider down, D1) is thrown and the
 * message retried by the consumer.
 */
import { PostTask } from '../../shared/schemas/agent-posting';
import { runPostJob } from '../api/agents/auto-post';
import { loadConfig } from '../env';
import type { Handler } from './agent-tasks';

export const post: Handler = async (env, db, log, msg) => {
  const parsed = PostTask.safeParse(msg.body);
  if (!parsed.success) {
    log.error('malformed post message', { id: msg.id, issues: parsed.error.issues.map((i) => i.message) });
    return msg.ack();
  }
  const { agentId, slotAt } = parsed.data;
  const outcome = await runPostJob(env, { db, config: loadConfig(env), log }, agentId, slotAt);
  log.debug('agent post', { agentId, slotAt, outcome });
  msg.ack();
};
