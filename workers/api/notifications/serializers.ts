/** The Notification entity, for the notifications API and the streaming API alike. */
import { inArray } from 'drizzle-orm';
import { serializeAccount } from '../accounts/serializers';
import type { Services } from '../context';
import { adminActions } from '../db/admin';
import { liveStreams } from '../db/live';
import type { NotificationRow } from '../db/notifications';
import { serializeLiveStream } from '../live/serializers';
import { accounts } from '../db/schema';
import { statuses } from '../db/social';
import { hydrateStatuses } from '../social/hydrate';

/** Notification entities for their recipient, with accounts and statuses loaded in a fixed number of queries. */
export async function serializeNotifications(deps: Pick<Services, 'db' | 'config'>, viewerId: string, rows: NotificationRow[]) {
  if (rows.length === 0) return [];
  const idsOf = (pick: (r: NotificationRow) => string | null) => [...new Set(rows.map(pick).filter((id): id is string => id !== null))];
  const statusIds = idsOf((r) => r.statusId);
  const streamIds = idsOf((r) => r.liveStreamId);
  const warningIds = idsOf((r) => r.adminActionId);
  const [from, statusRows, streamRows, warningRows] = await Promise.all([
    deps.db.select().from(accounts).where(inArray(accounts.id, idsOf((r) => r.fromAccountId))),
    statusIds.length ? deps.db.select().from(statuses).where(inArray(statuses.id, statusIds)) : [],
    streamIds.length ? deps.db.select().from(liveStreams).where(inArray(liveStreams.id, streamIds)) : [],
    warningIds.length ? deps.db.select().from(adminActions).where(inArray(adminActions.id, warningIds)) : [],
  ]);
  const warnings = new Map(warningRows.map((w) => [w.id, { id: w.id, action: w.action.replace(/^\w+\./, ''), text: w.reason ?? '', created_at: new Date(w.createdAt).toISOString() }]));
  const hydrated = new Map((await hydrateStatuses(deps, viewerId, statusRows)).map((s) => [s.id, s]));
  const accountRows = new Map(from.map((a) => [a.id, a]));
  const byId = new Map(from.map((a) => [a.id, serializeAccount(deps.config, a)]));
  const streams = new Map(streamRows.map((s) => [s.id, s]));
  return rows.flatMap((r) => {
    const account = byId.get(r.fromAccountId);
    if (!account) return [];
    const status = r.statusId ? hydrated.get(r.statusId) : undefined;
    // A stream is always its owner's, who is the notification's `account`.
    const stream = r.liveStreamId ? streams.get(r.liveStreamId) : undefined;
    const live_stream = stream && serializeLiveStream(deps.config, stream, accountRows.get(r.fromAccountId)!);
    const moderation_warning = r.adminActionId ? warnings.get(r.adminActionId) : undefined;
    return [{ id: r.id, type: r.type, created_at: new Date(r.createdAt).toISOString(), group_key: `ungrouped-${r.id}`, account, ...(status && { status }), ...(live_stream && { live_stream }), ...(moderation_warning && { moderation_warning }) }];
  });
}
