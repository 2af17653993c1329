/** The wire shape of media: Mastodon's MediaAttachment entity. */
import type { z } from 'zod';
import type { MediaAttachment, MediaMeta } from '../../../shared/schemas/media';
import type { Config } from '../../env';
import type { MediaRow } from '../db/media';

export function parseMeta(row: MediaRow): z.output<typeof MediaMeta> {
  try {
    return JSON.parse(row.meta) as z.output<typeof MediaMeta>;
  } catch {
    return {};
  }
}

/**
 * Uploads are processed before the response, so `url` is always set. Without a client
 * thumbnail, an image is its own preview; video and audio have none (no transcoding here).
 */
export function serializeMedia(config: Pick<Config, 'PUBLIC_URL'>, row: MediaRow): z.input<typeof MediaAttachment> {
  const url = (key: string) => `${config.PUBLIC_URL}/media/${key}`;
  return {
    id: row.id,
    type: row.type,
    url: url(row.key),
    preview_url: row.thumbnailKey ? url(row.thumbnailKey) : row.type === 'image' ? url(row.key) : null,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: parseMeta(row),
    description: row.description,
    blurhash: row.blurhash,
  };
}
