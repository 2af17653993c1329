/**
 * Fixed-window counters in D1. One upsert both counts and reads, so concurrent requests cannot
 * both slip under the limit. Used for failed logins, sign-ups and password-reset mails.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../context';
import { rateLimits } from '../db/schema';
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

/** Sign-ups (with a password or a provider) from one address: `max` an hour (RATE_LIMIT_SIGNUPS). */
export const signUpLimit = (max: number, ip: string): Limit => ({ key: `signup:ip:${ip}`, max, windowSeconds: 60 * 60 });

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
  enforceLimit(limit, await countHit(db, limit, now).returning({ count: rateLimits.count }), now);
}

/** The upsert that counts one event, for a batch that reads the count after it (`hitCount`). */
export function countHit(db: Db, limit: Limit, now = Date.now()) {
  const start = window(limit, now);
  return db
    .insert(rateLimits)
    .values({ key: limit.key, windowStart: start, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: { count: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.count} + 1 ELSE 1 END`, windowStart: sql`excluded.window_start` },
    });
}

/** The window's count, read after `countHit` in the same batch. */
export const hitCount = (db: Db, limit: Limit) => db.select({ count: rateLimits.count }).from(rateLimits).where(eq(rateLimits.key, limit.key));

/** Throws 429 (with Retry-After) when `countHit` returned a count over the limit. */
export function enforceLimit(limit: Limit, counted: { count: number }[], now = Date.now()): void {
  const count = counted[0]?.count ?? 0;
  const start = window(limit, now);
  if (count > limit.max) throw tooManyRequests((start + limit.windowSeconds * 1000 - now) / 1000);
}

export async function clearLimit(db: Db, key: string): Promise<void> {
  await db.run(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}
