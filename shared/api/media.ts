import { z } from 'zod';
import { LIMITS } from '../constants';
import { Id } from '../schemas/common';
import { MediaAttachment, MediaUploadBody, UpdateMediaBody } from '../schemas/media';
import { endpoint } from './endpoint';

const media = ['Media'] as const;
/** The largest upload plus room for the multipart framing and the text fields. */
export const MEDIA_UPLOAD_MAX_BODY_BYTES = LIMITS.videoMaxBytes + 1024 * 1024;

const upload = {
  tags: media,
  auth: 'user',
  scope: 'write:media',
  // The route streams the body into R2 itself (a 100 MB video never sits in memory), so
  // `on()` neither buffers nor parses it; the schema is for the OpenAPI document.
  streamedBody: MediaUploadBody,
  response: MediaAttachment,
  maxBodyBytes: MEDIA_UPLOAD_MAX_BODY_BYTES,
  rateLimit: 'post',
} as const;

export const mediaApi = {
  uploadV2: endpoint({ method: 'post', path: '/api/v2/media', summary: 'Upload an image, video or audio file to attach to a status (processed synchronously: 200)', ...upload }),
  uploadV1: endpoint({ method: 'post', path: '/api/v1/media', summary: 'Upload a media file (deprecated in Mastodon in favour of v2; same behaviour)', ...upload }),
  get: endpoint({ method: 'get', path: '/api/v1/media/:id', summary: 'One of your own media attachments not yet attached to a status', tags: media, auth: 'user', scope: 'write:media', params: z.object({ id: Id }), response: MediaAttachment }),
  update: endpoint({ method: 'put', path: '/api/v1/media/:id', summary: 'Change the description, focal point or thumbnail of an unattached media attachment', tags: media, auth: 'user', scope: 'write:media', params: z.object({ id: Id }), body: UpdateMediaBody, response: MediaAttachment, maxBodyBytes: LIMITS.imageMaxBytes + 64 * 1024 }),
} as const;
