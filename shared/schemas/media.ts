/** Mastodon's MediaAttachment entity and the parameters of the media endpoints. */
import { z } from 'zod';
import { LIMITS } from '../constants';

export const MEDIA_DESCRIPTION_MAX_CHARS = 1500;

const Description = z.string().max(MEDIA_DESCRIPTION_MAX_CHARS).describe(`Alt text, at most ${MEDIA_DESCRIPTION_MAX_CHARS} characters`);

/** `focus` arrives as "x,y" with both numbers in -1..1 (Mastodon's focal point). */
export const Focus = z
  .string()
  .regex(/^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/, 'must be two numbers "x,y"')
  .transform((v) => v.split(',').map((n) => Number(n.trim())) as [number, number])
  .refine(([x, y]) => Math.abs(x) <= 1 && Math.abs(y) <= 1, 'must be between -1.0 and 1.0')
  .transform(([x, y]) => ({ x, y }))
  .describe('Focal point "x,y", each between -1.0 and 1.0');

/** The text parts of an upload; the file parts are streamed to storage by the route. */
export const MediaUploadFields = z.object({
  description: Description.optional(),
  focus: Focus.optional(),
});

/** What the OpenAPI document shows for an upload (multipart/form-data). */
export const MediaUploadBody = MediaUploadFields.extend({
  file: z.instanceof(File).describe(`Image (at most ${LIMITS.imageMaxBytes / 1024 / 1024} MB), video or audio (at most ${LIMITS.videoMaxBytes / 1024 / 1024} MB); the type is read from the bytes`),
  thumbnail: z.instanceof(File).optional().describe('Preview image for video or audio'),
}).meta({ id: 'MediaUploadBody' });

export const UpdateMediaBody = z
  .object({ description: Description.nullable().optional(), focus: Focus.optional(), thumbnail: z.instanceof(File).optional().describe('A new preview image (multipart)') })
  .meta({ id: 'UpdateMediaBody' });

const Dimensions = z.object({ width: z.number(), height: z.number(), size: z.string(), aspect: z.number() });

export const MediaMeta = z
  .object({
    original: Dimensions.optional(),
    small: Dimensions.optional(),
    focus: z.object({ x: z.number(), y: z.number() }).optional(),
  })
  .catchall(z.unknown());

export const MediaAttachment = z
  .object({
    id: z.string(),
    type: z.enum(['image', 'gifv', 'video', 'audio', 'unknown']),
    url: z.string().nullable().describe('Null while processing (never here: uploads are processed synchronously)'),
    preview_url: z.string().nullable(),
    remote_url: z.string().nullable(),
    preview_remote_url: z.string().nullable(),
    text_url: z.string().nullable(),
    meta: MediaMeta,
    description: z.string().nullable(),
    blurhash: z.string().nullable(),
  })
  .meta({ id: 'MediaAttachment' });
