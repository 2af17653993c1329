/**
 * Following: follow (or request to), unfollow, authorize and reject requests, remove a
 * follower. The rules live here; each write is one D1 batch with the counter recount.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { FollowBody } from '../../../shared/schemas/relationships';
import type { Db } from '../context';
import type { AccountRow } from '../db/schema';
import { followRequests, follows } from '../db/relationships';
import { forbidden, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { notify, unnotify } from '../notifications/notify';
import { insertUnlessBlocked, recountFollows } from './follow-writes';
import { relationships } from './relationships.service';
import { backfill, unmerge } from '../social/home-feed';

type FollowOptions = z.output<typeof FollowBody>;

/** Options given in the request, as columns; an empty language list means all languages. */
function givenOptions(o: FollowOptions) {
  return {
    ...(o.reblogs !== undefined && { showReblogs: o.reblogs }),
    ...(o.notify !== undefined && { notify: o.notify }),
    ...(o.languages !== undefined && { languages: o.languages.length ? JSON.stringify(o.languages) : null }),
  };
}

/**
 * `me` follows `target`: directly, or by a follow request when the target is locked. Following
 * again changes only the options given, on the follow or on the pending request. True when a
 * follow was made now (not a request, not one that was there already).
 */
export async function follow(db: Db, me: AccountRow, target: AccountRow, options: FollowOptions): Promise<boolean> {
  if (me.id === target.id) throw forbidden('You cannot follow yourself');
  const [state] = await relationships(db, me.id, [target.id]);
  if (state!.blocking || state!.blockedBy) throw forbidden();
  const changes = givenOptions(options);
  const hasChanges = Object.keys(changes).length > 0;
  if (state!.following) {
    if (hasChanges) await db.update(follows).set(changes).where(and(eq(follows.accountId, me.id), eq(follows.targetId, target.id)));
    return false;
  }
  if (state!.requested) {
    if (hasChanges) await db.update(followRequests).set(changes).where(and(eq(followRequests.accountId, me.id), eq(followRequests.targetId, target.id)));
    return false;
  }
  const row = { accountId: me.id, targetId: target.id, id: newId(), showReblogs: options.reblogs ?? true, notify: options.notify ?? false, languages: changes.languages ?? null };
  if (target.locked) {
    await db.batch([insertUnlessBlocked(db, followRequests, row), ...notify(db, [{ recipientId: target.id, fromId: me.id, type: 'follow_request' }])]);
    return false;
  }
  const [followed] = await db.batch([
    insertUnlessBlocked(db, follows, row),
    backfill(db, me.id, target.id),
    // A request left from when the account was locked is settled by the follow.
    db.delete(followRequests).where(and(eq(followRequests.accountId, me.id), eq(followRequests.targetId, target.id))),
    recountFollows(db, me.id, target.id),
    ...notify(db, [{ recipientId: target.id, fromId: me.id, type: 'follow' }]),
  ]);
  return followed.meta.changes > 0;
}

/** Ends `me`'s follow of `targetId` and withdraws a pending request. */
export async function unfollow(db: Db, meId: string, targetId: string): Promise<void> {
  await db.batch([
    db.delete(follows).where(and(eq(follows.accountId, meId), eq(follows.targetId, targetId))),
    db.delete(followRequests).where(and(eq(followRequests.accountId, meId), eq(followRequests.targetId, targetId))),
    recountFollows(db, meId, targetId),
    unmerge(db, meId, targetId),
    unnotify(db, { recipientId: targetId, fromId: meId, type: 'follow' }),
    unnotify(db, { recipientId: targetId, fromId: meId, type: 'follow_request' }),
  ]);
}

/** Makes `followerId` stop following `meId`. */
export async function removeFromFollowers(db: Db, meId: string, followerId: string): Promise<void> {
  await db.batch([db.delete(follows).where(and(eq(follows.accountId, followerId), eq(follows.targetId, meId))), recountFollows(db, meId, followerId), unmerge(db, followerId, meId)]);
}

async function requireRequest(db: Db, meId: string, requesterId: string): Promise<void> {
  const [row] = await db
    .select({ id: followRequests.id })
    .from(followRequests)
    .where(and(eq(followRequests.accountId, requesterId), eq(followRequests.targetId, meId)))
    .limit(1);
  // Only the requested account sees its requests: anyone else gets the same 404 as no request.
  if (!row) throw notFound('Follow request not found');
}

/** Turns `requesterId`'s request to follow `meId` into a follow, with the request's options. */
export async function authorizeRequest(db: Db, meId: string, requesterId: string): Promise<void> {
  await requireRequest(db, meId, requesterId);
  const request = and(eq(followRequests.accountId, requesterId), eq(followRequests.targetId, meId));
  const copy = db
    .select({ accountId: followRequests.accountId, targetId: followRequests.targetId, id: sql<string>`${newId()}`.as('id'), showReblogs: followRequests.showReblogs, notify: followRequests.notify, languages: followRequests.languages, createdAt: sql<number>`cast(unixepoch('subsec') * 1000 as integer)`.as('created_at') })
    .from(followRequests)
    .where(request);
  // Copy and delete in one transaction: a concurrent reject or withdrawal leaves nothing to copy.
  await db.batch([
    db.insert(follows).select(copy).onConflictDoNothing(),
    db.delete(followRequests).where(request),
    recountFollows(db, meId, requesterId),
    backfill(db, requesterId, meId),
    // The request is settled: its notification makes way for the follow's.
    unnotify(db, { recipientId: meId, fromId: requesterId, type: 'follow_request' }),
    ...notify(db, [{ recipientId: meId, fromId: requesterId, type: 'follow' }]),
  ]);
}

export async function rejectRequest(db: Db, meId: string, requesterId: string): Promise<void> {
  await requireRequest(db, meId, requesterId);
  await db.batch([
    db.delete(followRequests).where(and(eq(followRequests.accountId, requesterId), eq(followRequests.targetId, meId))),
    unnotify(db, { recipientId: meId, fromId: requesterId, type: 'follow_request' }),
  ]);
}
