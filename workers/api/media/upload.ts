/**
 * Receives an upload: streams the `file` (and optional `thumbnail`) parts of the request body
 * into R2, validates the text fields, and describes the result (type, size, dimensions,
 * blurhash). On any failure nothing stays in R2.
 */
import type { z } from 'zod';
import { MEDIA_UPLOAD_MAX_BODY_BYTES } from '../../../shared/api/media';
import { MediaUploadFields } from '../../../shared/schemas/media';
import { ApiError, badRequest, invalidField } from '../lib/errors';
import { newId } from '../lib/ids';
import { validate } from '../lib/validate';
import { encodeBlurhash } from './blurhash';
import { MultipartError, type PartInfo, boundaryOf, readMultipart } from './multipart-stream';
import { decodePngSmall } from './png-decode';
import { R2UploadSink, mediaRules } from './r2-sink';

const IMAGE = 'an image (JPEG, PNG, GIF, WebP, AVIF)';
const ANY_MEDIA = 'an image (JPEG, PNG, GIF, WebP, AVIF), a video (MP4, QuickTime, WebM) or audio (MP3, Ogg, WAV, M4A)';
/** PNGs up to this many pixels get a blurhash (decoding costs memory and CPU: 4 bytes a pixel). */
export const BLURHASH_MAX_PIXELS = 4_000_000;

export interface ReceivedUpload {
  file: R2UploadSink;
  thumbnail: R2UploadSink | null;
  fields: z.output<typeof MediaUploadFields>;
  /** Removes what was stored, when a later step fails. */
  discard(): Promise<void>;
}

export async function receiveUpload(bucket: R2Bucket, request: Request, accountId: string, mediaId: string): Promise<ReceivedUpload> {
  const boundary = boundaryOf(request.headers.get('content-type'));
  if (!boundary) throw new ApiError(415, 'Send the file as multipart/form-data');
  // A declared length over the limit is refused before a byte is read; an undeclared one is counted.
  if (Number(request.headers.get('content-length') ?? 0) > MEDIA_UPLOAD_MAX_BODY_BYTES) throw new ApiError(413, `The request body is larger than ${MEDIA_UPLOAD_MAX_BODY_BYTES} bytes`);
  if (!request.body) throw invalidField('file', "can't be blank", 'ERR_BLANK');
  const sinks = new Map<string, R2UploadSink>();
  const discard = async () => {
    await Promise.all([...sinks.values()].map((s) => s.discard()));
  };
  const open = (part: PartInfo) => {
    // A repeated file part is skipped: the first one counts.
    if (sinks.has(part.name)) return null;
    const base = `attachments/${accountId}/${mediaId}`;
    const sink =
      part.name === 'file' ? new R2UploadSink(bucket, 'file', (s) => `${base}.${s.ext}`, mediaRules('file', () => true, ANY_MEDIA))
      : part.name === 'thumbnail' ? thumbnailSink(bucket, `${base}-thumbnail`)
      : null;
    if (sink) sinks.set(part.name, sink);
    return sink;
  };
  try {
    const raw = await readMultipart(request.body, boundary, open, {
      maxFieldBytes: 64 * 1024,
      maxTotalBytes: MEDIA_UPLOAD_MAX_BODY_BYTES,
      tooLarge: (what) => new ApiError(413, `${what} is larger than allowed`),
    });
    const fields = validate(MediaUploadFields, raw);
    const file = sinks.get('file');
    if (!file) throw invalidField('file', "can't be blank", 'ERR_BLANK');
    return { file, thumbnail: sinks.get('thumbnail') ?? null, fields, discard };
  } catch (err) {
    await discard();
    if (err instanceof MultipartError) throw badRequest(err.message);
    throw err;
  }
}

const thumbnailSink = (bucket: R2Bucket, base: string) => new R2UploadSink(bucket, 'thumbnail', (s) => `${base}.${s.ext}`, mediaRules('thumbnail', (s) => s.kind === 'image', IMAGE));

/**
 * Stores a replacement thumbnail (PUT /api/v1/media/:id) under a fresh key: objects are cached
 * as immutable, so a changed image needs a new URL.
 */
export async function storeThumbnail(bucket: R2Bucket, accountId: string, mediaId: string, file: File): Promise<R2UploadSink> {
  const sink = thumbnailSink(bucket, `attachments/${accountId}/${mediaId}-thumbnail-${newId()}`);
  try {
    const reader = file.stream().getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) await sink.write(r.value);
    await sink.end();
    return sink;
  } catch (err) {
    await sink.discard();
    throw err;
  }
}

/**
 * A blurhash where it can be computed honestly: only PNGs small enough to have been kept in
 * memory whole (one 5 MiB part) and decodable by `decodePngSmall`. JPEG, GIF, WebP and AVIF
 * would need a full decoder this Worker does not ship, so they get null — as Mastodon sends
 * for media it could not process — rather than a made-up hash.
 */
export async function blurhashOf(sink: R2UploadSink): Promise<string | null> {
  if (sink.sniffed?.mime !== 'image/png' || !sink.whole) return null;
  const image = await decodePngSmall(sink.whole, BLURHASH_MAX_PIXELS);
  return image ? encodeBlurhash(image.pixels, image.width, image.height) : null;
}
