import { z } from 'zod';
import { Empty, Id } from '../schemas/common';
import { Markers, MarkersQuery, Notification, NotificationsQuery, SaveMarkersBody, UnreadCount } from '../schemas/notifications';
import { endpoint } from './endpoint';

const tags = ['Notifications'] as const;
const byId = z.object({ id: Id });

export const notificationsApi = {
  list: endpoint({ method: 'get', path: '/api/v1/notifications', summary: 'Your notifications, newest first (filter with types[] / exclude_types[] / account_id)', tags, auth: 'user', scope: 'read:notifications', query: NotificationsQuery, response: z.array(Notification) }),
  unreadCount: endpoint({ method: 'get', path: '/api/v1/notifications/unread_count', summary: 'How many notifications arrived after the notifications marker', tags, auth: 'user', scope: 'read:notifications', query: NotificationsQuery, response: UnreadCount }),
  get: endpoint({ method: 'get', path: '/api/v1/notifications/:id', summary: 'One notification', tags, auth: 'user', scope: 'read:notifications', params: byId, response: Notification }),
  dismiss: endpoint({ method: 'post', path: '/api/v1/notifications/:id/dismiss', summary: 'Dismiss one notification', tags, auth: 'user', scope: 'write:notifications', params: byId, response: Empty }),
  clear: endpoint({ method: 'post', path: '/api/v1/notifications/clear', summary: 'Dismiss every notification', tags, auth: 'user', scope: 'write:notifications', response: Empty }),
  markers: endpoint({ method: 'get', path: '/api/v1/markers', summary: 'Where you stopped reading (home, notifications)', tags, auth: 'user', scope: 'read:statuses', query: MarkersQuery, response: Markers }),
  saveMarkers: endpoint({ method: 'post', path: '/api/v1/markers', summary: 'Save where you stopped reading', tags, auth: 'user', scope: 'write:statuses', body: SaveMarkersBody, response: Markers }),
} as const;
