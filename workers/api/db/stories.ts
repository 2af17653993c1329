/**
 * Stories: posts that live 24 hours. A story is either one media attachment (claimed through
 * `media_id`, unique: no two stories share one) or a text on a background colour. Views are one
 * row per story and account; the time-sortable `id` pages the viewers list.
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

export const stories = sqliteTable(
  'stories',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    /** The media attachment shown, or null for a text story. */
    mediaId: text('media_id'),
    /** The text of a text story, or null for a media story. */
    text: text('text'),
    /** A colour of the fixed palette (`STORY_BACKGROUNDS`), text stories only. */
    background: text('background'),
    createdAt: integer('created_at').notNull().default(now),
    /** Never shown after this moment; the cron job deletes the row, its views and its media. */
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('stories_account_idx').on(t.accountId, t.id), index('stories_expires_idx').on(t.expiresAt), uniqueIndex('stories_media_unique').on(t.mediaId)],
);

export const storyViews = sqliteTable(
  'story_views',
  {
    storyId: text('story_id').notNull(),
    accountId: text('account_id').notNull(),
    /** Time-sortable id of the view: the viewers list pages by when it happened. */
    id: text('id').notNull().unique(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.accountId] }), index('story_views_story_idx').on(t.storyId, t.id)],
);

export type StoryRow = typeof stories.$inferSelect;
