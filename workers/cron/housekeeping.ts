/**
 * Removes what can never be used again: sessions revoked or expired more than a week ago,
 * used or expired authorization codes and mail links, finished rate-limit windows, and push
 * delivery markers older than any queue retry (a day is far beyond the fanout queue's retries).
 */
import { and, inArray, lt } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { mediaAttachments } from '../api/db/media';
import { deleteObjects, mediaKeys, unclaimed } from '../api/media/media.service';

const DAY = 24 * 3600 * 1000;

export async function purgeExpiredAuthData(db: D1Database, now: number) {
  const weekAgo = now - 7 * DAY;
  const results = await db.batch([
    db.prepare('DELETE FROM sessions WHERE (revoked_at IS NOT NULL AND revoked_at < ?1) OR expires_at < ?1').bind(weekAgo),
    db.prepare('DELETE FROM oauth_codes WHERE expires_at < ?').bind(now - DAY),
    db.prepare('DELETE FROM email_tokens WHERE expires_at < ?').bind(now - DAY),
    db.prepare('DELETE FROM rate_limits WHERE window_start < ?').bind(now - DAY),
    db.prepare('DELETE FROM push_deliveries WHERE delivered_at < ?').bind(now - DAY),
  ]);
  const [sessions, codes, emailTokens, rateLimits, pushDeliveries] = results.map((r) => r.meta.changes);
  return { sessions, codes, emailTokens, rateLimits, pushDeliveries };
}

/**
 * Deletes uploads nothing claimed within a day (`unclaimed`: no status, story, chat message or
 * listing), rows first (so a post racing this cannot
 * claim media whose bytes are gone), then their R2 objects. At most `limit` a run; the rest
 * go in the next run.
 */
export async function purgeAbandonedMedia(db: D1Database, media: R2Bucket, now: number, limit = 500): Promise<number> {
  const d1 = drizzle(db);
  const abandoned = d1.select({ id: mediaAttachments.id }).from(mediaAttachments).where(and(unclaimed(), lt(mediaAttachments.createdAt, now - DAY))).orderBy(mediaAttachments.id).limit(limit);
  // `unclaimed` again on the delete: an upload claimed since the select is kept.
  const gone = await d1
    .delete(mediaAttachments)
    .where(and(inArray(mediaAttachments.id, abandoned), unclaimed()))
    .returning({ key: mediaAttachments.key, thumbnailKey: mediaAttachments.thumbnailKey });
  await deleteObjects(media, mediaKeys(gone));
  return gone.length;
}
