/**
 * The social login providers, each behind one small interface: where to send the browser, and
 * how to turn the returned code into a verified identity. Everything after that (linking,
 * sign-up, the session) is shared, so the tests exercise the production code path.
 *
 * Production uses arctic's `Google`, `Facebook` and `Apple`. When SOCIAL_ISSUER_OVERRIDE is set
 * (tests, local development; refused in production by the config schema), "google" is served by
 * arctic's generic `OAuth2Client` against that issuer's discovered endpoints instead: Google is
 * a standard OpenID provider, so only the endpoints and keys differ.
 */
import { Apple, CodeChallengeMethod, Facebook, Google, OAuth2Client } from 'arctic';
import { z } from 'zod';
import type { SocialProvider as ProviderId } from '../../../shared/schemas/auth';
import type { Config } from '../../env';
import { discover, verifyIdToken } from './social-oidc';

/** What a provider tells us about the person. `emailVerified` is only ever true on the provider's word. */
export interface SocialIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** The secrets of one sign-in attempt, kept in the browser's signed cookie between start and callback. */
export interface FlowSecrets {
  state: string;
  codeVerifier: string;
  nonce: string;
}

export interface SocialProvider {
  id: ProviderId;
  name: string;
  authorizationUrl(flow: FlowSecrets): Promise<URL>;
  /** Exchanges the code and returns the verified identity; throws if anything does not check out. */
  identify(code: string, flow: FlowSecrets): Promise<SocialIdentity>;
}

const NAMES: Record<ProviderId, string> = { google: 'Google', facebook: 'Facebook', apple: 'Apple' };
const OIDC_SCOPES = ['openid', 'email', 'profile'];

const GOOGLE = { issuer: ['https://accounts.google.com', 'accounts.google.com'], jwksUri: 'https://www.googleapis.com/oauth2/v3/certs' };
const APPLE = { issuer: 'https://appleid.apple.com', jwksUri: 'https://appleid.apple.com/auth/keys' };
const FACEBOOK_GRAPH = 'https://graph.facebook.com/v16.0'; // the version arctic's Facebook uses

function redirectUri(config: Config, id: ProviderId): string {
  return new URL(`/oauth/social/${id}/callback`, config.PUBLIC_URL).href;
}

function withNonce(url: URL, nonce: string): URL {
  url.searchParams.set('nonce', nonce);
  return url;
}

function google(config: Config, clientId: string, secret: string): SocialProvider {
  const client = new Google(clientId, secret, redirectUri(config, 'google'));
  return {
    id: 'google',
    name: NAMES.google,
    authorizationUrl: async (f) => withNonce(client.createAuthorizationURL(f.state, f.codeVerifier, OIDC_SCOPES), f.nonce),
    identify: async (code, f) => {
      const tokens = await client.validateAuthorizationCode(code, f.codeVerifier);
      return verifyIdToken(tokens.idToken(), { ...GOOGLE, audience: clientId, nonce: f.nonce });
    },
  };
}

/** "google" against another OpenID issuer (SOCIAL_ISSUER_OVERRIDE): same flow, discovered endpoints. */
function googleAt(config: Config, issuer: string, clientId: string, secret: string): SocialProvider {
  const client = new OAuth2Client(clientId, secret, redirectUri(config, 'google'));
  return {
    id: 'google',
    name: NAMES.google,
    authorizationUrl: async (f) => {
      const { authorization_endpoint } = await discover(issuer);
      return withNonce(client.createAuthorizationURLWithPKCE(authorization_endpoint, f.state, CodeChallengeMethod.S256, f.codeVerifier, OIDC_SCOPES), f.nonce);
    },
    identify: async (code, f) => {
      const doc = await discover(issuer);
      const tokens = await client.validateAuthorizationCode(doc.token_endpoint, code, f.codeVerifier);
      return verifyIdToken(tokens.idToken(), { jwksUri: doc.jwks_uri, issuer: doc.issuer, audience: clientId, nonce: f.nonce });
    },
  };
}

