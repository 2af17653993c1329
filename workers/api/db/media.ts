/** Uploaded media: the bytes live in R2 under `key`; a status claims an attachment by setting `statusId`. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

export const mediaAttachments = sqliteTable(
  'media_attachments',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    /** Null until a status uses it; unattached uploads are cleaned up after a day. */
    statusId: text('status_id'),
    /** image | gifv | video | audio */
    type: text('type', { enum: ['image', 'gifv', 'video', 'audio', 'unknown'] }).notNull(),
    key: text('key').notNull(),
    /** A preview image the client uploaded (`thumbnail`), also in R2. */
    thumbnailKey: text('thumbnail_key'),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    description: text('description'),
    blurhash: text('blurhash'),
    /** JSON: Mastodon's `meta` ({ original: { width, height, size, aspect }, small, focus }). */
    meta: text('meta').notNull().default('{}'),
    /** Position among a status's attachments. */
    position: integer('position').notNull().default(0),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('media_status_idx').on(t.statusId, t.position), index('media_account_idx').on(t.accountId, t.id)],
);

export type MediaRow = typeof mediaAttachments.$inferSelect;
