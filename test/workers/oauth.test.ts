import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { appToken, call, count, json, login, registerApp, signUp } from './helpers';

const REDIRECT = 'https://client.example/callback';

async function pkcePair() {
  const verifier = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(48)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const challenge = btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return { verifier, challenge };
}

/** A user approves `app` on the consent page; returns the code from the redirect. */
async function authorize(app: { clientId: string }, userToken: string, extra: Record<string, unknown> = {}) {
  const res = await call('/api/v1/oauth/authorize', {
    token: userToken,
    json: { response_type: 'code', client_id: app.clientId, redirect_uri: REDIRECT, scope: 'read write', state: 'xyz', approve: true, ...extra },
  });
  expect(res.status).toBe(200);
  const { redirect_to } = await json(res);
  const url = new URL(redirect_to);
  return { url, code: url.searchParams.get('code')! };
}

describe('POST /api/v1/apps', () => {
  it('registers an app from JSON and returns its credentials once', async () => {
    const res = await call('/api/v1/apps', { json: { client_name: 'Tusky', redirect_uris: REDIRECT, scopes: 'read write', website: 'https://tusky.app' } });
    expect(res.status).toBe(200);
    const app = await json(res);
    expect(app).toMatchObject({ name: 'Tusky', website: 'https://tusky.app', scopes: ['read', 'write'], redirect_uris: [REDIRECT], redirect_uri: REDIRECT });
    expect(app.client_id).toBeTruthy();
    expect(app.client_secret).toBeTruthy();
    const stored = await env.DB.prepare('SELECT client_secret_hash FROM oauth_apps WHERE id = ?').bind(app.id).first<{ client_secret_hash: string }>();
    expect(stored!.client_secret_hash).not.toBe(app.client_secret);
  });

  it('accepts a form with redirect_uris[] arrays, as Mastodon does', async () => {
    const body = new URLSearchParams();
    body.append('client_name', 'Form app');
    body.append('redirect_uris[]', REDIRECT);
    body.append('redirect_uris[]', 'urn:ietf:wg:oauth:2.0:oob');
    const res = await call('/api/v1/apps', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect((await json(res)).redirect_uris).toEqual([REDIRECT, 'urn:ietf:wg:oauth:2.0:oob']);
  });

  it('accepts multipart and query-string parameters too', async () => {
    const form = new FormData();
    form.set('client_name', 'Multipart app');
    form.set('redirect_uris', REDIRECT);
    expect((await call('/api/v1/apps', { multipart: form })).status).toBe(200);
    const res = await call(`/api/v1/apps?client_name=Query&redirect_uris=${encodeURIComponent(REDIRECT)}`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await json(res)).scopes).toEqual(['read']);
  });

  it('rejects a missing name, a bad redirect URI and unknown scopes with field errors', async () => {
    const missing = await call('/api/v1/apps', { json: { redirect_uris: REDIRECT } });
    expect(missing.status).toBe(422);
    expect((await json(missing)).details.client_name[0].error).toBe('ERR_BLANK');
    const badUri = await call('/api/v1/apps', { json: { client_name: 'x', redirect_uris: 'not a uri' } });
    expect(badUri.status).toBe(422);
    expect((await json(badUri)).details).toHaveProperty('redirect_uris');
    const badScope = await call('/api/v1/apps', { json: { client_name: 'x', redirect_uris: REDIRECT, scopes: 'read launch:missiles' } });
    expect(badScope.status).toBe(422);
    expect((await json(badScope)).error).toContain('launch:missiles');
    expect(await count('oauth_apps', "name = 'x'")).toBe(0);
  });
});

describe('client_credentials', () => {
  it('issues an app token that verifies as the app', async () => {
    const app = await registerApp('read write');
    const token = await appToken(app, 'read');
    const res = await call('/api/v1/apps/verify_credentials', { token });
    expect(res.status).toBe(200);
    expect((await json(res)).scopes).toEqual(['read', 'write']);
  });

  it('accepts HTTP Basic client authentication', async () => {
    const app = await registerApp('read');
    const res = await call('/oauth/token', { form: { grant_type: 'client_credentials' }, headers: { authorization: `Basic ${btoa(`${app.clientId}:${app.clientSecret}`)}` } });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong secret with invalid_client and scopes beyond the app with invalid_scope', async () => {
    const app = await registerApp('read');
    const wrong = await call('/oauth/token', { json: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: 'nope' } });
    expect(wrong.status).toBe(401);
    expect((await json(wrong)).error).toBe('invalid_client');
    const wide = await call('/oauth/token', { json: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: 'write' } });
    expect(wide.status).toBe(400);
    expect((await json(wide)).error).toBe('invalid_scope');
  });

  it('answers an unknown grant type with unsupported_grant_type', async () => {
    const app = await registerApp();
    const res = await call('/oauth/token', { json: { grant_type: 'password', client_id: app.clientId, client_secret: app.clientSecret } });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toBe('unsupported_grant_type');
  });
});

