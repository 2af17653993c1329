/**
 * The expiring download link of an export: `?token=<expiry>.<HMAC-SHA256(export id, expiry)>`,
 * keyed with a key derived from JWT_SECRET. The link works without a bearer token (it is mailed),
 * so the signature is what authorises it; the expiry inside it is signed too.
 */
import type { Config } from '../../env';
import { base64url, fromBase64url } from '../lib/crypto';

const encoder = new TextEncoder();

async function key(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  // A purpose-bound key: a link signature can never be mistaken for any other HMAC of the secret.
  const raw = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const derived = await crypto.subtle.sign('HMAC', raw, encoder.encode('smile:data-export-link'));
  return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

const message = (exportId: string, expiresAt: number) => encoder.encode(`${exportId}:${expiresAt}`);

export async function signDownload(config: Pick<Config, 'JWT_SECRET'>, exportId: string, expiresAt: number): Promise<string> {
  const sig = await crypto.subtle.sign('HMAC', await key(config.JWT_SECRET, 'sign'), message(exportId, expiresAt));
  return `${expiresAt.toString(36)}.${base64url(new Uint8Array(sig))}`;
}

/** The expiry the token was signed with, or null when the token is not a valid signature for this export. */
export async function verifyDownload(config: Pick<Config, 'JWT_SECRET'>, exportId: string, token: string): Promise<number | null> {
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const expiresAt = parseInt(match[1]!, 36);
  const ok = await crypto.subtle.verify('HMAC', await key(config.JWT_SECRET, 'verify'), fromBase64url(match[2]!), message(exportId, expiresAt));
  return ok ? expiresAt : null;
}

export async function downloadUrl(config: Pick<Config, 'JWT_SECRET' | 'PUBLIC_URL'>, exportId: string, expiresAt: number): Promise<string> {
  return `${config.PUBLIC_URL}/api/v1/privacy/exports/${exportId}/download?token=${await signDownload(config, exportId, expiresAt)}`;
}
