/** Retention rules enforced by the cron job (docs/privacy.md lists each with its period). */
import { sql } from 'drizzle-orm';
import type { Db } from '../context';
import { notifications } from '../db/notifications';

const DAY = 24 * 3600 * 1000;
/** Read notifications are kept this long, then deleted; unread ones stay until read. */
export const READ_NOTIFICATIONS_DAYS = 90;

/**
 * Deletes notifications older than `READ_NOTIFICATIONS_DAYS` that their recipient has read (at or
 * before their `notifications` marker), at most `limit` a run.
 */
export async function purgeReadNotifications(db: Db, now: number, limit = 1000): Promise<number> {
  const before = now - READ_NOTIFICATIONS_DAYS * DAY;
  const gone = await db
    .delete(notifications)
    .where(
      sql`${notifications.id} IN (SELECT n.id FROM notifications n JOIN markers m ON m.account_id = n.account_id AND m.timeline = 'notifications'
        WHERE n.created_at < ${before} AND n.id <= m.last_read_id LIMIT ${limit})`,
    )
    .returning({ id: notifications.id });
  return gone.length;
}
