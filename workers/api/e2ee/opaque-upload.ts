/**
 * Encrypted attachments: the client encrypts a file before upload, so the bytes cannot be
 * sniffed, measured or previewed. They are streamed into R2 as `application/octet-stream` and
 * recorded as media of type `unknown` with no thumbnail, blurhash or dimensions; only an
 * encrypted chat accepts them (`claimChatMedia`).
 */
import { LIMITS } from '../../../shared/constants';
import { OPAQUE_MEDIA_TYPE } from '../../../shared/schemas/e2ee';
import type { Db } from '../context';
import type { MediaRow } from '../db/media';
import { ApiError, invalidField } from '../lib/errors';
import { newId } from '../lib/ids';
import { createMedia } from '../media/media.service';
import { R2UploadSink } from '../media/r2-sink';

const opaque = { identify: () => ({ mime: OPAQUE_MEDIA_TYPE }), maxBytes: () => LIMITS.videoMaxBytes };

export async function receiveOpaqueUpload(db: Db, bucket: R2Bucket, request: Request, accountId: string): Promise<MediaRow> {
  if (request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() !== OPAQUE_MEDIA_TYPE) throw new ApiError(415, `Send the encrypted bytes as ${OPAQUE_MEDIA_TYPE}`);
  if (Number(request.headers.get('content-length') ?? 0) > LIMITS.videoMaxBytes) throw new ApiError(413, `The request body is larger than ${LIMITS.videoMaxBytes} bytes`);
  const id = newId();
  const sink = new R2UploadSink(bucket, 'file', () => `attachments/${accountId}/${id}.bin`, opaque);
  try {
    const reader = request.body?.getReader();
    if (reader) for (let r = await reader.read(); !r.done; r = await reader.read()) await sink.write(r.value);
    if (sink.size === 0) throw invalidField('file', "can't be blank", 'ERR_BLANK');
    await sink.end();
    return await createMedia(db, { id, accountId, type: 'unknown', key: sink.key!, thumbnailKey: null, contentType: OPAQUE_MEDIA_TYPE, size: sink.size, description: null, blurhash: null, meta: '{}' });
  } catch (err) {
    await sink.discard();
    throw err;
  }
}
