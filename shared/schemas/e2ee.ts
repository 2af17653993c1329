/**
 * End-to-end encrypted chats (docs/e2ee.md): the devices that hold keys, and the envelope an
 * encrypted message travels in. The server checks shapes and sizes only; it never sees a key
 * that opens anything.
 */
import { z } from 'zod';
import { Id, StringList } from './common';

/** Active devices one account may publish at once. */
export const E2EE_MAX_DEVICES = 20;
/** Wrapped keys one envelope may carry: 100 members with a few devices each. */
export const E2EE_MAX_RECIPIENTS = 300;
/** Base64url characters of an envelope's ciphertext: about 24 KB of plaintext. */
export const E2EE_CIPHERTEXT_MAX_CHARS = 32_768;
/** Socket frames of an encrypted room may be this large: an envelope carries one key per device. */
export const E2EE_FRAME_MAX_BYTES = 96 * 1024;
/** The envelope's version; the scheme it names is in shared/e2ee/crypto.ts and docs/e2ee.md. */
export const E2EE_VERSION = 1;

const base64url = (what: string) => z.string().regex(/^[A-Za-z0-9_-]+$/, `${what} must be base64url without padding`);
/** Base64url of exactly `bytes` bytes (no padding). */
const bytesB64 = (bytes: number, what: string) => base64url(what).length(Math.ceil((bytes * 4) / 3), `${what} must encode exactly ${bytes} bytes`);

export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 characters of A-Z, a-z, 0-9, _ or -');
/** An uncompressed P-256 point (0x04 ‖ X ‖ Y), 65 bytes, base64url. */
export const PublicKeyB64 = bytesB64(65, 'public_key').describe('The ECDH P-256 public key, uncompressed (65 bytes), base64url');

export const E2eeDevice = z
  .object({
    device_id: DeviceId,
    account_id: Id,
    name: z.string(),
    public_key: PublicKeyB64,
    created_at: z.string(),
    revoked_at: z.string().nullable().describe('Set when the owner removed the device: encrypt to it no more, but its old messages still decrypt'),
  })
  .meta({ id: 'E2eeDevice' });
export type E2eeDevice = z.input<typeof E2eeDevice>;

export const RegisterDeviceBody = z
  .object({
    device_id: DeviceId.describe('Chosen by the device; registering it again with the same key is harmless (200)'),
    name: z.string().trim().min(1, "can't be blank").max(64),
    public_key: PublicKeyB64,
  })
  .meta({ id: 'RegisterE2eeDeviceBody' });

export const DevicesQuery = z.object({
  account_ids: StringList.pipe(z.array(Id).min(1).max(100))
    .describe('Accounts whose devices to list (comma-separated or repeated): yourself, people you share a chat with, or may message'),
});

/** An encrypted message as it travels and is stored: opaque to the server. */
export const E2eeEnvelope = z
  .object({
    v: z.literal(E2EE_VERSION),
    sender_device: DeviceId,
    iv: bytesB64(12, 'iv'),
    ciphertext: base64url('ciphertext').max(E2EE_CIPHERTEXT_MAX_CHARS),
    keys: z
      .record(DeviceId, bytesB64(60, 'a wrapped key'))
      .refine((k) => Object.keys(k).length >= 1, 'must wrap the message key for at least one device')
      .refine((k) => Object.keys(k).length <= E2EE_MAX_RECIPIENTS, `must not wrap for more than ${E2EE_MAX_RECIPIENTS} devices`)
      .describe('Per recipient device: base64url(wrap iv (12 bytes) ‖ AES-GCM of the 32-byte message key)'),
  })
  .meta({ id: 'E2eeEnvelope' });
export type E2eeEnvelope = z.output<typeof E2eeEnvelope>;

/** Media type of an encrypted upload: the server stores it as bytes it cannot read. */
export const OPAQUE_MEDIA_TYPE = 'application/octet-stream';
