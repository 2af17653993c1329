/**
 * The `agent-tasks` queue's consumer. Messages carry a `type`; each type has its handler (training
 * ingestion, and an agent's scheduled post: `agent-post.ts`). A type without a handler is retried, so it reaches
 * the dead-letter queue rather than vanishing, and is logged.
 *
 * Ingestion is idempotent (a file's chunks are replaced, never added to). A file that cannot be
 * read as it is fails at once with its reason; any other error is retried, and on the last
 * attempt the file is marked failed too, so it never stays `processing`.
 */
import { drizzle } from 'drizzle-orm/d1';
import { IngestTask } from '../../shared/schemas/training';
import type { Db } from '../api/context';
import type { Logger } from '../api/lib/logger';
import { createLogger } from '../api/lib/logger';
import { IngestError, ingestFile, markFailed } from '../api/training/ingest';
import { replyMention } from './agent-mentions';
import type { Env } from '../env';
import { loadConfig } from '../env';
import { post } from './agent-post';

/** Attempts before an ingestion is given up on (the queue's max_retries is 5: 6 deliveries). */
export const MAX_INGEST_ATTEMPTS = 5;

export type Handler = (env: Env, db: Db, log: Logger, msg: Message<unknown>) => Promise<void>;

const ingest: Handler = async (env, db, log, msg) => {
  const parsed = IngestTask.safeParse(msg.body);
  if (!parsed.success) {
    log.error('malformed ingest message', { id: msg.id, issues: parsed.error.issues.map((i) => i.message) });
    return msg.ack();
  }
  const { fileId } = parsed.data;
  try {
    await ingestFile(env, db, fileId);
    msg.ack();
  } catch (err) {
    const message = (err as Error).message;
    if (err instanceof IngestError) {
      await markFailed(db, fileId, message);
      return msg.ack();
    }
    if (msg.attempts >= MAX_INGEST_ATTEMPTS) {
      log.error('training ingestion failed; giving up', { fileId, attempts: msg.attempts, error: message });
      await markFailed(db, fileId, `Ingestion kept failing: ${message}`);
      return msg.ack();
    }
    log.warn('training ingestion failed; retrying', { fileId, attempts: msg.attempts, error: message });
    msg.retry({ delaySeconds: 2 ** msg.attempts });
  }
};

const handlers: Record<string, Handler> = { ingest, post, 'reply-mention': replyMention };

/**
 * Types whose messages of one batch run together: a post or a mention reply mostly waits on D1 and the AI provider,
 * so a batch of them takes about as long as its slowest (1,000 agents due at once: see
 * docs/agents.md). Ingestion holds a whole file in memory, so those run one at a time.
 */
const CONCURRENT = new Set(['post', 'reply-mention']);

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
  const together = batch.messages.filter((m) => CONCURRENT.has(typeOf(m) ?? ''));
  await Promise.all(together.map(run));
  for (const msg of batch.messages) if (!together.includes(msg)) await run(msg);
}

function typeOf(msg: Message<unknown>): string | undefined {
  return typeof msg.body === 'object' && msg.body !== null && 'type' in msg.body ? String(msg.body.type) : undefined;
}
