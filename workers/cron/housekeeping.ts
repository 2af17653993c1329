/**
 * Removes what can never be used again: sessions revoked or expired more than a week ago,
 * used or expired authorization codes and mail links, and finished rate-limit windows.
 */
const DAY = 24 * 3600 * 1000;

export async function purgeExpiredAuthData(db: D1Database, now: number) {
  const weekAgo = now - 7 * DAY;
  const results = await db.batch([
    db.prepare('DELETE FROM sessions WHERE (revoked_at IS NOT NULL AND revoked_at < ?1) OR expires_at < ?1').bind(weekAgo),
    db.prepare('DELETE FROM oauth_codes WHERE expires_at < ?').bind(now - DAY),
    db.prepare('DELETE FROM email_tokens WHERE expires_at < ?').bind(now - DAY),
    db.prepare('DELETE FROM rate_limits WHERE window_start < ?').bind(now - DAY),
  ]);
  const [sessions, codes, emailTokens, rateLimits] = results.map((r) => r.meta.changes);
  return { sessions, codes, emailTokens, rateLimits };
}
