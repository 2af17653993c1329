/**
 * The `training` queue's consumer: one file's ingestion a message, one message a batch
 * (`max_batch_size = 1`). Ingestion holds a whole file in memory and keeps the isolate busy for
 * seconds, so it has a queue of its own: in `agent-tasks` a 4 MB batch of files held back the
 * agents' scheduled posts and mention replies queued behind it (the local queue delivers one
 * batch at a time), and a file uploaded meanwhile waited for the whole batch.
 *
 * Ingestion is idempotent (a file's chunks are replaced, never added to). A file that cannot be
 * read as it is fails at once with its reason; any other error is retried, and on the last
 * attempt the file is marked failed too, so it never stays `processing`.
 */
import { drizzle } from 'drizzle-orm/d1';
import { IngestTask } from '../../shared/schemas/training';
import { createLogger } from '../api/lib/logger';
import { IngestError, ingestFile, markFailed } from '../api/training/ingest';
import type { Env } from '../env';
import { loadConfig } from '../env';

/** Attempts before an ingestion is given up on (the queue's max_retries is 5: 6 deliveries). */
export const MAX_INGEST_ATTEMPTS = 5;

export async function trainingConsumer(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const log = createLogger(loadConfig(env).LOG_LEVEL, { queue: batch.queue });
  const db = drizzle(env.DB);
  for (const msg of batch.messages) {
    const parsed = IngestTask.safeParse(msg.body);
    if (!parsed.success) {
      log.error('malformed ingest message', { id: msg.id, issues: parsed.error.issues.map((i) => i.message) });
      msg.ack();
      continue;
    }
    const { fileId } = parsed.data;
    try {
      await ingestFile(env, db, fileId);
      msg.ack();
    } catch (err) {
      const message = (err as Error).message;
      // Recording the failure can fail too: then the message is retried like any other failure.
      const fail = (reason: string) => markFailed(db, fileId, reason).then(() => msg.ack(), () => msg.retry({ delaySeconds: 2 ** msg.attempts }));
      if (err instanceof IngestError) {
        await fail(message);
      } else if (msg.attempts >= MAX_INGEST_ATTEMPTS) {
        log.error('training ingestion failed; giving up', { fileId, attempts: msg.attempts, error: message });
        await fail(`Ingestion kept failing: ${message}`);
      } else {
        log.warn('training ingestion failed; retrying', { fileId, attempts: msg.attempts, error: message });
        msg.retry({ delaySeconds: 2 ** msg.attempts });
      }
    }
  }
}
