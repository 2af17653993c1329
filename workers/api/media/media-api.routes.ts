/** The Mastodon media endpoints: upload (v1 and v2), show and update an unattached attachment. */
import { Hono } from 'hono';
import { mediaApi } from '../../../shared/api/media';
import type { AppEnv } from '../context';
import { newId } from '../lib/ids';
import { type Handler, on } from '../lib/route';
import { createMedia, findOwnUnattached, updateMedia } from './media.service';
import { serializeMedia } from './serializers';
import { blurhashOf, receiveUpload, storeThumbnail } from './upload';

export const mediaApiRoutes = new Hono<AppEnv>();

// Processing is synchronous, so v2 answers 200 with `url` set (Mastodon's 202 is for async jobs).
const upload: Handler<typeof mediaApi.uploadV2 | typeof mediaApi.uploadV1> = async (c) => {
  const account = c.var.caller!.account!;
  const id = newId();
  const received = await receiveUpload(c.env.MEDIA, c.req.raw, account.id, id);
  const { file, thumbnail, fields } = received;
  try {
    const dims = file.dimensions;
    const meta = {
      ...(dims && { original: { width: dims.width, height: dims.height, size: `${dims.width}x${dims.height}`, aspect: dims.width / dims.height } }),
      ...(fields.focus && { focus: fields.focus }),
    };
    const row = await createMedia(c.var.db, {
      id,
      accountId: account.id,
      // Mastodon turns GIFs into silent looping video ("gifv"); without transcoding a GIF stays an image.
      type: file.sniffed!.kind,
      key: file.key!,
      thumbnailKey: thumbnail?.key ?? null,
      contentType: file.sniffed!.mime,
      size: file.size,
      description: fields.description || null,
      blurhash: await blurhashOf(thumbnail ?? file),
      meta: JSON.stringify(meta),
    });
    return serializeMedia(c.var.config, row);
  } catch (err) {
    await received.discard();
    throw err;
  }
};

on(mediaApiRoutes, mediaApi.uploadV2, upload);
on(mediaApiRoutes, mediaApi.uploadV1, upload);

on(mediaApiRoutes, mediaApi.get, async (c, { params }) => serializeMedia(c.var.config, await findOwnUnattached(c.var.db, c.var.caller!.account!.id, params.id)));

on(mediaApiRoutes, mediaApi.update, async (c, { params, body }) => {
  const accountId = c.var.caller!.account!.id;
  const row = await findOwnUnattached(c.var.db, accountId, params.id);
  const { thumbnail: file, ...change } = body;
  if (!file) return serializeMedia(c.var.config, await updateMedia(c.var.db, row, change));
  const thumbnail = await storeThumbnail(c.env.MEDIA, accountId, row.id, file);
  let updated;
  try {
    updated = await updateMedia(c.var.db, row, { ...change, thumbnail: { key: thumbnail.key!, blurhash: await blurhashOf(thumbnail) } });
  } catch (err) {
    await thumbnail.discard();
    throw err;
  }
  // The replaced preview is no longer referenced by anything.
  if (row.thumbnailKey) await c.env.MEDIA.delete(row.thumbnailKey);
  return serializeMedia(c.var.config, updated);
});
