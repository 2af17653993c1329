import { type Context, Hono } from 'hono';
import { notificationsApi } from '../../../shared/api/notifications';
import type { AppEnv } from '../context';
import type { NotificationRow } from '../db/notifications';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { serializeNotifications } from './serializers';
import { clearNotifications, dismissNotification, getNotification, listNotifications, readMarkers, saveMarkers, unreadCount } from './notifications.service';

export const notificationsRoutes = new Hono<AppEnv>();

const me = (c: Context<AppEnv>) => c.var.caller!.account!.id;

const serialize = (c: Context<AppEnv>, rows: NotificationRow[]) => serializeNotifications(c.var, me(c), rows);

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
