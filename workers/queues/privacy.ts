/**
 * The `privacy` queue's consumer: one data export a message (`max_batch_size = 1`: an archive is
 * built in memory, with the person's media). `runExport` is idempotent; a failure is retried,
 * and on the last attempt the export is marked failed so it never blocks the next request.
 */
import { drizzle } from 'drizzle-orm/d1';
import { PrivacyTask } from '../../shared/schemas/privacy';
import { createLogger } from '../api/lib/logger';
import { failExport, runExport } from '../api/privacy/exports.service';
import type { Env } from '../env';
import { loadConfig } from '../env';

/** Attempts before an export is given up on (the queue's max_retries is 5: 6 deliveries). */
export const MAX_EXPORT_ATTEMPTS = 5;

export async function privacyConsumer(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const config = loadConfig(env);
  const log = createLogger(config.LOG_LEVEL, { queue: batch.queue });
  const db = drizzle(env.DB);
  for (const msg of batch.messages) {
    const parsed = PrivacyTask.safeParse(msg.body);
    if (!parsed.success) {
      log.error('malformed privacy message', { id: msg.id });
      msg.ack();
      continue;
    }
    const { exportId } = parsed.data;
    try {
      await runExport(env, db, config, exportId);
      msg.ack();
    } catch (err) {
      const error = (err as Error).message;
      if (msg.attempts >= MAX_EXPORT_ATTEMPTS) {
        log.error('data export failed; giving up', { exportId, attempts: msg.attempts, error });
        await failExport(db, exportId, 'The export could not be built; please try again').then(() => msg.ack(), () => msg.retry());
      } else {
        log.warn('data export failed; retrying', { exportId, attempts: msg.attempts, error });
        msg.retry({ delaySeconds: 2 ** msg.attempts });
      }
    }
  }
}
