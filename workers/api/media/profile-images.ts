/** Avatars and headers: checked by their bytes, stored in R2 under a fresh key each time. */
import { LIMITS } from '../../../shared/constants';
import { ApiError, invalidField } from '../lib/errors';
import { newId } from '../lib/ids';
import { IMAGE_EXTENSIONS, sniffImageType } from './sniff';

export async function storeProfileImage(media: R2Bucket, accountId: string, folder: 'avatars' | 'headers', file: File, field: string): Promise<string> {
  if (file.size > LIMITS.avatarMaxBytes) throw new ApiError(413, `${field} is larger than ${LIMITS.avatarMaxBytes / 1024 / 1024} MB`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes.subarray(0, 32));
  if (!type) throw invalidField(field, 'must be a JPEG, PNG, GIF, WebP or AVIF image', 'ERR_UNSUPPORTED_TYPE');
  const key = `${folder}/${accountId}/${newId()}.${IMAGE_EXTENSIONS[type]}`;
  await media.put(key, bytes, { httpMetadata: { contentType: type, cacheControl: 'public, max-age=31536000, immutable' } });
  return key;
}
