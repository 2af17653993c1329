/**
 * The receiving side of Web Push, written for the tests with node:crypto and nothing from the
 * Worker: a "browser" with its own P-256 key pair and auth secret that decrypts an aes128gcm
 * body (RFC 8291, RFC 8188) and checks the VAPID authorization (RFC 8292) against a server key.
 */
import { createDecipheriv, createECDH, createHmac, randomBytes, verify } from 'node:crypto';
import { Buffer } from 'node:buffer';

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** HKDF written out (RFC 5869), one block of output is all Web Push needs. */
function hkdf(salt: Buffer, ikm: Buffer, info: string | Buffer, length: number): Buffer {
  const prk = hmac(salt, ikm);
  return hmac(prk, Buffer.concat([Buffer.from(info), Buffer.from([1])])).subarray(0, length);
}

export interface PushBrowser {
  /** What the browser gives the application server: `subscription[keys]`, base64url. */
  keys: { p256dh: string; auth: string };
  decrypt(body: Uint8Array): string;
}

export function pushBrowser(): PushBrowser {
  const ecdh = createECDH('prime256v1');
  const uaPublic = ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    keys: { p256dh: uaPublic.toString('base64url'), auth: auth.toString('base64url') },
    decrypt(input) {
      const body = Buffer.from(input);
      const salt = body.subarray(0, 16);
      const recordSize = body.readUInt32BE(16);
      const idLength = body[20]!;
      const asPublic = body.subarray(21, 21 + idLength);
      const record = body.subarray(21 + idLength);
      if (record.length > recordSize) throw new Error('more than one record');
      const shared = ecdh.computeSecret(asPublic);
      const ikm = hkdf(auth, shared, Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]), 32);
      const cek = hkdf(salt, ikm, 'Content-Encoding: aes128gcm\0', 16);
      const nonce = hkdf(salt, ikm, 'Content-Encoding: nonce\0', 12);
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(record.subarray(record.length - 16));
      const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
      let end = padded.length - 1;
      while (end >= 0 && padded[end] === 0) end--;
      if (padded[end] !== 2) throw new Error('missing last-record delimiter 0x02');
      return padded.subarray(0, end).toString('utf8');
    },
  };
}

/** Checks `Authorization: vapid t=…, k=…` against the server key; returns the JWT claims. */
export function verifyVapid(header: string | null | undefined, serverKey: string): { aud: string; exp: number; sub: string } {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`not a VAPID authorization: ${header}`);
  const [, jwt, k] = match;
  if (k !== serverKey) throw new Error('k is not the server key');
  const [head, claims, signature] = jwt!.split('.');
  if (JSON.parse(Buffer.from(head!, 'base64url').toString()).alg !== 'ES256') throw new Error('not ES256');
  const point = Buffer.from(serverKey, 'base64url');
  const jwk = { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') };
  const ok = verify('sha256', Buffer.from(`${head}.${claims}`), { key: jwk, format: 'jwk', dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'));
  if (!ok) throw new Error('VAPID signature does not verify against server_key');
  return JSON.parse(Buffer.from(claims!, 'base64url').toString());
}
