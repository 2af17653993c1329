/**
 * The Link-paged account lists: followers, following, follow requests, blocks and mutes. Each
 * pages by the id of the relationship row (newest first), which is what the Link header carries.
 */
import { and, eq } from 'drizzle-orm';
import type { PageQuery } from '../../../shared/schemas/pagination';
import type { Db } from '../context';
import { blocks, followRequests, follows, mutes } from '../db/relationships';
import { type AccountRow, accounts } from '../db/schema';
import { newestFirst, page } from '../lib/pagination';
import { activeMute, blockedEitherWay, notHiddenFrom } from './relationships.service';

export interface Listed {
  account: AccountRow;
  /** The relationship row's id: the page cursor. */
  cursor: string;
}

// Mastodon's defaults for account lists.
const DEFAULT_LIMIT = 40;
const MAX_LIMIT = 80;

type Table = typeof follows | typeof followRequests | typeof blocks;

/** Accounts on the `other` side of rows of `table` whose `fixed` side is `id`. */
async function listOf(db: Db, table: Table, side: 'followers' | 'targets', id: string, q: PageQuery, viewerId: string | null): Promise<Listed[]> {
  const p = page(table.id, q, DEFAULT_LIMIT, MAX_LIMIT);
  const [fixed, other] = side === 'followers' ? [table.targetId, table.accountId] : [table.accountId, table.targetId];
  const rows = await db
    .select({ account: accounts, cursor: table.id })
    .from(table)
    .innerJoin(accounts, eq(accounts.id, other))
    .where(and(eq(fixed, id), p.where, viewerId ? notHiddenFrom(viewerId, other) : undefined))
    .orderBy(p.order)
    .limit(p.limit);
  return newestFirst(p, rows);
}

/**
 * Followers or followings of `accountId` as `viewerId` may see them: nothing when a block stands
 * between the two (Mastodon hides them when the account blocks the viewer; SMILE hides both
 * sides), and never accounts hidden from the viewer (blocked either way, muted).
 */
export async function followList(db: Db, accountId: string, which: 'followers' | 'following', q: PageQuery, viewerId: string | null): Promise<Listed[]> {
  if (viewerId && viewerId !== accountId && (await blockedEitherWay(db, viewerId, accountId))) return [];
  return listOf(db, follows, which === 'followers' ? 'followers' : 'targets', accountId, q, viewerId);
}

export const pendingRequests = (db: Db, meId: string, q: PageQuery) => listOf(db, followRequests, 'followers', meId, q, null);

export const blockedAccounts = (db: Db, meId: string, q: PageQuery) => listOf(db, blocks, 'targets', meId, q, null);

/** Accounts `meId` mutes now (an expired mute is not listed), with when each mute ends. */
export async function mutedAccounts(db: Db, meId: string, q: PageQuery): Promise<(Listed & { expiresAt: number | null })[]> {
  const p = page(mutes.id, q, DEFAULT_LIMIT, MAX_LIMIT);
  const rows = await db
    .select({ account: accounts, cursor: mutes.id, expiresAt: mutes.expiresAt })
    .from(mutes)
    .innerJoin(accounts, eq(accounts.id, mutes.targetId))
    .where(and(eq(mutes.accountId, meId), activeMute(), p.where))
    .orderBy(p.order)
    .limit(p.limit);
  return newestFirst(p, rows);
}
