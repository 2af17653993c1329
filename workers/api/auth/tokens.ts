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

interface SecretState {
  /** Imported once: jose imports raw key bytes again at every call. */
  key: Promise<CryptoKey>;
  /** Issuer + token → claims, for tokens whose signature this isolate has already checked. */
  verified: Map<string, { claims: AccessClaims; expiresAt: number }>;
}

/**
 * Enough for the tokens an isolate sees within their lifetime under load; the oldest go first. A
 * token is immutable and its signature either verifies or not, so remembering the answer is safe —
 * revocation is the session row's business, read at every request all the same.
 */
const VERIFIED_MAX = 2_000;

const secrets = new Map<string, SecretState>();
function stateOf(secret: string): SecretState {
  let s = secrets.get(secret);
  if (!s) {
    const key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    secrets.set(secret, (s = { key, verified: new Map() }));
  }
  return s;
}

export async function signAccessToken(secret: string, issuer: string, claims: AccessClaims, ttlSeconds: number = TOKEN_TTL.accessSeconds): Promise<string> {
  const jwt = new SignJWT({ sid: claims.sid, scope: claims.scope, ...(claims.client_id ? { client_id: claims.client_id } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setIssuer(issuer)
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(`${ttlSeconds}s`);
  if (claims.sub) jwt.setSubject(claims.sub);
  return jwt.sign(await stateOf(secret).key);
}

/** Returns the claims, or null for a token that is malformed, forged or expired. */
export async function verifyAccessToken(secret: string, issuer: string, token: string): Promise<AccessClaims | null> {
  const { key, verified } = stateOf(secret);
  const cacheKey = `${issuer} ${token}`;
  const known = verified.get(cacheKey);
  if (known) {
    if (known.expiresAt > Date.now()) return known.claims;
    verified.delete(cacheKey);
    return null;
  }
  try {
    const { payload } = await jwtVerify(token, await key, { issuer, algorithms: ['HS256'], typ: 'at+jwt' });
    if (typeof payload.sid !== 'string' || typeof payload.scope !== 'string' || typeof payload.exp !== 'number') return null;
    const claims: AccessClaims = { sid: payload.sid, scope: payload.scope, ...(payload.sub ? { sub: payload.sub } : {}), ...(typeof payload.client_id === 'string' ? { client_id: payload.client_id } : {}) };
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
    verified.set(cacheKey, { claims, expiresAt: payload.exp * 1000 });
    return claims;
  } catch {
    return null;
  }
}
