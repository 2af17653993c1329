/**
 * Removes what can never be used again: sessions revoked or expired more than a week ago,
 * used or expired authorization codes and mail links, finished rate-limit windows, and push
 * delivery markers older than any queue retry (a day is far beyond the fanout queue's retries).
 */
import { deleteObjects, mediaKeys } from '../api/media/media.service';

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
 * Deletes uploads no status, story or listing claimed within a day, rows first (so a post racing this cannot
 * claim media whose bytes are gone), then their R2 objects. At most `limit` a run; the rest
 * go in the next run.
 */
export async function purgeAbandonedMedia(db: D1Database, media: R2Bucket, now: number, limit = 500): Promise<number> {
  const cutoff = now - DAY;
  const { results } = await db
    .prepare('DELETE FROM media_attachments WHERE id IN (SELECT id FROM media_attachments WHERE status_id IS NULL AND created_at < ?1 AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.media_id = media_attachments.id) AND NOT EXISTS (SELECT 1 FROM market_listing_media m WHERE m.media_id = media_attachments.id) ORDER BY id LIMIT ?2) AND status_id IS NULL RETURNING key, thumbnail_key')
    .bind(cutoff, limit)
    .all<{ key: string; thumbnail_key: string | null }>();
  await deleteObjects(media, mediaKeys(results.map((r) => ({ key: r.key, thumbnailKey: r.thumbnail_key }))));
  return results.length;
}
