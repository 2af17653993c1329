/** The Conversation entity, for the conversations API and the `direct` stream alike. */
import { and, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Conversation } from '../../../shared/schemas/conversations';
import { serializeAccount } from '../accounts/serializers';
import type { Services } from '../context';
import type { AccountConversationRow } from '../db/conversations';
import { accounts } from '../db/schema';
import { statuses } from '../db/social';
import { idSet } from '../lib/sql';
import { hydrateStatuses } from '../social/hydrate';
import { visibleTo } from '../social/visibility';

type ConversationOut = z.input<typeof Conversation>;

const participants = (row: AccountConversationRow) => JSON.parse(row.participantIds) as string[];

/**
 * Conversation entities for their owner, in a fixed number of queries: the participants'
 * accounts, and the last statuses hydrated for the viewer (null when the viewer may not see it).
 * As in Mastodon, a conversation with nobody else (or whose others are gone) lists the viewer.
 */
export async function serializeConversations(deps: Pick<Services, 'db' | 'config'>, viewerId: string, rows: AccountConversationRow[]): Promise<ConversationOut[]> {
  if (rows.length === 0) return [];
  const accountIds = [...new Set([viewerId, ...rows.flatMap(participants)])];
  const [people, lastRows] = await Promise.all([
    deps.db.select().from(accounts).where(sql`${accounts.id} IN ${idSet(accountIds)}`),
    deps.db.select().from(statuses).where(and(sql`${statuses.id} IN ${idSet(rows.map((r) => r.lastStatusId))}`, visibleTo(viewerId))),
  ]);
  const byId = new Map(people.map((a) => [a.id, serializeAccount(deps.config, a)]));
  const lastById = new Map((await hydrateStatuses(deps, viewerId, lastRows)).map((s) => [s.id, s]));
  const self = byId.get(viewerId);
  return rows.map((r) => {
    const others = participants(r).flatMap((id) => byId.get(id) ?? []);
    return { id: r.id, unread: r.unread, accounts: others.length || !self ? others : [self], last_status: lastById.get(r.lastStatusId) ?? null };
  });
}
