/** Blocking and muting. A block ends every follow and follow request between the two accounts. */
import { and, eq, or } from 'drizzle-orm';
import type { Db } from '../context';
import { blocks, followRequests, follows, mutes } from '../db/relationships';
import { forbidden } from '../lib/errors';
import { newId } from '../lib/ids';
import { recountFollows } from './follow-writes';
import { unmerge } from '../social/home-feed';

const between = <T extends typeof follows | typeof followRequests>(t: T, a: string, b: string) =>
  or(and(eq(t.accountId, a), eq(t.targetId, b)), and(eq(t.accountId, b), eq(t.targetId, a)));

/** `meId` blocks `targetId`: follows and pending requests both ways go, in the same batch as the block. */
export async function block(db: Db, meId: string, targetId: string): Promise<void> {
  if (meId === targetId) throw forbidden('You cannot block yourself');
  await db.batch([
    db.insert(blocks).values({ accountId: meId, targetId, id: newId() }).onConflictDoNothing(),
    db.delete(follows).where(between(follows, meId, targetId)),
    db.delete(followRequests).where(between(followRequests, meId, targetId)),
    recountFollows(db, meId, targetId),
    unmerge(db, meId, targetId),
    unmerge(db, targetId, meId),
  ]);
}

export async function unblock(db: Db, meId: string, targetId: string): Promise<void> {
  await db.delete(blocks).where(and(eq(blocks.accountId, meId), eq(blocks.targetId, targetId)));
}

/**
 * `meId` mutes `targetId`; muting again replaces both settings, as Mastodon does.
 * `durationSeconds` 0 mutes indefinitely; an expired mute stops counting at once (see `activeMute`).
 */
export async function mute(db: Db, meId: string, targetId: string, hideNotifications: boolean, durationSeconds: number, now = Date.now()): Promise<void> {
  if (meId === targetId) throw forbidden('You cannot mute yourself');
  const expiresAt = durationSeconds > 0 ? now + durationSeconds * 1000 : null;
  await db
    .insert(mutes)
    .values({ accountId: meId, targetId, id: newId(now), hideNotifications, expiresAt })
    .onConflictDoUpdate({ target: [mutes.accountId, mutes.targetId], set: { hideNotifications, expiresAt } });
}

export async function unmute(db: Db, meId: string, targetId: string): Promise<void> {
  await db.delete(mutes).where(and(eq(mutes.accountId, meId), eq(mutes.targetId, targetId)));
}
