/**
 * Who receives a status on their streams: the same rules as the home timeline and
 * `visibility.ts`, as SQL. A block either way, or the recipient's live mute of the author,
 * keeps the status away; the author always receives their own.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../context';
import { idSet } from '../lib/sql';

/** Recipients among `candidates` (SQL selecting account ids as `id`) not shielded from `authorId`. */
async function unshielded(db: Db, authorId: string, candidates: SQL): Promise<string[]> {
  const rows = await db.all<{ id: string }>(sql`
    SELECT c.id FROM (${candidates}) c
    WHERE c.id = ${authorId} OR (
      NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = c.id AND b.target_id = ${authorId}) OR (b.account_id = ${authorId} AND b.target_id = c.id))
      AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = c.id AND mu.target_id = ${authorId} AND (mu.expires_at IS NULL OR mu.expires_at > ${Date.now()})))`);
  return [...new Set(rows.map((r) => r.id))];
}

/** Candidate ids as a table with an `id` column. */
const idList = (ids: string[]) => sql`SELECT value AS id FROM ${idSet(ids)}`;


/**
 * The accounts whose `user` (or, for direct statuses, `direct`) stream gets a status: the
 * author and their followers for public, unlisted and followers-only statuses; the author and
 * the mentioned accounts for direct ones.
 */
export function statusAudience(db: Db, s: { authorId: string; visibility: string; mentionIds: string[] }): Promise<string[]> {
  const candidates =
    s.visibility === 'direct'
      ? idList([s.authorId, ...s.mentionIds])
      : sql`SELECT ${s.authorId} AS id UNION SELECT account_id AS id FROM follows WHERE target_id = ${s.authorId}`;
  return unshielded(db, s.authorId, candidates);
}

/** The accounts among `ids` (public-stream listeners) who may receive the author's statuses. */
export function notShielded(db: Db, authorId: string, ids: string[]): Promise<string[]> {
  return ids.length ? unshielded(db, authorId, idList(ids)) : Promise.resolve([]);
}

/**
 * The `user` streams a reblog reaches: the reblogger and their followers who did not turn
 * reblogs off, minus anyone shielded from the reblogger or from the original's author.
 */
export async function reblogAudience(db: Db, rebloggerId: string, originalAuthorId: string): Promise<string[]> {
  const followers = await unshielded(db, rebloggerId, sql`SELECT ${rebloggerId} AS id UNION SELECT account_id AS id FROM follows WHERE target_id = ${rebloggerId} AND show_reblogs = 1`);
  return notShielded(db, originalAuthorId, followers);
}