/**
 * Apple asks for `form_post` when name or e-mail is requested, so its callback arrives as a POST
 * (the routes turn it into a GET). arctic's Apple has no PKCE; the nonce binds the ID token instead.
 */
function apple(config: Config, clientId: string, teamId: string, keyId: string, pem: string): SocialProvider {
  const client = new Apple(clientId, teamId, keyId, pkcs8(pem), redirectUri(config, 'apple'));
  return {
    id: 'apple',
    name: NAMES.apple,
    authorizationUrl: async (f) => {
      const url = withNonce(client.createAuthorizationURL(f.state, ['name', 'email']), f.nonce);
      url.searchParams.set('response_mode', 'form_post');
      return url;
    },
    identify: async (code, f) => {
      const tokens = await client.validateAuthorizationCode(code);
      return verifyIdToken(tokens.idToken(), { ...APPLE, audience: clientId, nonce: f.nonce });
    },
  };
}

const FacebookMe = z.object({ id: z.string().min(1), name: z.string().optional(), email: z.string().optional() });

/**
 * Facebook is OAuth 2.0 without ID tokens: the identity comes from the Graph API, called with
 * `appsecret_proof`. Facebook makes no statement that the address is verified, so it is treated
 * as unverified: it never links to an existing account.
 */
function facebook(config: Config, clientId: string, secret: string): SocialProvider {
  const client = new Facebook(clientId, secret, redirectUri(config, 'facebook'));
  return {
    id: 'facebook',
    name: NAMES.facebook,
    authorizationUrl: async (f) => client.createAuthorizationURL(f.state, ['email', 'public_profile']),
    identify: async (code) => {
      const accessToken = (await client.validateAuthorizationCode(code)).accessToken();
      const url = new URL(`${FACEBOOK_GRAPH}/me`);
      url.searchParams.set('fields', 'id,name,email');
      url.searchParams.set('appsecret_proof', await hmacHex(secret, accessToken));
      const res = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
      if (!res.ok) throw new Error(`Facebook Graph API answered ${res.status}`);
      const me = FacebookMe.parse(await res.json());
      return { subject: me.id, email: me.email?.trim() || null, emailVerified: false, name: me.name?.trim() || null };
    },
  };
}

/** The provider `id` if its credentials are configured, else null. */
export function socialProvider(config: Config, id: string): SocialProvider | null {
  const c = config;
  switch (id) {
    case 'google':
      if (!c.GOOGLE_CLIENT_ID || !c.GOOGLE_CLIENT_SECRET) return null;
      return c.SOCIAL_ISSUER_OVERRIDE ? googleAt(c, c.SOCIAL_ISSUER_OVERRIDE, c.GOOGLE_CLIENT_ID, c.GOOGLE_CLIENT_SECRET) : google(c, c.GOOGLE_CLIENT_ID, c.GOOGLE_CLIENT_SECRET);
    case 'facebook':
      return c.FACEBOOK_CLIENT_ID && c.FACEBOOK_CLIENT_SECRET ? facebook(c, c.FACEBOOK_CLIENT_ID, c.FACEBOOK_CLIENT_SECRET) : null;
    case 'apple':
      return c.APPLE_CLIENT_ID && c.APPLE_TEAM_ID && c.APPLE_KEY_ID && c.APPLE_PRIVATE_KEY ? apple(c, c.APPLE_CLIENT_ID, c.APPLE_TEAM_ID, c.APPLE_KEY_ID, c.APPLE_PRIVATE_KEY) : null;
    default:
      return null;
  }
}

/** The providers offered on this server, in display order. */
export function configuredProviders(config: Config): SocialProvider[] {
  return (['google', 'apple', 'facebook'] as const).map((id) => socialProvider(config, id)).filter((p): p is SocialProvider => p !== null);
}

/** Apple's .p8 key (PEM, PKCS #8); secrets stores may flatten its newlines to "\n". */
function pkcs8(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\\n|\s/g, '');
  return Uint8Array.from(atob(body), (ch) => ch.charCodeAt(0));
}

async function hmacHex(secret: string, message: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}
