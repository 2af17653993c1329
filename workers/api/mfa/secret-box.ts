/**
 * TOTP secrets at rest: AES-256-GCM under a key derived with HKDF-SHA256 from JWT_SECRET (its own
 * `info`, so the key is unrelated to the token-signing key). The account id is the associated
 * data: a ciphertext copied onto another account's row does not decrypt. The `v1.` prefix names
 * the key derivation, so a later key (a dedicated secret) can be introduced row by row.
 */
import { base64url, fromBase64url } from '../lib/crypto';

const encoder = new TextEncoder();
const VERSION = 'v1.';
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(jwtSecret: string): Promise<CryptoKey> {
  let key = keys.get(jwtSecret);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', encoder.encode(jwtSecret), 'HKDF', false, ['deriveKey'])
      .then((ikm) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('smile-mfa'), info: encoder.encode('totp-secret-v1') },
          ikm,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    keys.set(jwtSecret, key);
  }
  return key;
}

export async function sealSecret(jwtSecret: string, accountId: string, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(accountId) }, await keyFor(jwtSecret), encoder.encode(secret)));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return VERSION + base64url(out);
}

/** The secret; throws if the row was tampered with, moved to another account or sealed under another key. */
export async function openSecret(jwtSecret: string, accountId: string, stored: string): Promise<string> {
  if (!stored.startsWith(VERSION)) throw new Error('unknown MFA secret format');
  const bytes = fromBase64url(stored.slice(VERSION.length));
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: encoder.encode(accountId) }, await keyFor(jwtSecret), bytes.subarray(12));
  return new TextDecoder().decode(plain);
}
