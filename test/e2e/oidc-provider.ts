/**
 * A real OpenID provider (panva's oidc-provider) on 127.0.0.1 for the social login tests. The
 * Worker's "google" is pointed at it with SOCIAL_ISSUER_OVERRIDE, so the same authorization
 * code + PKCE + ID token flow runs as against Google. People are added to `users` by the tests;
 * `authorize` plays the browser on the provider's own (development) login and consent pages.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export interface TestUser {
  email: string;
  email_verified: boolean;
  name: string;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface OidcProvider {
  issuer: string;
  /** Subject → claims; whoever is listed can sign in by their subject. */
  users: Map<string, TestUser>;
  /** Registers the one client. Until then the provider answers 503: the redirect URI depends on the Worker's port, known later. */
  register(client: TestClient): Promise<void>;
  /** Signs in at the provider as `sub` and consents, starting from an authorization URL; returns where the provider sends the browser back. */
  authorize(url: string, sub: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startOidcProvider(): Promise<OidcProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503).end('no client registered yet');
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const users = new Map<string, TestUser>();

  const register = async (client: TestClient) => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: [client.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // Like Google: the ID token of the code flow carries the e-mail and name claims.
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      cookies: { keys: ['smile-e2e-oidc-cookie-key'] },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      features: { devInteractions: { enabled: true } },
      findAccount: (_ctx, sub) => {
        const user = users.get(sub);
        return user && { accountId: sub, claims: () => ({ sub, ...user }) };
      },
    });
    handler = provider.callback();
  };

  const authorize = async (url: string, sub: string): Promise<string> => {
    const jar = new Map<string, string>();
    let next = new URL(url);
    let form: URLSearchParams | undefined;
    for (let hop = 0; hop < 12; hop++) {
      const res = await fetch(next, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(form && { 'content-type': 'application/x-www-form-urlencoded' }) },
        ...(form && { body: form }),
      });
      keepCookies(jar, res.headers.getSetCookie());
      form = undefined;
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        next = new URL(location, next);
        if (next.origin !== issuer) return next.href;
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (res.status !== 200 || !action || !prompt) throw new Error(`unexpected page from the OpenID provider (${res.status}): ${html.slice(0, 500)}`);
      next = new URL(action.replace(/&amp;/g, '&'), next);
      form = new URLSearchParams(prompt === 'login' ? { prompt, login: sub, password: 'any' } : { prompt });
    }
    throw new Error('the OpenID provider redirected too many times');
  };

  const stop = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });

  return { issuer, users, register, authorize, stop };
}

/** A jar good enough for one host: path and expiry attributes are ignored, deletions honoured. */
function keepCookies(jar: Map<string, string>, setCookies: string[]): void {
  for (const line of setCookies) {
    const [pair = '', ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a));
    if (expired || !value) jar.delete(name);
    else jar.set(name, value);
  }
}
