/**
 * The `moderation` queue's consumer: Llama Guard's second look at published statuses. A status
 * it does not allow is held — hidden from everyone but its author, out of every home, with a
 * review item and a notice to the author. Idempotent: only a status still `ok` is held, and a
 * subject has at most one open item.
 */
import { drizzle } from 'drizzle-orm/d1';
import { ModerationMessage } from '../../shared/schemas/moderation';
import { createLogger } from '../api/lib/logger';
import { type Moderator, sourceOf } from '../api/moderation/items';
import { holdWrites, moderationEvent, statusText } from '../api/moderation/statuses';
import { notificationMessage } from '../api/streaming/announce';
import { findStatus } from '../api/social/statuses.service';
import type { Env } from '../env';
import { loadConfig } from '../env';
import type { Consumer } from './index';

/** The consumer, asking the moderator `moderatorFor` gives (tests pass their own). */
export function moderationConsumer(moderatorFor: (env: Env) => Moderator): Consumer {
  return async (batch, env) => {
    const config = loadConfig(env);
    const log = createLogger(config.LOG_LEVEL, { queue: batch.queue });
    const db = drizzle(env.DB);
    const moderator = moderatorFor(env);
    for (const msg of batch.messages) {
      const parsed = ModerationMessage.safeParse(msg.body);
      if (!parsed.success) {
        // Retrying cannot fix a malformed body; it is logged and dropped.
        log.error('malformed moderation message', { id: msg.id, issues: parsed.error.issues.map((i) => i.message) });
        msg.ack();
        continue;
      }
      try {
        const status = await findStatus({ db, config }, parsed.data.statusId);
        // Deleted, or already held or decided on: nothing to look at.
        if (status?.moderationState === 'ok') {
          const verdict = await moderator.moderate(statusText({ text: status.text, spoiler: status.spoilerText }));
          if (verdict.action !== 'allow') {
            await db.batch(await holdWrites(db, status, verdict, sourceOf(moderator)));
            // The author's notice streams and pushes (a redelivery re-sends it: a duplicate event at worst, one stored row).
            await env.FANOUT_QUEUE.send(notificationMessage(moderationEvent(status)));
          }
        }
        msg.ack();
      } catch (err) {
        log.warn('moderation failed; retrying', { id: msg.id, error: (err as Error).message });
        msg.retry();
      }
    }
  };
}
