/**
 * Access tokens are HS256 JWTs (jose) naming a session; the session row decides whether the
 * token still works, so logout, password change and erasure revoke it at once.
 */
import { SignJWT, jwtVerify } from 'jose';
import { TOKEN_TTL } from '../../../shared/constants';

export interface AccessClaims {
  sid: string;
  sub?: string;
  scope: string;
  client_id?: string;
}

/** An HS256 key, imported once per isolate: given the secret's bytes, jose imports them again on every call. */
const keyCache = new Map<string, Promise<CryptoKey>>();
export function hmacKey(secret: string): Promise<CryptoKey> {
  let k = keyCache.get(secret);
  if (!k) keyCache.set(secret, (k = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])));
  return k;
}

export async function signAccessToken(secret: string, issuer: string, claims: AccessClaims, ttlSeconds: number = TOKEN_TTL.accessSeconds): Promise<string> {
  const jwt = new SignJWT({ sid: claims.sid, scope: claims.scope, ...(claims.client_id ? { client_id: claims.client_id } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setIssuer(issuer)
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(`${ttlSeconds}s`);
  if (claims.sub) jwt.setSubject(claims.sub);
  return jwt.sign(await hmacKey(secret));
}

/** Returns the claims, or null for a token that is malformed, forged or expired. */
export async function verifyAccessToken(secret: string, issuer: string, token: string): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret), { issuer, algorithms: ['HS256'], typ: 'at+jwt' });
    if (typeof payload.sid !== 'string' || typeof payload.scope !== 'string') return null;
    return { sid: payload.sid, scope: payload.scope, ...(payload.sub ? { sub: payload.sub } : {}), ...(typeof payload.client_id === 'string' ? { client_id: payload.client_id } : {}) };
  } catch {
    return null;
  }
}
