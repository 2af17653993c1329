/**
 * Message encryption for Web Push (RFC 8291) in the aes128gcm content coding (RFC 8188), with
 * WebCrypto alone: a fresh ECDH P-256 key pair per message, keys derived with HKDF-SHA-256,
 * one record, so the body is the coding header followed by a single AES-128-GCM record.
 */
import { concatBytes } from '../lib/bytes';

const encoder = new TextEncoder();

/** Record size announced in the header; one record must hold the whole message, and push services cap bodies at 4096 bytes. */
const RECORD_SIZE = 4096;
/** Header: salt (16) + record size (4) + key id length (1) + sender's public key (65); the record carries a 16-byte tag and a delimiter byte. */
export const MAX_PLAINTEXT_BYTES = RECORD_SIZE - 86 - 16 - 1;

async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, bytes: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, bytes * 8));
}

/**
 * Encrypts `plaintext` for the browser holding the private half of `uaPublic` (the
 * subscription's p256dh, 65 bytes) and `authSecret` (16 bytes).
 */
export async function encryptPayload(plaintext: Uint8Array, uaPublic: Uint8Array, authSecret: Uint8Array): Promise<Uint8Array> {
  if (plaintext.length > MAX_PLAINTEXT_BYTES) throw new Error(`push payload of ${plaintext.length} bytes exceeds ${MAX_PLAINTEXT_BYTES}`);
  const sender = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  const asPublic = new Uint8Array((await crypto.subtle.exportKey('raw', sender.publicKey)) as ArrayBuffer);
  const uaKey = await crypto.subtle.importKey('raw', uaPublic, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  // workers-types spells the ECDH parameter `$public`; the runtime reads `public`, as WebCrypto defines it.
  const ecdh = { name: 'ECDH', public: uaKey } as unknown as SubtleCryptoDeriveKeyAlgorithm;
  const ecdhSecret = new Uint8Array(await crypto.subtle.deriveBits(ecdh, sender.privateKey, 256));
  // RFC 8291 §3.3-3.4: the input keying material binds both public keys and the auth secret.
  const ikm = await hkdf(authSecret, ecdhSecret, concatBytes(encoder.encode('WebPush: info\0'), uaPublic, asPublic), 32);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const cek = await hkdf(salt, ikm, encoder.encode('Content-Encoding: aes128gcm\0'), 16);
  const nonce = await hkdf(salt, ikm, encoder.encode('Content-Encoding: nonce\0'), 12);
  const key = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt']);
  // 0x02 marks the last (here the only) record; no padding follows it.
  const record = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, concatBytes(plaintext, new Uint8Array([2]))));
  const header = new Uint8Array(21);
  new DataView(header.buffer).setUint32(16, RECORD_SIZE);
  header.set(salt, 0);
  header[20] = asPublic.length;
  return concatBytes(header, asPublic, record);
}
