/** Web Push subscriptions (Mastodon's `/api/v1/push/subscription`) and their delivery markers. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

/**
 * One subscription per access token, as in Mastodon: it belongs to the token's session and is
 * deleted with it (triggers on `sessions`, migration push_subscriptions).
 */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull(),
    accountId: text('account_id').notNull(),
    endpoint: text('endpoint').notNull(),
    /** The browser's P-256 public key, uncompressed, base64url. */
    p256dh: text('p256dh').notNull(),
    /** The browser's 16-byte auth secret, base64url. */
    auth: text('auth').notNull(),
    /** JSON object: notification type → wanted. */
    alerts: text('alerts').notNull(),
    policy: text('policy', { enum: ['all', 'followed', 'follower', 'none'] }).notNull().default('all'),
    /**
     * The access token that created the subscription, sent back in every payload as Mastodon does:
     * a client signed in to several accounts tells by it which one a notification is for.
     */
    accessToken: text('access_token').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('push_subscriptions_session_unique').on(t.sessionId), index('push_subscriptions_account_idx').on(t.accountId)],
);

/** A notification pushed to a subscription: a redelivered queue message does not push it again. */
export const pushDeliveries = sqliteTable(
  'push_deliveries',
  {
    subscriptionId: text('subscription_id').notNull(),
    notificationId: text('notification_id').notNull(),
    deliveredAt: integer('delivered_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.notificationId] }), index('push_deliveries_time_idx').on(t.deliveredAt)],
);

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
