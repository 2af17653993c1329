/** Media sent in a chat: the sender's own uploads, claimed for the room in one guarded batch. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { OPAQUE_MEDIA_TYPE } from '../../../shared/schemas/e2ee';
import type { MediaAttachment } from '../../../shared/schemas/media';
import type { Config } from '../../env';
import type { Db } from '../context';
import { chatMedia } from '../db/chats';
import { mediaAttachments } from '../db/media';
import { invalidField } from '../lib/errors';
import { unclaimed } from '../media/media.service';
import { serializeMedia } from '../media/serializers';

/**
 * Claims `ids` (the sender's, attached to nothing) for the chat and returns them serialized, in
 * order; 422 otherwise. An encrypted chat takes only encrypted uploads (`POST /api/v1/e2ee/media`)
 * and a plain chat none of them: a readable file must not slip into an encrypted room.
 */
export async function claimChatMedia(db: Db, config: Pick<Config, 'PUBLIC_URL'>, accountId: string, chatId: string, ids: readonly string[], encrypted: boolean): Promise<z.input<typeof MediaAttachment>[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const invalid = () => invalidField('media_ids', 'contains media that does not exist, is not yours, or is already attached', 'ERR_INVALID');
  const rows = await db
    .select()
    .from(mediaAttachments)
    .where(and(inArray(mediaAttachments.id, unique), eq(mediaAttachments.accountId, accountId), unclaimed()));
  if (rows.length !== unique.length) throw invalid();
  if (rows.some((r) => (r.contentType === OPAQUE_MEDIA_TYPE) !== encrypted)) {
    throw invalidField('media_ids', encrypted ? 'must be uploads encrypted in the client (POST /api/v1/e2ee/media) in an end-to-end encrypted chat' : 'contains encrypted uploads, which only an end-to-end encrypted chat takes', 'ERR_INVALID');
  }
  try {
    // The primary key of chat_media makes a concurrent claim of the same media fail the batch.
    await db.batch([
      db.insert(chatMedia).values(unique.map((mediaId) => ({ mediaId, chatId }))),
      db.select({ ok: sql<number>`CASE WHEN count(*) = ${unique.length} THEN 1 ELSE json('') END` }).from(mediaAttachments).where(and(inArray(mediaAttachments.id, unique), sql`${mediaAttachments.statusId} IS NULL`)),
    ]);
  } catch {
    throw invalid();
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique.map((id) => serializeMedia(config, byId.get(id)!));
}
