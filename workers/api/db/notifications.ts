/** Notifications and read markers. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

export const NOTIFICATION_TYPES = ['mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'poll', 'update', 'reaction', 'moderation', 'live', 'export', 'moderation_warning'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    /** The recipient. */
    accountId: text('account_id').notNull(),
    fromAccountId: text('from_account_id').notNull(),
    type: text('type', { enum: NOTIFICATION_TYPES }).notNull(),
    statusId: text('status_id'),
    /** The stream of a `live` notification (its author went live). */
    liveStreamId: text('live_stream_id'),
    /** The audit-log entry of a `moderation_warning`: it holds the warning's text. */
    adminActionId: text('admin_action_id'),
    /** `type:from:status`: one notification per event, however often the action is repeated. */
    groupKey: text('group_key').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('notifications_event_unique').on(t.accountId, t.groupKey), index('notifications_account_idx').on(t.accountId, t.id), index('notifications_status_idx').on(t.statusId)],
);

/** Where a person stopped reading a timeline (Mastodon's markers: `home`, `notifications`). */
export const markers = sqliteTable(
  'markers',
  {
    accountId: text('account_id').notNull(),
    timeline: text('timeline', { enum: ['home', 'notifications'] }).notNull(),
    lastReadId: text('last_read_id').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.timeline] })],
);

export type NotificationRow = typeof notifications.$inferSelect;
