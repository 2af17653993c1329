/**
 * The writes that create and withdraw notifications, to run in the batch of the action that
 * causes them: an action and its notification are stored together or not at all. Nobody is
 * notified of their own actions, and an event is notified once however often it is repeated.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../context';
import { type NotificationType, notifications } from '../db/notifications';
import { newId } from '../lib/ids';

export interface NotificationEvent {
  recipientId: string;
  fromId: string;
  type: NotificationType;
  statusId?: string | null;
}

/** The key that makes one notification per event (`type:from:status`). */
export const notificationKey = (e: NotificationEvent) => `${e.type}:${e.fromId}:${e.statusId ?? ''}`;

/** The inserts for a set of notifications: none for one's own actions, except that one's poll ended or one's status was moderated. */
export function notify(db: Db, events: NotificationEvent[]) {
  return events
    .filter((e) => e.recipientId !== e.fromId || e.type === 'poll' || e.type === 'moderation')
    .map((e) => db.insert(notifications).values({ id: newId(), accountId: e.recipientId, fromAccountId: e.fromId, type: e.type, statusId: e.statusId ?? null, groupKey: notificationKey(e) }).onConflictDoNothing());
}

/** Withdraws a notification when its action is undone (an unfavourite, an unreblog, an unfollow). */
export function unnotify(db: Db, e: NotificationEvent) {
  return db.delete(notifications).where(and(eq(notifications.accountId, e.recipientId), eq(notifications.groupKey, notificationKey(e))));
}
