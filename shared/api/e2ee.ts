import { z } from 'zod';
import { Empty } from '../schemas/common';
import { DeviceId, DevicesQuery, E2eeDevice, RegisterDeviceBody } from '../schemas/e2ee';
import { MediaAttachment } from '../schemas/media';
import { LIMITS } from '../constants';
import { endpoint } from './endpoint';

const tags = ['End-to-end encryption'] as const;

/**
 * SMILE extension: the device directory of end-to-end encrypted chats, and encrypted uploads
 * (docs/e2ee.md). Public keys only; the server never holds a key that opens a message.
 */
export const e2eeApi = {
  register: endpoint({ method: 'post', path: '/api/v1/e2ee/devices', summary: 'Publish this device’s ECDH P-256 public key (201; the same device and key again: 200)', tags, auth: 'user', scope: 'write:accounts', body: RegisterDeviceBody, response: E2eeDevice, status: 201 }),
  list: endpoint({ method: 'get', path: '/api/v1/e2ee/devices', summary: 'The devices of accounts you share a chat with or may message (and your own), removed ones included with `revoked_at`', tags, auth: 'user', scope: 'read:accounts', query: DevicesQuery, response: z.array(E2eeDevice) }),
  remove: endpoint({ method: 'delete', path: '/api/v1/e2ee/devices/:id', summary: 'Remove one of your devices: nothing is encrypted to it any more', tags, auth: 'user', scope: 'write:accounts', params: z.object({ id: DeviceId }), response: Empty }),
  upload: endpoint({
    method: 'post',
    path: '/api/v1/e2ee/media',
    summary: 'Upload an attachment encrypted in the client (`application/octet-stream`): stored as opaque bytes, no thumbnail; send its id in an encrypted chat',
    tags,
    auth: 'user',
    scope: 'write:media',
    streamedBody: z.instanceof(Uint8Array).describe('The encrypted bytes'),
    response: MediaAttachment,
    maxBodyBytes: LIMITS.videoMaxBytes,
  }),
} as const;
