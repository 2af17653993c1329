/**
 * Home timelines, written ahead (fan-out on write): one row per status per home it belongs in.
 * The fan-out consumer fills it for each follower of an ordinary account; accounts with very
 * many followers are merged in at read time instead (see `social/home-feed.ts`).
 */
import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const homeFeed = sqliteTable(
  'home_feed',
  {
    /** Whose home timeline. */
    accountId: text('account_id').notNull(),
    statusId: text('status_id').notNull(),
    /** The status's account (the reblogger, for a reblog): an unfollow removes their rows. */
    authorId: text('author_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.statusId] }), index('home_feed_status_idx').on(t.statusId)],
);
