/** Mastodon's Web Push subscription API: one subscription per access token, alerts and policy, scope and validation. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type Env, loadConfig } from '../../workers/env';
import { call, count, json, login, scopedToken, signUp } from './helpers';
import { pushBrowser } from './push-receiver';

const PATH = '/api/v1/push/subscription';

function form(endpoint: string, extra: Record<string, string> = {}): Record<string, string> {
  const { keys } = pushBrowser();
  return { 'subscription[endpoint]': endpoint, 'subscription[keys][p256dh]': keys.p256dh, 'subscription[keys][auth]': keys.auth, ...extra };
}

describe('push subscription API', () => {
  it('creates from a form with alerts and policy, and returns the VAPID key as server_key', async () => {
    const user = await signUp();
    const res = await call(PATH, { token: user.token, form: form('https://push.example/a', { 'data[alerts][mention]': 'true', 'data[alerts][favourite]': '1', 'data[alerts][reaction]': 'true', 'data[policy]': 'followed' }) });
    expect(res.status).toBe(200);
    const sub = await json(res);
    expect(sub).toMatchObject({ endpoint: 'https://push.example/a', standard: true, policy: 'followed', server_key: env.VAPID_PUBLIC_KEY });
    expect(sub.id).toMatch(/^\d+$/);
    expect(sub.alerts).toEqual({ mention: true, status: false, reblog: false, follow: false, follow_request: false, favourite: true, poll: false, update: false, reaction: true, moderation: false, live: false, export: false, moderation_warning: false });
    expect(await json(await call(PATH, { token: user.token }))).toEqual(sub);
    // The instance advertises the same key, for clients that subscribe before creating one.
    expect((await json(await call('/api/v2/instance'))).configuration.vapid.public_key).toBe(env.VAPID_PUBLIC_KEY);
  });

  it('accepts JSON with standard base64 keys, and defaults to no alerts and policy all', async () => {
    const user = await signUp();
    const { keys } = pushBrowser();
    const std = (s: string) => Buffer.from(s, 'base64url').toString('base64');
    const res = await call(PATH, { token: user.token, json: { subscription: { endpoint: 'https://push.example/json', keys: { p256dh: std(keys.p256dh), auth: std(keys.auth) } } } });
    expect(res.status).toBe(200);
    const sub = await json(res);
    expect(sub.policy).toBe('all');
    expect(Object.values(sub.alerts).every((v) => v === false)).toBe(true);
  });

  it('keeps one subscription per token: a second POST replaces the first; another token has its own', async () => {
    const user = await signUp();
    const first = await json(await call(PATH, { token: user.token, form: form('https://push.example/1') }));
    const second = await json(await call(PATH, { token: user.token, form: form('https://push.example/2', { 'data[alerts][follow]': 'true' }) }));
    expect(second.id).not.toBe(first.id);
    expect((await json(await call(PATH, { token: user.token }))).endpoint).toBe('https://push.example/2');
    expect(await count('push_subscriptions', 'account_id = ?', user.id)).toBe(1);

    const other = (await json(await login(user.username, user.password))).access_token as string;
    expect((await call(PATH, { token: other })).status).toBe(404);
    await call(PATH, { token: other, form: form('https://push.example/other') });
    expect(await count('push_subscriptions', 'account_id = ?', user.id)).toBe(2);
    expect((await json(await call(PATH, { token: user.token }))).endpoint).toBe('https://push.example/2');
  });

  it('updates only the data part; alerts left out are turned off; top-level policy works too', async () => {
    const user = await signUp();
    const created = await json(await call(PATH, { token: user.token, form: form('https://push.example/u', { 'data[alerts][mention]': 'true', 'data[alerts][follow]': 'true' }) }));
    const res = await call(PATH, { method: 'PUT', token: user.token, json: { data: { alerts: { favourite: true } }, policy: 'none', subscription: { endpoint: 'https://evil.example' } } });
    expect(res.status).toBe(200);
    const updated = await json(res);
    expect(updated).toMatchObject({ id: created.id, endpoint: 'https://push.example/u', policy: 'none' });
    expect(updated.alerts).toMatchObject({ mention: false, follow: false, favourite: true });
    const form2 = await json(await call(PATH, { method: 'PUT', token: user.token, form: { 'data[alerts][poll]': 'true', 'data[policy]': 'follower' } }));
    expect(form2).toMatchObject({ policy: 'follower', alerts: { poll: true, favourite: false } });
  });

  it('deletes, and deleting again is still 200; get and update then answer 404', async () => {
    const user = await signUp();
    await call(PATH, { token: user.token, form: form('https://push.example/d') });
    expect((await call(PATH, { method: 'DELETE', token: user.token })).status).toBe(200);
    expect(await json(await call(PATH, { method: 'DELETE', token: user.token }))).toEqual({});
    expect((await call(PATH, { token: user.token })).status).toBe(404);
    expect((await call(PATH, { method: 'PUT', token: user.token, form: { 'data[policy]': 'all' } })).status).toBe(404);
  });

  it('refuses bad subscriptions with 422 field errors and stores nothing', async () => {
    const user = await signUp();
    const { keys } = pushBrowser();
    const cases: [Record<string, unknown>, string][] = [
      [{ subscription: { keys } }, 'subscription.endpoint'],
      [{ subscription: { endpoint: 'ftp://push.example/x', keys } }, 'subscription.endpoint'],
      [{ subscription: { endpoint: 'https://push.example/x', keys: { ...keys, p256dh: 'not a key' } } }, 'subscription.keys.p256dh'],
      [{ subscription: { endpoint: 'https://push.example/x', keys: { ...keys, p256dh: Buffer.alloc(65, 1).toString('base64url') } } }, 'subscription.keys.p256dh'],
      [{ subscription: { endpoint: 'https://push.example/x', keys: { ...keys, auth: Buffer.alloc(8).toString('base64url') } } }, 'subscription.keys.auth'],
      [{ subscription: { endpoint: 'https://push.example/x', keys }, data: { policy: 'friends' } }, 'data.policy'],
      [{ subscription: { endpoint: 'https://push.example/x', keys }, data: { alerts: { mention: 'maybe' } } }, 'data.alerts.mention'],
      [{ subscription: { endpoint: 'https://push.example/x', keys, standard: false } }, 'subscription.standard'],
    ];
    for (const [body, field] of cases) {
      const res = await call(PATH, { token: user.token, json: body });
      expect(res.status, field).toBe(422);
      expect(Object.keys((await json(res)).details), field).toContain(field);
    }
    expect(await count('push_subscriptions', 'account_id = ?', user.id)).toBe(0);
  });

  it('needs a user token with the push scope: 401 without a token, 403 with read/write only', async () => {
    const user = await signUp();
    expect((await call(PATH, { form: form('https://push.example/n') })).status).toBe(401);
    const readWrite = await scopedToken(user, 'read write');
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      const res = await call(PATH, { method, token: readWrite, ...(method !== 'GET' && { form: form('https://push.example/n') }) });
      expect(res.status, method).toBe(403);
    }
    const pushOnly = await scopedToken(user, 'push');
    expect((await call(PATH, { token: pushOnly, form: form('https://push.example/p') })).status).toBe(200);
  });

  it('is deleted when its token is revoked: logout or OAuth revoke', async () => {
    const user = await signUp();
    const viaLogout = (await json(await login(user.username, user.password))).access_token as string;
    await call(PATH, { token: viaLogout, form: form('https://push.example/logout') });
    await call(PATH, { token: user.token, form: form('https://push.example/revoke') });
    expect(await count('push_subscriptions', 'account_id = ?', user.id)).toBe(2);

    expect((await call('/api/v1/auth/logout', { method: 'POST', token: viaLogout })).status).toBe(200);
    expect(await count('push_subscriptions', "account_id = ? AND endpoint = 'https://push.example/logout'", user.id)).toBe(0);

    expect((await call('/oauth/revoke', { json: { client_id: user.app.clientId, client_secret: user.app.clientSecret, token: user.token } })).status).toBe(200);
    expect(await count('push_subscriptions', 'account_id = ?', user.id)).toBe(0);
  });

  it('refuses to start in production with the development VAPID key, or with a malformed one', () => {
    const withVars = (vars: Record<string, string>) => ({ ...env, JWT_SECRET: 'a production secret of more than 32 characters', DEV_MAILBOX: 'false', ...vars }) as unknown as Env;
    expect(() => loadConfig(withVars({ ENVIRONMENT: 'production' }))).toThrow(/VAPID_PUBLIC_KEY/);
    expect(() => loadConfig(withVars({ VAPID_PRIVATE_KEY: 'short' }))).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => loadConfig(withVars({ VAPID_SUBJECT: 'someone' }))).toThrow(/VAPID_SUBJECT/);
    expect(loadConfig(withVars({})).VAPID_PUBLIC_KEY).toBe(env.VAPID_PUBLIC_KEY);
  });
});
