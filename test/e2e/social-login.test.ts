/**
 * Social login end to end: the real Worker (wrangler dev) and a real OpenID provider, talking
 * over HTTP. The Worker's "google" points at the local provider (SOCIAL_ISSUER_OVERRIDE); the
 * test plays the browser with manual redirects and cookies.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OidcProvider, startOidcProvider, type TestUser } from './oidc-provider';
import { type RunningServer, sharedServer, startServer } from './server';

const CLIENT = { clientId: 'smile-e2e', clientSecret: 'smile-e2e-client-secret-0123456789' };

let idp: OidcProvider;
let server: RunningServer;

beforeAll(async () => {
  idp = await startOidcProvider();
  server = await startServer({ vars: { GOOGLE_CLIENT_ID: CLIENT.clientId, GOOGLE_CLIENT_SECRET: CLIENT.clientSecret, SOCIAL_ISSUER_OVERRIDE: idp.issuer } });
  await idp.register({ ...CLIENT, redirectUri: `${server.url}/oauth/social/google/callback` });
});
afterAll(async () => {
  await server?.stop();
  await idp?.stop();
});

let n = 0;
/** A person at the provider, with a fresh subject. */
function person(user: TestUser): string {
  const sub = `sub-${Date.now().toString(36)}-${n++}`;
  idp.users.set(sub, user);
  return sub;
}

const get = (path: string, init: RequestInit = {}) => fetch(new URL(path, server.url), { redirect: 'manual', ...init });

async function api(path: string, init: { token?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(new URL(path, server.url), { method: init.json === undefined ? 'GET' : 'POST', headers, ...(init.json !== undefined && { body: JSON.stringify(init.json) }) });
}

/** Start at the Worker: returns the provider URL it redirects to and the flow cookie it set. */
async function start(returnTo = '/home') {
  const res = await get(`/oauth/social/google/start?return_to=${encodeURIComponent(returnTo)}`);
  expect(res.status).toBe(302);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('smile_social='));
  expect(setCookie).toBeDefined();
  return { location: res.headers.get('location')!, setCookie: setCookie!, cookie: setCookie!.split(';')[0]! };
}

/** The whole browser round trip; returns where the Worker finally sends the browser. */
async function signIn(sub: string, returnTo?: string): Promise<URL> {
  const flow = await start(returnTo);
  const callback = await idp.authorize(flow.location, sub);
  const res = await get(callback, { headers: { cookie: flow.cookie } });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

/** The tokens of a completed sign-in, read from the fragment. */
function completed(url: URL) {
  expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/auth/social/complete`);
  expect(url.search).toBe('');
  const f = new URLSearchParams(url.hash.slice(1));
  return { accessToken: f.get('access_token')!, refreshToken: f.get('refresh_token')!, expiresIn: Number(f.get('expires_in')), returnTo: f.get('return_to') };
}

function refused(url: URL): string {
  expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/login`);
  return url.searchParams.get('error')!;
}

async function me(token: string) {
  const res = await api('/api/v1/accounts/verify_credentials', { token });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; username: string; display_name: string; smile: { email: string | null; email_verified: boolean } };
}

