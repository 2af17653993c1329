/**
 * Reading and managing one's own conversations. A conversation whose last status the viewer
 * may no longer see (a block since, either way) is left out of the list, so nothing of it
 * shows across the block.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { PageQuery } from '../../../shared/schemas/pagination';
import type { Db, Services } from '../context';
import { type AccountConversationRow, accountConversations } from '../db/conversations';
import { statuses } from '../db/social';
import { notFound } from '../lib/errors';
import { newestFirst, page } from '../lib/pagination';
import { idSet } from '../lib/sql';
import { visibleTo } from '../social/visibility';

type Deps = Pick<Services, 'db'>;

/** The viewer's conversations, latest activity first, paged by their last status id (as Mastodon pages them). */
export async function listConversations(deps: Deps, viewerId: string, q: PageQuery): Promise<AccountConversationRow[]> {
  const p = page(accountConversations.lastStatusId, q, 20, 40);
  const lastStatusVisible = sql`EXISTS (SELECT 1 FROM statuses WHERE ${statuses.id} = ${accountConversations.lastStatusId} AND ${visibleTo(viewerId)})`;
  const rows = await deps.db
    .select()
    .from(accountConversations)
    .where(and(eq(accountConversations.accountId, viewerId), p.where, lastStatusVisible))
    .orderBy(p.order)
    .limit(p.limit);
  return newestFirst(p, rows);
}

/** The conversation rows of the given accounts that hold a status (for the `direct` stream). */
export function conversationsHolding(db: Db, statusId: string, accountIds: readonly string[]): Promise<AccountConversationRow[]> {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(accountConversations)
    .where(and(sql`${accountConversations.accountId} IN ${idSet(accountIds)}`, sql`EXISTS (SELECT 1 FROM json_each(${accountConversations.statusIds}) WHERE value = ${statusId})`));
}

const own = (viewerId: string, id: string) => and(eq(accountConversations.id, id), eq(accountConversations.accountId, viewerId));

/** Marks the viewer's conversation read; someone else's is 404. */
export async function markConversationRead(deps: Deps, viewerId: string, id: string): Promise<AccountConversationRow> {
  const [row] = await deps.db.update(accountConversations).set({ unread: false }).where(own(viewerId, id)).returning();
  if (!row) throw notFound();
  return row;
}

/** Removes a conversation from the viewer's list only: the statuses and the other participants' rows stay. */
export async function removeConversation(deps: Deps, viewerId: string, id: string): Promise<void> {
  const deleted = await deps.db.delete(accountConversations).where(own(viewerId, id)).returning({ id: accountConversations.id });
  if (deleted.length === 0) throw notFound();
}
