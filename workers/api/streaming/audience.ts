/**
 * Who receives a status on their streams: the same rules as the home timeline and
 * `visibility.ts`, as SQL. A block either way, or the recipient's live mute of the author,
 * keeps the status away; the author always receives their own.
 *
 * Candidates are always the accounts with an open socket (the `online` list `channel:public`
 * keeps), so a post by an account with 100,000 followers costs work for the few hundred of
 * them connected, not for every follower.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../context';
import { idSet } from '../lib/sql';

/** The accounts among `ids` that are `members` (SQL on `c.id`) and not shielded from `authorId`. */
async function unshielded(db: Db, authorId: string, ids: string[], members: SQL = sql`1 = 1`): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<{ id: string }>(sql`
    SELECT DISTINCT c.id FROM (SELECT value AS id FROM ${idSet(ids)}) c
    WHERE ${members} AND (c.id = ${authorId} OR (
      NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = c.id AND b.target_id = ${authorId}) OR (b.account_id = ${authorId} AND b.target_id = c.id))
      AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = c.id AND mu.target_id = ${authorId} AND (mu.expires_at IS NULL OR mu.expires_at > ${Date.now()}))))`);
  return rows.map((r) => r.id);
}

/**
 * The connected accounts whose `user` (or, for direct statuses, `direct`) stream gets a status:
 * the author and their followers for public, unlisted and followers-only statuses; the author
 * and the mentioned accounts for direct ones.
 */
export function statusAudience(db: Db, s: { authorId: string; visibility: string; mentionIds: string[] }, online: string[]): Promise<string[]> {
  const members =
    s.visibility === 'direct'
      ? sql`c.id IN ${idSet([s.authorId, ...s.mentionIds])}`
      : sql`(c.id = ${s.authorId} OR c.id IN (SELECT account_id FROM follows WHERE target_id = ${s.authorId}))`;
  return unshielded(db, s.authorId, online, members);
}

/** The accounts among `ids` (public-stream listeners) who may receive the author's statuses. */
export function notShielded(db: Db, authorId: string, ids: string[]): Promise<string[]> {
  return unshielded(db, authorId, ids);
}

/**
 * The connected `user` streams a reblog reaches: the reblogger and their followers who did not
 * turn reblogs off, minus anyone shielded from the reblogger or from the original's author.
 */
export async function reblogAudience(db: Db, rebloggerId: string, originalAuthorId: string, online: string[]): Promise<string[]> {
  const followers = await unshielded(db, rebloggerId, online, sql`(c.id = ${rebloggerId} OR c.id IN (SELECT account_id FROM follows WHERE target_id = ${rebloggerId} AND show_reblogs = 1))`);
  return notShielded(db, originalAuthorId, followers);
}
