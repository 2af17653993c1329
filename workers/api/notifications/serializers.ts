/** The Notification entity, for the notifications API and the streaming API alike. */
import { inArray } from 'drizzle-orm';
import { serializeAccount } from '../accounts/serializers';
import type { Services } from '../context';
import type { NotificationRow } from '../db/notifications';
import { accounts } from '../db/schema';
import { statuses } from '../db/social';
import { hydrateStatuses } from '../social/hydrate';

/** Notification entities for their recipient, with accounts and statuses loaded in a fixed number of queries. */
export async function serializeNotifications(deps: Pick<Services, 'db' | 'config'>, viewerId: string, rows: NotificationRow[]) {
  if (rows.length === 0) return [];
  const statusIds = [...new Set(rows.map((r) => r.statusId).filter((id): id is string => id !== null))];
  const [from, statusRows] = await Promise.all([
    deps.db.select().from(accounts).where(inArray(accounts.id, [...new Set(rows.map((r) => r.fromAccountId))])),
    statusIds.length ? deps.db.select().from(statuses).where(inArray(statuses.id, statusIds)) : [],
  ]);
  const hydrated = new Map((await hydrateStatuses(deps, viewerId, statusRows)).map((s) => [s.id, s]));
  const byId = new Map(from.map((a) => [a.id, serializeAccount(deps.config, a)]));
  return rows.flatMap((r) => {
    const account = byId.get(r.fromAccountId);
    if (!account) return [];
    const status = r.statusId ? hydrated.get(r.statusId) : undefined;
    return [{ id: r.id, type: r.type, created_at: new Date(r.createdAt).toISOString(), group_key: `ungrouped-${r.id}`, account, ...(status && { status }) }];
  });
}
