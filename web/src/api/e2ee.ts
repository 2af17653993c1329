/** The device directory and encrypted uploads of end-to-end encrypted chats (docs/e2ee.md). */
import type { E2eeDevice } from '../../../shared/schemas/e2ee';
import { OPAQUE_MEDIA_TYPE } from '../../../shared/schemas/e2ee';
import { api, withUserToken } from './client';
import { errorFromResponse } from './http';
import type { MediaAttachment } from './types';

export type { E2eeDevice };

export const registerDevice = (device: { device_id: string; name: string; public_key: string }) => api<E2eeDevice>('/api/v1/e2ee/devices', { body: device });
export const listDevices = (accountIds: string[]) => api<E2eeDevice[]>('/api/v1/e2ee/devices', { query: { account_ids: accountIds.join(',') } });
export const removeDevice = (id: string) => api<unknown>(`/api/v1/e2ee/devices/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Uploads bytes already encrypted in this browser; the server stores them opaque. */
export function uploadEncrypted(bytes: Uint8Array<ArrayBuffer>): Promise<MediaAttachment> {
  return withUserToken(async (token) => {
    const res = await fetch('/api/v1/e2ee/media', { method: 'POST', body: bytes, headers: { 'content-type': OPAQUE_MEDIA_TYPE, accept: 'application/json', ...(token && { authorization: `Bearer ${token}` }) } });
    const text = await res.text();
    if (!res.ok) throw errorFromResponse(res.status, text, res.headers.get('retry-after'));
    return JSON.parse(text) as MediaAttachment;
  });
}
