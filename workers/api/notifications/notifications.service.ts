/**
 * Reading notifications. What a person should not see is filtered when reading, so it stays
 * right when things change later: nothing from accounts they block or mute (with notifications
 * hidden), or that block them, and nothing about a status they can no longer see.
 */
import { type SQL, and, count, eq, gt, inArray, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { NotificationsQuery } from '../../../shared/schemas/notifications';
import type { Services } from '../context';
import { markers, notifications, type NotificationRow } from '../db/notifications';
import { notFound } from '../lib/errors';
import { newestFirst, page } from '../lib/pagination';
import { statuses } from '../db/social';
import { visibleTo } from '../social/visibility';

type Deps = Pick<Services, 'db'>;
type Query = z.output<typeof NotificationsQuery>;

function visible(viewerId: string): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = ${viewerId} AND b.target_id = ${notifications.fromAccountId}) OR (b.account_id = ${notifications.fromAccountId} AND b.target_id = ${viewerId}))
    AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = ${viewerId} AND m.target_id = ${notifications.fromAccountId} AND m.hide_notifications = 1 AND (m.expires_at IS NULL OR m.expires_at > ${Date.now()}))
    AND (${notifications.statusId} IS NULL OR EXISTS (SELECT 1 FROM statuses WHERE ${statuses.id} = ${notifications.statusId} AND ${visibleTo(viewerId)}))`;
}

function filters(viewerId: string, q: Query) {
  return [
    eq(notifications.accountId, viewerId),
    q.types?.length ? inArray(notifications.type, q.types) : undefined,
    q.exclude_types?.length ? notInArray(notifications.type, q.exclude_types) : undefined,
    q.account_id ? eq(notifications.fromAccountId, q.account_id) : undefined,
    visible(viewerId),
  ];
}

export async function listNotifications(deps: Deps, viewerId: string, q: Query): Promise<NotificationRow[]> {
  const p = page(notifications.id, q, 40, 80);
  const rows = await deps.db.select().from(notifications).where(and(p.where, ...filters(viewerId, q))).orderBy(p.order).limit(p.limit);
  return newestFirst(p, rows);
}

export async function getNotification(deps: Deps, viewerId: string, id: string): Promise<NotificationRow> {
  const [row] = await deps.db.select().from(notifications).where(and(eq(notifications.id, id), ...filters(viewerId, {}))).limit(1);
  if (!row) throw notFound();
  return row;
}

export async function dismissNotification(deps: Deps, viewerId: string, id: string): Promise<void> {
  const deleted = await deps.db.delete(notifications).where(and(eq(notifications.id, id), eq(notifications.accountId, viewerId))).returning({ id: notifications.id });
  if (deleted.length === 0) throw notFound();
}

export async function clearNotifications(deps: Deps, viewerId: string): Promise<void> {
  await deps.db.delete(notifications).where(eq(notifications.accountId, viewerId));
}

/** Notifications after the `notifications` marker (all of them if there is none). */
export async function unreadCount(deps: Deps, viewerId: string, q: Query): Promise<number> {
  const [marker] = await deps.db.select().from(markers).where(and(eq(markers.accountId, viewerId), eq(markers.timeline, 'notifications'))).limit(1);
  const [row] = await deps.db
    .select({ n: count() })
    .from(notifications)
    .where(and(marker ? gt(notifications.id, marker.lastReadId) : undefined, ...filters(viewerId, q)));
  return row?.n ?? 0;
}

export async function readMarkers(deps: Deps, viewerId: string, timelines?: ('home' | 'notifications')[]) {
  const rows = await deps.db
    .select()
    .from(markers)
    .where(and(eq(markers.accountId, viewerId), timelines?.length ? inArray(markers.timeline, timelines) : undefined));
  return Object.fromEntries(rows.map((m) => [m.timeline, { last_read_id: m.lastReadId, version: m.version, updated_at: new Date(m.updatedAt).toISOString() }]));
}

/** Saves markers; each save bumps the version, which clients use to detect concurrent writers. */
export async function saveMarkers(deps: Deps, viewerId: string, body: Partial<Record<'home' | 'notifications', { last_read_id: string }>>) {
  const now = Date.now();
  const writes = (['home', 'notifications'] as const).flatMap((timeline) => {
    const value = body[timeline];
    if (!value) return [];
    return [
      deps.db
        .insert(markers)
        .values({ accountId: viewerId, timeline, lastReadId: value.last_read_id, updatedAt: now })
        .onConflictDoUpdate({ target: [markers.accountId, markers.timeline], set: { lastReadId: value.last_read_id, version: sql`${markers.version} + 1`, updatedAt: now } }),
    ];
  });
  const [first, ...rest] = writes;
  if (first) await deps.db.batch([first, ...rest]);
  return readMarkers(deps, viewerId, Object.keys(body) as ('home' | 'notifications')[]);
}
