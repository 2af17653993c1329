/**
 * Media attachments: created by an upload, owned by one account, editable until a status
 * claims them. The statuses module calls `attachMedia` inside its own batch; timelines read
 * media with the rest of a status (social/hydrate.ts).
 */
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { LIMITS } from '../../../shared/constants';
import type { Db } from '../context';
import { type MediaRow, mediaAttachments } from '../db/media';
import { chatMedia } from '../db/chats';
import { marketListingMedia } from '../db/market';
import { stories } from '../db/stories';
import { invalidField, notFound } from '../lib/errors';
import { parseMeta } from './serializers';

export type NewMedia = typeof mediaAttachments.$inferInsert;

/** SQL condition: the media is used by neither a status, a story nor a chat message. */
export const unclaimed = () =>
  and(
    isNull(mediaAttachments.statusId),
    sql`NOT EXISTS (SELECT 1 FROM ${stories} WHERE ${stories.mediaId} = ${mediaAttachments.id})`,
    sql`NOT EXISTS (SELECT 1 FROM ${chatMedia} WHERE ${chatMedia.mediaId} = ${mediaAttachments.id})`,
    sql`NOT EXISTS (SELECT 1 FROM ${marketListingMedia} WHERE ${marketListingMedia.mediaId} = ${mediaAttachments.id})`,
  );

export async function createMedia(db: Db, row: NewMedia): Promise<MediaRow> {
  const [created] = await db.insert(mediaAttachments).values(row).returning();
  return created!;
}

/**
 * The caller's media not yet attached to a status or story. As in Mastodon, attached media (and other
 * accounts' media) are 404 here: once posted, a description changes through a status edit.
 */
export async function findOwnUnattached(db: Db, accountId: string, id: string): Promise<MediaRow> {
  const row = await db.select().from(mediaAttachments).where(and(eq(mediaAttachments.id, id), eq(mediaAttachments.accountId, accountId), unclaimed())).get();
  if (!row) throw notFound();
  return row;
}

export interface MediaChange {
  description?: string | null;
  focus?: { x: number; y: number };
  /** A new thumbnail already in R2, and the blurhash computed from it. */
  thumbnail?: { key: string; blurhash: string | null };
}

export async function updateMedia(db: Db, row: MediaRow, change: MediaChange): Promise<MediaRow> {
  const meta = change.focus ? JSON.stringify({ ...parseMeta(row), focus: change.focus }) : row.meta;
  const description = change.description === undefined ? row.description : change.description || null;
  // As in Mastodon, a thumbnail's blurhash replaces the file's only when it could be computed.
  const thumbnail = change.thumbnail ? { thumbnailKey: change.thumbnail.key, blurhash: change.thumbnail.blurhash ?? row.blurhash } : {};
  const [updated] = await db.update(mediaAttachments).set({ description, meta, ...thumbnail }).where(and(eq(mediaAttachments.id, row.id), unclaimed())).returning();
  if (!updated) throw notFound();
  return updated;
}

/**
 * Statements that attach `mediaIds` (in that order) to a status, for the caller's batch. Each
 * id must be the account's own media, unclaimed or already on this status (an edit keeps
 * its media); otherwise 422 on `media_ids`. The last statement re-counts the claimed rows and
 * fails the whole batch if a concurrent post took one in between (json('') raises).
 */
export async function attachMedia(db: Db, accountId: string, statusId: string, mediaIds: readonly string[]): Promise<BatchItem<'sqlite'>[]> {
  const ids = [...new Set(mediaIds)];
  if (ids.length === 0) return [];
  if (ids.length !== mediaIds.length || ids.length > LIMITS.maxMediaAttachments) throw invalidField('media_ids', `must be at most ${LIMITS.maxMediaAttachments} different media`, 'ERR_TOO_LONG');
  const claimable = and(eq(mediaAttachments.accountId, accountId), or(unclaimed(), eq(mediaAttachments.statusId, statusId)));
  const found = await db.select({ id: mediaAttachments.id }).from(mediaAttachments).where(and(inArray(mediaAttachments.id, ids), claimable));
  if (found.length !== ids.length) throw invalidField('media_ids', 'contains media that does not exist, is not yours, or is already attached', 'ERR_INVALID');
  const claims = ids.map((id, position) => db.update(mediaAttachments).set({ statusId, position }).where(and(eq(mediaAttachments.id, id), claimable)));
  // An aggregate returns one row even when nothing matches, so the CASE is always evaluated.
  const guard = db
    .select({ ok: sql<number>`CASE WHEN count(*) = ${ids.length} THEN 1 ELSE json('') END` })
    .from(mediaAttachments)
    .where(and(eq(mediaAttachments.statusId, statusId), inArray(mediaAttachments.id, ids)));
  return [...claims, guard];
}

/** The R2 keys of media rows: the file and its thumbnail, if any. */
export const mediaKeys = (rows: readonly Pick<MediaRow, 'key' | 'thumbnailKey'>[]) => rows.flatMap((r) => (r.thumbnailKey ? [r.key, r.thumbnailKey] : [r.key]));

/** Deletes R2 objects, at most 1000 keys a call (R2's limit). */
export async function deleteObjects(bucket: R2Bucket, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) await bucket.delete(keys.slice(i, i + 1000));
}
