/**
 * The end-to-end encryption scheme of SMILE chats, version 1 (docs/e2ee.md), in WebCrypto only,
 * so the browser client and the tests running inside workerd use the very same code:
 *
 * - A device key is an ECDH P-256 pair; its private half is made non-extractable.
 * - Each message gets a fresh 256-bit AES-GCM message key and a 12-byte iv. The plaintext (JSON
 *   of `MessagePlaintext`) is encrypted with AAD = `smile-e2ee/v1|<chat id>|<sender device>`,
 *   so the server cannot move a ciphertext to another room or another sender's device.
 * - For every recipient device, the message key is wrapped with a pairwise key:
 *   ECDH(sender private, recipient public) → 32 bytes → HKDF-SHA-256 (salt: 32 zero bytes,
 *   info: `smile-e2ee/v1 wrap|<sender device>|<recipient device>`) → AES-GCM-256, then
 *   AES-GCM(wrap key, random 12-byte wrap iv, AAD = the message iv, the raw message key).
 *   `keys[device] = base64url(wrap iv ‖ ciphertext)` (12 + 32 + 16 = 60 bytes).
 * - The safety number of two accounts is SHA-256 over `smile-e2ee/v1 safety` and both accounts'
 *   device public keys (raw, sorted, concatenated), shown as six groups of five digits.
 */
import { E2EE_VERSION, type E2eeEnvelope } from '../schemas/e2ee';

/** What an encrypted message holds once opened. */
export interface MessagePlaintext {
  text: string;
  attachments?: AttachmentKey[];
}

/** How to open one encrypted upload; travels only inside the encrypted message. */
export interface AttachmentKey {
  media_id: string;
  key: string;
  iv: string;
  /** The media type of the plaintext file (image/png…), and its name. */
  type: string;
  name: string;
}

export interface DevicePublicKey {
  device_id: string;
  public_key: string;
}

/** The message key is wrapped for no device this one can open: it was added after the message. */
export class NotForThisDevice extends Error {
  constructor() {
    super('This message was sent before this device was added');
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const ZERO_SALT = new Uint8Array(32);

export function toB64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const aad = (chatId: string, senderDevice: string) => enc.encode(`smile-e2ee/v${E2EE_VERSION}|${chatId}|${senderDevice}`);

/** A new device key pair; the private key cannot be exported, only used. */
export async function generateDeviceKeys(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])) as CryptoKeyPair;
}

export async function exportPublicKey(key: CryptoKey): Promise<string> {
  return toB64url(new Uint8Array((await crypto.subtle.exportKey('raw', key)) as ArrayBuffer));
}

/** Imports a published public key; throws when it is not a point of P-256. */
export function importPublicKey(b64: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', fromB64url(b64), { name: 'ECDH', namedCurve: 'P-256' }, true, []);
}

/** The AES-GCM key that wraps message keys from `senderDevice` to `recipientDevice` (either side can derive it). */
export async function pairwiseKey(ownPrivate: CryptoKey, otherPublic: CryptoKey, senderDevice: string, recipientDevice: string): Promise<CryptoKey> {
  // A variable, not a literal: workers-types spell the member `$public`, the DOM (and the runtime) `public`.
  const ecdh = { name: 'ECDH', public: otherPublic };
  const shared = await crypto.subtle.deriveBits(ecdh, ownPrivate, 256);
  const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const info = enc.encode(`smile-e2ee/v${E2EE_VERSION} wrap|${senderDevice}|${recipientDevice}`);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: ZERO_SALT, info }, ikm, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export interface Sender {
  chatId: string;
  deviceId: string;
  privateKey: CryptoKey;
}

/** Encrypts `plaintext` for `recipients` (every member device, the sender's own included). */
export async function encryptMessage(from: Sender, recipients: DevicePublicKey[], plaintext: MessagePlaintext): Promise<E2eeEnvelope> {
  const rawKey = random(32);
  const iv = random(12);
  const messageKey = await crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['encrypt']);
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(from.chatId, from.deviceId) }, messageKey, enc.encode(JSON.stringify(plaintext)));
  const keys: Record<string, string> = {};
  for (const r of recipients) {
    const wrap = await pairwiseKey(from.privateKey, await importPublicKey(r.public_key), from.deviceId, r.device_id);
    const wrapIv = random(12);
    const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: wrapIv, additionalData: iv }, wrap, rawKey));
    const joined = new Uint8Array(12 + wrapped.length);
    joined.set(wrapIv);
    joined.set(wrapped, 12);
    keys[r.device_id] = toB64url(joined);
  }
  return { v: E2EE_VERSION, sender_device: from.deviceId, iv: toB64url(iv), ciphertext: toB64url(new Uint8Array(ciphertext)), keys };
}

export interface Recipient {
  chatId: string;
  deviceId: string;
  privateKey: CryptoKey;
  /** The public key of `envelope.sender_device`, from the device directory. */
  senderPublicKey: string;
}

/** Opens an envelope; `NotForThisDevice` when it carries no key for this device, and a WebCrypto error when tampered with. */
export async function decryptMessage(me: Recipient, envelope: E2eeEnvelope): Promise<MessagePlaintext> {
  const mine = envelope.keys[me.deviceId];
  if (!mine) throw new NotForThisDevice();
  const iv = fromB64url(envelope.iv);
  const wrap = await pairwiseKey(me.privateKey, await importPublicKey(me.senderPublicKey), envelope.sender_device, me.deviceId);
  const joined = fromB64url(mine);
  const rawKey = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: joined.subarray(0, 12), additionalData: iv }, wrap, joined.subarray(12));
  const messageKey = await crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['decrypt']);
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(me.chatId, envelope.sender_device) }, messageKey, fromB64url(envelope.ciphertext));
  return JSON.parse(dec.decode(plain)) as MessagePlaintext;
}

/** Encrypts a file with its own fresh key before upload; the key and iv go inside the message. */
export async function encryptBlob(bytes: Uint8Array<ArrayBuffer>): Promise<{ key: string; iv: string; data: Uint8Array<ArrayBuffer> }> {
  const rawKey = random(32);
  const iv = random(12);
  const key = await crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['encrypt']);
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes));
  return { key: toB64url(rawKey), iv: toB64url(iv), data };
}

export async function decryptBlob(data: ArrayBuffer, a: Pick<AttachmentKey, 'key' | 'iv'>): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', fromB64url(a.key), 'AES-GCM', false, ['decrypt']);
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromB64url(a.iv) }, key, data);
}

/**
 * The safety number of two accounts, the same on both sides: SHA-256 over a label and both
 * accounts' device public keys, sorted. Six groups of five digits (each from 5 bytes, mod 100000).
 */
export async function safetyNumber(keysA: readonly string[], keysB: readonly string[]): Promise<string> {
  const sorted = [...new Set([...keysA, ...keysB])].sort();
  const parts = [enc.encode(`smile-e2ee/v${E2EE_VERSION} safety`), ...sorted.map(fromB64url)];
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  const groups: string[] = [];
  for (let i = 0; i < 30; i += 5) {
    let n = 0;
    for (let j = 0; j < 5; j++) n = n * 256 + digest[i + j]!;
    groups.push(String(n % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}
