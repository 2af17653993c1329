/**
 * Removes what can never be used again: sessions revoked or expired more than a week ago,
 * used or expired authorization codes and mail links, and finished rate-limit windows.
 */
import { sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';

const DAY = 24 * 3600 * 1000;

export async function purgeExpiredAuthData(db: DrizzleD1Database, now: number) {
  const weekAgo = now - 7 * DAY;
  const results = await db.batch([
    db.run(sql`DELETE FROM sessions WHERE (revoked_at IS NOT NULL AND revoked_at < ${weekAgo}) OR expires_at < ${weekAgo}`),
    db.run(sql`DELETE FROM oauth_codes WHERE expires_at < ${now - DAY}`),
    db.run(sql`DELETE FROM email_tokens WHERE expires_at < ${now - DAY}`),
    db.run(sql`DELETE FROM rate_limits WHERE window_start < ${now - DAY}`),
  ]);
  const [sessions, codes, emailTokens, rateLimits] = results.map((r) => r.meta.changes);
  return { sessions, codes, emailTokens, rateLimits };
}
