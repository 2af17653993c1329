/**
 * The read side of relationships, for this module's routes and for other modules (statuses,
 * timelines, notifications): who follows whom, and who is hidden from whom.
 */
import { type AnyColumn, type SQL, and, count, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../context';
import { blocks, followRequests, follows, mutes } from '../db/relationships';
import { accounts } from '../db/schema';

/** A mute whose end has passed no longer counts, even before anything deletes its row. */
export const activeMute = (at = Date.now()) => or(isNull(mutes.expiresAt), gt(mutes.expiresAt, at));

/** Has either account blocked the other? */
export async function blockedEitherWay(db: Db, a: string, b: string): Promise<boolean> {
  const [row] = await db
    .select({ id: blocks.id })
    .from(blocks)
    .where(or(and(eq(blocks.accountId, a), eq(blocks.targetId, b)), and(eq(blocks.accountId, b), eq(blocks.targetId, a))))
    .limit(1);
  return Boolean(row);
}

/** Accounts blocked either way or muted by the viewer, excluded as a SQL condition on an account id column. */
export function notHiddenFrom(viewerId: string, column: AnyColumn): SQL {
  return sql`${column} NOT IN (
    SELECT target_id FROM blocks WHERE account_id = ${viewerId}
    UNION SELECT account_id FROM blocks WHERE target_id = ${viewerId}
    UNION SELECT target_id FROM mutes WHERE account_id = ${viewerId} AND (expires_at IS NULL OR expires_at > ${Date.now()}))`;
}

/** The given ids that name accounts, deduplicated, in the order given. */
export async function existingIds(db: Db, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = new Set((await db.select({ id: accounts.id }).from(accounts).where(inArray(accounts.id, unique))).map((r) => r.id));
  return unique.filter((id) => found.has(id));
}

export interface RelationshipState {
  id: string;
  following: { showReblogs: boolean; notify: boolean; languages: string | null } | null;
  requested: { showReblogs: boolean; notify: boolean; languages: string | null } | null;
  followedBy: boolean;
  requestedBy: boolean;
  blocking: boolean;
  blockedBy: boolean;
  mute: { hideNotifications: boolean } | null;
}

/** How `viewerId` stands towards each of `ids` (in that order; one D1 round trip). */
export async function relationships(db: Db, viewerId: string, ids: readonly string[]): Promise<RelationshipState[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const options = { showReblogs: follows.showReblogs, notify: follows.notify, languages: follows.languages };
  const [following, followedBy, requested, requestedBy, blocking, blockedBy, muting] = await db.batch([
    db.select({ id: follows.targetId, ...options }).from(follows).where(and(eq(follows.accountId, viewerId), inArray(follows.targetId, list))),
    db.select({ id: follows.accountId }).from(follows).where(and(eq(follows.targetId, viewerId), inArray(follows.accountId, list))),
    db
      .select({ id: followRequests.targetId, showReblogs: followRequests.showReblogs, notify: followRequests.notify, languages: followRequests.languages })
      .from(followRequests)
      .where(and(eq(followRequests.accountId, viewerId), inArray(followRequests.targetId, list))),
    db.select({ id: followRequests.accountId }).from(followRequests).where(and(eq(followRequests.targetId, viewerId), inArray(followRequests.accountId, list))),
    db.select({ id: blocks.targetId }).from(blocks).where(and(eq(blocks.accountId, viewerId), inArray(blocks.targetId, list))),
    db.select({ id: blocks.accountId }).from(blocks).where(and(eq(blocks.targetId, viewerId), inArray(blocks.accountId, list))),
    db.select({ id: mutes.targetId, hideNotifications: mutes.hideNotifications }).from(mutes).where(and(eq(mutes.accountId, viewerId), inArray(mutes.targetId, list), activeMute())),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [fo, fb, rq, rb, bl, bb, mu] = [byId(following), byId(followedBy), byId(requested), byId(requestedBy), byId(blocking), byId(blockedBy), byId(muting)];
  return list.map((id) => ({
    id,
    following: fo.get(id) ?? null,
    requested: rq.get(id) ?? null,
    followedBy: fb.has(id),
    requestedBy: rb.has(id),
    blocking: bl.has(id),
    blockedBy: bb.has(id),
    mute: mu.get(id) ?? null,
  }));
}

/** How many follow requests wait for the account's decision. */
export async function pendingFollowRequests(db: Db, accountId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(followRequests).where(eq(followRequests.targetId, accountId));
  return row?.n ?? 0;
}
