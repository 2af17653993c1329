/**
 * Fixed-window counters in D1. One upsert both counts and reads, so concurrent requests cannot
 * both slip under the limit. Used for failed logins, sign-ups and password-reset mails.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../context';
import { tooManyRequests } from './errors';

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

function window(limit: Limit, now: number): number {
  const size = limit.windowSeconds * 1000;
  return Math.floor(now / size) * size;
}

/** Throws 429 (with Retry-After) when the key has already used up its window. Counts nothing. */
export async function checkLimit(db: Db, limit: Limit, now = Date.now()): Promise<void> {
  const start = window(limit, now);
  const row = await db.get<{ count: number } | undefined>(
    sql`SELECT count FROM rate_limits WHERE key = ${limit.key} AND window_start = ${start}`,
  );
  if (row && row.count >= limit.max) throw tooManyRequests((start + limit.windowSeconds * 1000 - now) / 1000);
}

/** Counts one event; throws 429 if this event goes over the limit. */
export async function hitLimit(db: Db, limit: Limit, now = Date.now()): Promise<void> {
  const start = window(limit, now);
  const row = await db.get<{ count: number }>(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${limit.key}, ${start}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END,
      window_start = excluded.window_start
    RETURNING count`);
  if (row.count > limit.max) throw tooManyRequests((start + limit.windowSeconds * 1000 - now) / 1000);
}

export async function clearLimit(db: Db, key: string): Promise<void> {
  await db.run(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}
