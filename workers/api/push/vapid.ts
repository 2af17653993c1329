/**
 * VAPID (RFC 8292): the application server signs a short-lived ES256 JWT naming the push
 * service's origin, and sends it with its public key as `Authorization: vapid t=…, k=…`.
 */
import { base64url, fromBase64url } from '../lib/crypto';

const encoder = new TextEncoder();
/** Push services refuse tokens valid for more than 24 hours. */
const TOKEN_SECONDS = 12 * 3600;

const keys = new Map<string, Promise<CryptoKey>>();

/** The ECDSA signing key from the raw base64url pair in the configuration, imported once per isolate. */
function signingKey(publicKey: string, privateKey: string): Promise<CryptoKey> {
  let key = keys.get(privateKey);
  if (!key) {
    const point = fromBase64url(publicKey);
    const jwk = { kty: 'EC', crv: 'P-256', x: base64url(point.slice(1, 33)), y: base64url(point.slice(33, 65)), d: privateKey };
    keys.set(privateKey, (key = crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])));
  }
  return key;
}

export interface VapidKeys {
  VAPID_PUBLIC_KEY: string;
  VAPID_PRIVATE_KEY: string;
  VAPID_SUBJECT: string;
}

/** The `Authorization` header for a push to `endpoint`. */
export async function vapidAuthorization(config: VapidKeys, endpoint: string, now = Date.now()): Promise<string> {
  const header = base64url(encoder.encode(JSON.stringify({ typ: 'JWT', alg: 'ES256' })));
  const claims = { aud: new URL(endpoint).origin, exp: Math.floor(now / 1000) + TOKEN_SECONDS, sub: config.VAPID_SUBJECT };
  const unsigned = `${header}.${base64url(encoder.encode(JSON.stringify(claims)))}`;
  // WebCrypto's ECDSA signature is already r‖s, the form JWS (ES256) wants.
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, await signingKey(config.VAPID_PUBLIC_KEY, config.VAPID_PRIVATE_KEY), encoder.encode(unsigned));
  return `vapid t=${unsigned}.${base64url(new Uint8Array(signature))}, k=${config.VAPID_PUBLIC_KEY}`;
}
