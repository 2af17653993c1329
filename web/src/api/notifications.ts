/** Notifications, their unread count, and the read marker that clears it. */
import { api, apiPage } from './client';
import type { Notification } from './types';

export const NOTIFICATIONS = '/api/v1/notifications';

export function fetchNotifications(path: string = NOTIFICATIONS) {
  return apiPage<Notification[]>(path);
}

export async function unreadCount(): Promise<number> {
  return (await api<{ count: number }>('/api/v1/notifications/unread_count')).count;
}

export function markRead(lastReadId: string): Promise<unknown> {
  return api('/api/v1/markers', { body: { notifications: { last_read_id: lastReadId } } });
}
