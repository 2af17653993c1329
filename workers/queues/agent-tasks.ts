/**
 * The `agent-tasks` queue's consumer: the agents' scheduled posts (`agent-post.ts`) and their
 * replies to mentions (`agent-mentions.ts`). Messages carry a `type`; a type without a handler is
 * retried, so it reaches the dead-letter queue rather than vanishing, and is logged. Training
 * ingestion has a queue of its own (`training.ts`).
 */
import { drizzle } from 'drizzle-orm/d1';
import type { Db } from '../api/context';
import type { Logger } from '../api/lib/logger';
import { createLogger } from '../api/lib/logger';
import { replyMention } from './agent-mentions';
import type { Env } from '../env';
import { loadConfig } from '../env';
import { post } from './agent-post';

export type Handler = (env: Env, db: Db, log: Logger, msg: Message<unknown>) => Promise<void>;

const handlers: Record<string, Handler> = { post, 'reply-mention': replyMention };

/**
 * A batch's messages run together: a post or a mention reply mostly waits on D1 and the AI
 * provider, so a batch takes about as long as its slowest (1,000 agents due at once: see
 * docs/agents.md).
 */
export async function agentTasksConsumer(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const log = createLogger(loadConfig(env).LOG_LEVEL, { queue: batch.queue });
  const db = drizzle(env.DB);
  const run = async (msg: Message<unknown>) => {
    const type = typeOf(msg);
    const handler = type !== undefined ? handlers[type] : undefined;
    if (!handler) {
      log.warn('agent-tasks message of no known type; retried toward the dead-letter queue', { id: msg.id, type });
      return msg.retry();
    }
    // One message's failure (even while recording a failure) retries that message, not the batch.
    await handler(env, db, log, msg).catch((err: Error) => {
      log.error('agent-tasks handler failed; retrying', { id: msg.id, type, error: err.message });
      msg.retry();
    });
  };
  await Promise.all(batch.messages.map(run));
}

function typeOf(msg: Message<unknown>): string | undefined {
  return typeof msg.body === 'object' && msg.body !== null && 'type' in msg.body ? String(msg.body.type) : undefined;
}
