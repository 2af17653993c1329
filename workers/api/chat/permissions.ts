/**
 * Who may message whom in a chat: blocks either way refuse it, and a person's `dm_policy`
 * (everyone | following | nobody) decides whether the sender may write to them. Checked when a
 * chat is created, when someone is invited, and on every send of a direct chat.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../context';
import { accounts } from '../db/schema';
import { forbidden } from '../lib/errors';
import { idSet } from '../lib/sql';

export interface Addressee {
  id: string;
  username: string;
  kind: 'person' | 'agent' | 'business';
  dmPolicy: 'everyone' | 'following' | 'nobody';
  blocked: boolean;
  followsSender: boolean;
}

/**
 * The accounts among `ids`, with what the rules need about each relative to `senderId` (one
 * query). `accounts.id` is written out: drizzle leaves columns of a one-table select
 * unqualified, and `id` inside the subqueries would then name the blocks' or follows' own.
 */
export function addressees(db: Db, senderId: string, ids: readonly string[]): Promise<Addressee[]> {
  return db
    .select({
      id: accounts.id,
      username: accounts.username,
      kind: accounts.kind,
      dmPolicy: accounts.dmPolicy,
      blocked: sql<number>`EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = accounts.id AND b.target_id = ${senderId}) OR (b.account_id = ${senderId} AND b.target_id = accounts.id))`.mapWith(Boolean),
      followsSender: sql<number>`EXISTS (SELECT 1 FROM follows f WHERE f.account_id = accounts.id AND f.target_id = ${senderId})`.mapWith(Boolean),
    })
    .from(accounts)
    .where(sql`${accounts.id} IN ${idSet(ids)}`);
}

/** Throws 403 with the reason when the sender may not message `to`. */
export function assertMayMessage(to: Addressee): void {
  if (to.blocked) throw forbidden(`You cannot message @${to.username}: one of you has blocked the other`);
  if (to.kind === 'agent') return;
  if (to.dmPolicy === 'nobody') throw forbidden(`@${to.username} does not accept direct messages`);
  if (to.dmPolicy === 'following' && !to.followsSender) throw forbidden(`@${to.username} only accepts messages from accounts they follow`);
}