/** A password account through the Mastodon sign-up flow, with its e-mail confirmed through the dev mailbox if asked. */
async function passwordAccount(username: string, email: string, confirm: boolean): Promise<{ id: string; password: string }> {
  const password = 'correct horse battery';
  const app = await (await api('/api/v1/apps', { json: { client_name: 'e2e', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' } })).json();
  const appToken = (await (await api('/oauth/token', { json: { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'read write' } })).json()).access_token;
  const signUp = await api('/api/v1/accounts', { token: appToken, json: { username, email, password, agreement: true, locale: 'en' } });
  expect(signUp.status).toBe(200);
  const { id } = await me((await signUp.json()).access_token);
  if (confirm) {
    const [mail] = await (await api(`/api/v1/dev/mailbox?to=${encodeURIComponent(email)}`)).json();
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    expect((await api('/api/v1/auth/email/verify', { json: { token } })).status).toBe(200);
  }
  return { id, password };
}

describe('signing in with Google (a local OpenID provider)', () => {
  test('start redirects to the provider with state, PKCE and a nonce, and keeps them in a scoped HttpOnly cookie', async () => {
    const { location, setCookie } = await start();
    const url = new URL(location);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('client_id')).toBe(CLIENT.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(`${server.url}/oauth/social/google/callback`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(setCookie).toMatch(/; Path=\/oauth\/social/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Max-Age=600/);
  });

  test('a new person signs up, and the tokens in the fragment work', async () => {
    const sub = person({ email: 'ada@example.test', email_verified: true, name: 'Ada Lovelace' });
    const done = completed(await signIn(sub, '/@ada_lovelace'));
    expect(done.returnTo).toBe('/@ada_lovelace');
    expect(done.refreshToken).toBeTruthy();
    expect(done.expiresIn).toBeGreaterThan(0);
    const account = await me(done.accessToken);
    expect(account.username).toBe('ada_lovelace');
    expect(account.display_name).toBe('Ada Lovelace');
    expect(account.smile).toMatchObject({ email: 'ada@example.test', email_verified: true });
  });

  test('the same subject signs in again to the same account', async () => {
    const sub = person({ email: 'alan@example.test', email_verified: true, name: 'Alan Turing' });
    const first = await me(completed(await signIn(sub)).accessToken);
    const again = completed(await signIn(sub, 'https://evil.example/'));
    expect((await me(again.accessToken)).id).toBe(first.id);
    // Only a path on this site is carried through; anything else falls back to the home page.
    expect(again.returnTo).toBe('/');
  });

  test('a provider-verified e-mail links to the existing verified password account', async () => {
    const grace = await passwordAccount('grace', 'grace@example.test', true);
    const sub = person({ email: 'Grace@Example.test', email_verified: true, name: 'Grace Hopper' });
    expect((await me(completed(await signIn(sub)).accessToken)).id).toBe(grace.id);
    // Linked now: the next sign-in finds the account by its subject, and the password still works.
    expect((await me(completed(await signIn(sub)).accessToken)).id).toBe(grace.id);
    expect((await api('/api/v1/auth/login', { json: { login: 'grace', password: grace.password } })).status).toBe(200);
  });

  test('an e-mail the provider has not verified never links to an existing account, nor signs up', async () => {
    await passwordAccount('linus', 'linus@example.test', true);
    const sub = person({ email: 'linus@example.test', email_verified: false, name: 'Mallory Impostor' });
    expect(refused(await signIn(sub))).toBe('social_email_unverified');
    // Not linked: a second try is refused the same way; and no account was made for the impostor.
    expect(refused(await signIn(sub))).toBe('social_email_unverified');
    expect((await api('/api/v1/accounts/lookup?acct=mallory_impostor')).status).toBe(404);
  });

  test('a verified provider e-mail does not link to an account whose own e-mail is unconfirmed', async () => {
    await passwordAccount('margaret', 'margaret@example.test', false);
    const sub = person({ email: 'margaret@example.test', email_verified: true, name: 'Margaret Hamilton' });
    const url = await signIn(sub);
    expect(refused(url)).toBe('social_email_unverified');
    expect(url.searchParams.get('error_description')).toMatch(/password/);
    expect((await api('/api/v1/accounts/lookup?acct=margaret_hamilton')).status).toBe(404);
  });

  test('an unverified provider e-mail that no account uses signs up with the address unconfirmed, and mails a confirmation', async () => {
    const sub = person({ email: 'barbara@example.test', email_verified: false, name: 'Barbara Liskov' });
    const account = await me(completed(await signIn(sub)).accessToken);
    expect(account.smile).toMatchObject({ email: 'barbara@example.test', email_verified: false });
    const mails = await (await api('/api/v1/dev/mailbox?to=barbara@example.test')).json();
    expect(mails.map((m: { template: string }) => m.template)).toEqual(['verify_email']);
  });

  test("a form_post callback (Apple's response mode) becomes a GET that completes the sign-in", async () => {
    const sub = person({ email: 'katherine@example.test', email_verified: true, name: 'Katherine Johnson' });
    const flow = await start();
    const callback = new URL(await idp.authorize(flow.location, sub));
    const posted = await get('/oauth/social/google/callback', { method: 'POST', body: callback.searchParams });
    expect(posted.status).toBe(303);
    const res = await get(posted.headers.get('location')!, { headers: { cookie: flow.cookie } });
    expect((await me(completed(new URL(res.headers.get('location')!)).accessToken)).username).toBe('katherine_johnson');
  });

  test('a tampered state is refused', async () => {
    const sub = person({ email: 'eve@example.test', email_verified: true, name: 'Eve Tamper' });
    const flow = await start();
    const callback = new URL(await idp.authorize(flow.location, sub));
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const res = await get(callback.href, { headers: { cookie: flow.cookie } });
    expect(refused(new URL(res.headers.get('location')!))).toBe('social_state');
    expect((await api('/api/v1/accounts/lookup?acct=eve_tamper')).status).toBe(404);
  });

  test("a callback without this browser's flow cookie, or with another flow's, is refused", async () => {
    const sub = person({ email: 'oscar@example.test', email_verified: true, name: 'Oscar Csrf' });
    const victim = await start();
    const attacker = await start();
    const callback = await idp.authorize(attacker.location, sub);
    for (const cookie of [undefined, victim.cookie, `smile_social=${encodeURIComponent('{"forged":true}')}`]) {
      const res = await get(callback, cookie ? { headers: { cookie } } : {});
      expect(refused(new URL(res.headers.get('location')!))).toBe('social_state');
    }
    expect((await api('/api/v1/accounts/lookup?acct=oscar_csrf')).status).toBe(404);
  });

  test('an unknown or unconfigured provider is a 404', async () => {
    for (const path of ['/oauth/social/myspace/start', '/oauth/social/facebook/start', '/oauth/social/apple/callback?code=x&state=y']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'Unknown or unconfigured social login provider' });
    }
  });
});

describe('the providers list', () => {
  test('offers exactly the configured providers', async () => {
    const res = await api('/api/v1/auth/providers');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ providers: [{ id: 'google', name: 'Google', start_url: '/oauth/social/google/start' }] });
  });

  test('is empty on a server without social credentials', async () => {
    const plain = sharedServer();
    const res = await fetch(`${plain.url}/api/v1/auth/providers`);
    expect(await res.json()).toEqual({ providers: [] });
    expect((await fetch(`${plain.url}/oauth/social/google/start`, { redirect: 'manual' })).status).toBe(404);
  });
});