describe('authorization code with PKCE', () => {
  it('shows the consent page what is asked, and rejects an unregistered redirect URI', async () => {
    const app = await registerApp('read write', REDIRECT);
    const q = new URLSearchParams({ response_type: 'code', client_id: app.clientId, redirect_uri: REDIRECT, scope: 'read' });
    const info = await call(`/api/v1/oauth/authorize?${q}`);
    expect(info.status).toBe(200);
    expect(await json(info)).toMatchObject({ scopes: ['read'], redirect_uri: REDIRECT, first_party: false });
    q.set('redirect_uri', 'https://evil.example/steal');
    const evil = await call(`/api/v1/oauth/authorize?${q}`);
    expect(evil.status).toBe(400);
    q.set('redirect_uri', REDIRECT);
    q.set('scope', 'admin:write');
    expect((await call(`/api/v1/oauth/authorize?${q}`)).status).toBe(400);
  });

  it('serves the consent page of the web client at /oauth/authorize', async () => {
    const res = await call('/oauth/authorize?response_type=code&client_id=x&redirect_uri=y');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<div id="root">');
  });

  it('serves profile pages (/@user) and status pages (/@user/:id) from the web client without a redirect', async () => {
    for (const path of ['/@alice', '/@alice/123456789']) {
      const res = await call(path, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('exchanges a code once, with the right verifier, for a user token with the approved scopes', async () => {
    const user = await signUp();
    const app = await registerApp('read write', REDIRECT);
    const { verifier, challenge } = await pkcePair();
    const { url, code } = await authorize(app, user.token, { code_challenge: challenge, code_challenge_method: 'S256' });
    expect(url.origin + url.pathname).toBe(REDIRECT);
    expect(url.searchParams.get('state')).toBe('xyz');

    const exchange = (v: string) => call('/oauth/token', { json: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: app.clientId, code_verifier: v } });
    const res = await exchange(verifier);
    expect(res.status).toBe(200);
    const token = await json(res);
    expect(token.scope).toBe('read write');
    const me = await json(await call('/api/v1/accounts/verify_credentials', { token: token.access_token }));
    expect(me.username).toBe(user.username);

    const again = await exchange(verifier);
    expect(again.status).toBe(400);
    expect((await json(again)).error).toBe('invalid_grant');
  });

  it('refuses a wrong or missing verifier and a different redirect URI', async () => {
    const user = await signUp();
    const app = await registerApp('read write', REDIRECT);
    const { challenge } = await pkcePair();
    const other = await pkcePair();
    const a = await authorize(app, user.token, { code_challenge: challenge });
    const wrong = await call('/oauth/token', { json: { grant_type: 'authorization_code', code: a.code, redirect_uri: REDIRECT, client_id: app.clientId, code_verifier: other.verifier } });
    expect((await json(wrong)).error).toBe('invalid_grant');
    const b = await authorize(app, user.token, { code_challenge: challenge });
    const none = await call('/oauth/token', { json: { grant_type: 'authorization_code', code: b.code, redirect_uri: REDIRECT, client_id: app.clientId, client_secret: app.clientSecret } });
    expect((await json(none)).error).toBe('invalid_grant');
    const c = await authorize(app, user.token);
    const moved = await call('/oauth/token', { json: { grant_type: 'authorization_code', code: c.code, redirect_uri: 'https://client.example/other', client_id: app.clientId, client_secret: app.clientSecret } });
    expect((await json(moved)).error).toBe('invalid_grant');
  });

  it('needs the client secret when no PKCE challenge was made', async () => {
    const user = await signUp();
    const app = await registerApp('read write', REDIRECT);
    const { code } = await authorize(app, user.token);
    const noSecret = await call('/oauth/token', { json: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: app.clientId } });
    expect(noSecret.status).toBe(401);
    const { code: code2 } = await authorize(app, user.token);
    const ok = await call('/oauth/token', { json: { grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT, client_id: app.clientId, client_secret: app.clientSecret } });
    expect(ok.status).toBe(200);
  });

  it('refuses an expired code', async () => {
    const user = await signUp();
    const app = await registerApp('read write', REDIRECT);
    const { code } = await authorize(app, user.token);
    await env.DB.prepare('UPDATE oauth_codes SET expires_at = 0').run();
    const res = await call('/oauth/token', { json: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: app.clientId, client_secret: app.clientSecret } });
    expect((await json(res)).error).toBe('invalid_grant');
  });

  it('sends the user back with access_denied when they refuse', async () => {
    const user = await signUp();
    const app = await registerApp('read', REDIRECT);
    const res = await call('/api/v1/oauth/authorize', { token: user.token, json: { response_type: 'code', client_id: app.clientId, redirect_uri: REDIRECT, state: 's1', approve: false } });
    const target = new URL((await json(res)).redirect_to);
    expect(target.searchParams.get('error')).toBe('access_denied');
    expect(target.searchParams.get('state')).toBe('s1');
    expect(await count('oauth_codes', 'account_id = ?', user.id)).toBe(0);
  });

  it('shows out-of-band codes on the native page', async () => {
    const user = await signUp();
    const app = await registerApp('read');
    const res = await call('/api/v1/oauth/authorize', { token: user.token, json: { response_type: 'code', client_id: app.clientId, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', scope: 'read', approve: true } });
    const target = new URL((await json(res)).redirect_to);
    expect(target.pathname).toBe('/oauth/authorize/native');
    expect(target.searchParams.get('code')).toBeTruthy();
  });

  it('requires a logged-in user to approve', async () => {
    const app = await registerApp('read', REDIRECT);
    const res = await call('/api/v1/oauth/authorize', { token: await appToken(app, 'read'), json: { response_type: 'code', client_id: app.clientId, redirect_uri: REDIRECT, approve: true } });
    expect(res.status).toBe(403);
  });
});

describe('refresh and revoke', () => {
  it('rotates refresh tokens and treats a rotated one as invalid', async () => {
    const user = await signUp();
    const refresh = (rt: string) => call('/oauth/token', { json: { grant_type: 'refresh_token', refresh_token: rt, client_id: user.app.clientId, client_secret: user.app.clientSecret } });
    const first = await refresh(user.refreshToken);
    expect(first.status).toBe(200);
    const next = await json(first);
    expect(next.refresh_token).not.toBe(user.refreshToken);
    expect((await call('/api/v1/accounts/verify_credentials', { token: next.access_token })).status).toBe(200);
    const replay = await refresh(user.refreshToken);
    expect(replay.status).toBe(400);
    expect((await json(replay)).error).toBe('invalid_grant');
  });

  it('does not let another app use a refresh token', async () => {
    const user = await signUp();
    const other = await registerApp();
    const res = await call('/oauth/token', { json: { grant_type: 'refresh_token', refresh_token: user.refreshToken, client_id: other.clientId, client_secret: other.clientSecret } });
    expect(res.status).toBe(400);
  });

  it('refreshes first-party web sessions with the public web client id', async () => {
    const user = await signUp();
    const session = await json(await login(user.username, user.password));
    const res = await call('/oauth/token', { json: { grant_type: 'refresh_token', refresh_token: session.refresh_token, client_id: 'smile-web' } });
    expect(res.status).toBe(200);
  });

  it('revokes a token: it stops working at once', async () => {
    const user = await signUp();
    const res = await call('/oauth/revoke', { json: { client_id: user.app.clientId, client_secret: user.app.clientSecret, token: user.token } });
    expect(res.status).toBe(200);
    const after = await call('/api/v1/accounts/verify_credentials', { token: user.token });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('does not let another app revoke a token', async () => {
    const user = await signUp();
    const other = await registerApp();
    await call('/oauth/revoke', { json: { client_id: other.clientId, client_secret: other.clientSecret, token: user.token } });
    expect((await call('/api/v1/accounts/verify_credentials', { token: user.token })).status).toBe(200);
  });
});

describe('discovery', () => {
  it('publishes OAuth server metadata with PKCE S256', async () => {
    const meta = await json(await call('/.well-known/oauth-authorization-server'));
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.token_endpoint).toMatch(/\/oauth\/token$/);
    expect(meta.scopes_supported).toContain('read:accounts');
  });
});
