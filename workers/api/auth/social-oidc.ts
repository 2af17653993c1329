/**
 * OpenID Connect pieces shared by the social providers that sign in with an ID token (Google,
 * Apple, and the local OpenID provider of the tests): discovery and ID token verification.
 * The ID token is the identity; it is trusted only after its signature, issuer, audience,
 * expiry and nonce check out.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';
import type { SocialIdentity } from './social-providers';

/**
 * One key set per JWKS URL for the isolate's lifetime: jose caches the keys and refetches on an
 * unknown `kid`, so keeping the instance saves a round trip per sign-in. Keys are public data.
 */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keySet(jwksUri: string) {
  let jwks = keySets.get(jwksUri);
  if (!jwks) keySets.set(jwksUri, (jwks = createRemoteJWKSet(new URL(jwksUri))));
  return jwks;
}

const Discovery = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
});
export type Discovery = z.infer<typeof Discovery>;

const discoveries = new Map<string, Promise<Discovery>>();

/**
 * Reads `${issuer}/.well-known/openid-configuration` (cached per isolate). The document must
 * name the same issuer it was fetched from (OpenID Connect Discovery §4.3), or an ID token
 * from a look-alike issuer could pass.
 */
export function discover(issuer: string): Promise<Discovery> {
  let pending = discoveries.get(issuer);
  if (!pending) {
    pending = (async () => {
      const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`OpenID discovery at ${issuer} answered ${res.status}`);
      const doc = Discovery.parse(await res.json());
      if (doc.issuer !== issuer) throw new Error(`OpenID discovery at ${issuer} names another issuer: ${doc.issuer}`);
      return doc;
    })();
    pending.catch(() => discoveries.delete(issuer));
    discoveries.set(issuer, pending);
  }
  return pending;
}

const IdTokenClaims = z.object({
  sub: z.string().min(1),
  email: z.string().optional(),
  // Apple sends the string "true"; Google and the spec a boolean.
  email_verified: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  name: z.string().optional(),
  nonce: z.string().optional(),
});

export interface IdTokenCheck {
  jwksUri: string;
  issuer: string | string[];
  audience: string;
  nonce: string;
}

/** Verifies an ID token and reads the identity it asserts. Throws on any failed check. */
export async function verifyIdToken(idToken: string, check: IdTokenCheck): Promise<SocialIdentity> {
  const { payload } = await jwtVerify(idToken, keySet(check.jwksUri), {
    issuer: check.issuer,
    audience: check.audience,
    algorithms: ['RS256'],
    requiredClaims: ['sub', 'exp', 'iat'],
  });
  const claims = IdTokenClaims.parse(payload);
  // The nonce ties the token to the browser that started this flow (it sits in that browser's cookie).
  if (claims.nonce !== check.nonce) throw new Error('ID token nonce does not match the flow');
  const email = claims.email?.trim() || null;
  return {
    subject: claims.sub,
    email,
    emailVerified: Boolean(email) && (claims.email_verified === true || claims.email_verified === 'true'),
    name: claims.name?.trim() || null,
  };
}
