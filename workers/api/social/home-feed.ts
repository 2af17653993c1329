/**
 * The home timeline's write side. A status is written into each follower's `home_feed` by the
 * fan-out consumer (one INSERT … SELECT, however many followers), so reading a home page is one
 * ordered index range. An account past `HOME_FANOUT_LIMIT` followers stops being fanned out:
 * its statuses are merged in when a follower reads (`timelines.service.ts`), so one post by an
 * agent with 100k followers does not write 100k rows.
 *
 * What is in a feed is a superset of what a viewer may see: blocks, mutes, visibility and
 * "show reblogs" are applied when reading, so they take effect at once and the writes here
 * never need to be exact — only complete.
 */
import { type SQL, and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { idAt } from '../lib/ids';
import type { Db } from '../context';
import { homeFeed } from '../db/home-feed';
import { statuses } from '../db/social';

/**
 * Followers at which an account's statuses are merged at read time instead of fanned out.
 * Measured by `npm run bench` (see docs/architecture.md, "Home timeline"): writing a status
 * into 5,000 homes takes one statement of a few hundred ms on local D1, and the read-time merge
 * costs each reader an extra index range per such account followed; 10,000 keeps the write
 * under a second and the merge rare.
 */
export const HOME_FANOUT_LIMIT = 10_000;

/** The newest statuses of an account put into a new follower's home, as Mastodon does. */
const BACKFILL = 20;

/**
 * How long a status stays in the written feeds. Older home pages are merged at read time
 * (`timelines.service.ts`), so the table holds about a week of posts per home however long the
 * network runs; the cron job trims it.
 */
export const HOME_FEED_DAYS = 7;

export const homeHorizon = (now: number) => idAt(now - HOME_FEED_DAYS * 86_400_000);

/** Cron: drops written entries older than the horizon. */
export async function trimHomeFeeds(db: Db, now = Date.now()): Promise<number> {
  const result = await db.delete(homeFeed).where(lt(homeFeed.statusId, homeHorizon(now)));
  return result.meta.changes ?? 0;
}

/**
 * The author's own home gets their status (or reblog) in the batch that stores it, so it is
 * there on the next read. Selected from `statuses`: a reblog that already existed adds nothing.
 */
export function ownEntry(db: Db, where: SQL) {
  return db.insert(homeFeed).select(db.select({ accountId: statuses.accountId, statusId: statuses.id, authorId: statuses.accountId }).from(statuses).where(where)).onConflictDoNothing();
}

/**
 * Writes a stored status into its followers' homes: all followers (for a reblog, those who want
 * the follow's reblogs) or, for a direct status, the mentioned followers. Nothing when the author
 * is merged at read time, or when the status is gone or held for moderation — the SELECT reads
 * the status, so a status deleted or held meanwhile is never fanned out. Running it twice writes
 * nothing new.
 */
export async function fanOut(db: Db, statusId: string): Promise<number> {
  const result = await db.run(sql`
    INSERT OR IGNORE INTO home_feed (account_id, status_id, author_id)
    SELECT f.account_id, s.id, s.account_id
    FROM statuses s
    JOIN accounts a ON a.id = s.account_id AND a.fan_out_on_read = 0
    JOIN follows f ON f.target_id = s.account_id
    WHERE s.id = ${statusId}
      AND s.moderation_state = 'ok'
      AND (s.reblog_of_id IS NULL OR f.show_reblogs = 1)
      AND (s.visibility <> 'direct' OR EXISTS (SELECT 1 FROM mentions m WHERE m.status_id = s.id AND m.account_id = f.account_id))`);
  return result.meta.changes ?? 0;
}

/** A new follow: the target's recent statuses join the follower's home (unless merged at read). */
export function backfill(db: Db, followerId: string, targetId: string) {
  const recent = db
    .select({ accountId: sql<string>`${followerId}`.as('account_id'), statusId: statuses.id, authorId: statuses.accountId })
    .from(statuses)
    .where(
      and(
        eq(statuses.accountId, targetId),
        sql`${statuses.visibility} <> 'direct'`,
        gte(statuses.id, homeHorizon(Date.now())),
        // Only a follow that was stored (a block may have stopped it), and only for fanned-out accounts.
        sql`EXISTS (SELECT 1 FROM follows WHERE account_id = ${followerId} AND target_id = ${targetId})`,
        sql`NOT EXISTS (SELECT 1 FROM accounts WHERE id = ${targetId} AND fan_out_on_read = 1)`,
      ),
    )
    .orderBy(sql`${statuses.id} DESC`)
    .limit(BACKFILL);
  return db.insert(homeFeed).select(recent).onConflictDoNothing();
}

/** An ended follow (either way, for a block): the author's statuses leave the home. */
export function unmerge(db: Db, accountId: string, authorId: string) {
  return db.delete(homeFeed).where(and(eq(homeFeed.accountId, accountId), eq(homeFeed.authorId, authorId)));
}

/** Deleted statuses leave every home. */
export function dropFromHomes(db: Db, statusIds: string[], guard?: SQL) {
  return db.delete(homeFeed).where(and(inArray(homeFeed.statusId, statusIds), guard));
}
