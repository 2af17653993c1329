import { type Context, Hono } from 'hono';
import { inArray } from 'drizzle-orm';
import { notificationsApi } from '../../../shared/api/notifications';
import { serializeAccount } from '../accounts/serializers';
import type { AppEnv } from '../context';
import type { NotificationRow } from '../db/notifications';
import { accounts } from '../db/schema';
import { statuses } from '../db/social';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { hydrateStatuses } from '../social/hydrate';
import { clearNotifications, dismissNotification, getNotification, listNotifications, readMarkers, saveMarkers, unreadCount } from './notifications.service';

export const notificationsRoutes = new Hono<AppEnv>();

const me = (c: Context<AppEnv>) => c.var.caller!.account!.id;

/** Notification entities, with their accounts and statuses loaded in a fixed number of queries. */
async function serialize(c: Context<AppEnv>, rows: NotificationRow[]) {
  if (rows.length === 0) return [];
  const statusIds = [...new Set(rows.map((r) => r.statusId).filter((id): id is string => id !== null))];
  const [from, statusRows] = await Promise.all([
    c.var.db.select().from(accounts).where(inArray(accounts.id, [...new Set(rows.map((r) => r.fromAccountId))])),
    statusIds.length ? c.var.db.select().from(statuses).where(inArray(statuses.id, statusIds)) : [],
  ]);
  const hydrated = new Map((await hydrateStatuses(c.var, me(c), statusRows)).map((s) => [s.id, s]));
  const byId = new Map(from.map((a) => [a.id, serializeAccount(c.var.config, a)]));
  return rows.flatMap((r) => {
    const account = byId.get(r.fromAccountId);
    if (!account) return [];
    const status = r.statusId ? hydrated.get(r.statusId) : undefined;
    return [{ id: r.id, type: r.type, created_at: new Date(r.createdAt).toISOString(), group_key: `ungrouped-${r.id}`, account, ...(status && { status }) }];
  });
}

on(notificationsRoutes, notificationsApi.list, async (c, { query }) => {
  const rows = await listNotifications(c.var, me(c), query);
  setLinkHeader(c, rows.map((r) => r.id));
  return serialize(c, rows);
});

on(notificationsRoutes, notificationsApi.unreadCount, async (c, { query }) => ({ count: await unreadCount(c.var, me(c), query) }));

on(notificationsRoutes, notificationsApi.clear, async (c) => {
  await clearNotifications(c.var, me(c));
  return {};
});

on(notificationsRoutes, notificationsApi.get, async (c, { params }) => (await serialize(c, [await getNotification(c.var, me(c), params.id)]))[0]!);

on(notificationsRoutes, notificationsApi.dismiss, async (c, { params }) => {
  await dismissNotification(c.var, me(c), params.id);
  return {};
});

on(notificationsRoutes, notificationsApi.markers, async (c, { query }) => readMarkers(c.var, me(c), query.timeline));
on(notificationsRoutes, notificationsApi.saveMarkers, async (c, { body }) => saveMarkers(c.var, me(c), body));
