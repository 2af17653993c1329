/** Test helpers: real requests into the Worker's own fetch handler, with the suite's real bindings; no mocks. */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../workers/index';

export const BASE = 'http://127.0.0.1:8787';

let counter = 0;
/** A name unique within the test run. */
export const unique = (prefix = 'user') => `${prefix}${Date.now().toString(36).slice(-5)}${(counter++).toString(36)}`;
/** A fresh client address, so rate limits of one test never leak into another. */
export const freshIp = () => `10.${counter++ % 250}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

export interface CallOptions {
  method?: string;
  token?: string | null;
  json?: unknown;
  form?: Record<string, string>;
  multipart?: FormData;
  body?: BodyInit;
  headers?: Record<string, string>;
  ip?: string;
}

/**
 * Hands `request` to the Worker's fetch handler with `bindings`, as workerd does, and waits for
 * its `waitUntil` work (analytics, error reports) so a test reads what the request left behind.
 * Not through `exports.default.fetch`: under vitest-pool-workers every such call cost more than
 * the one before (cloudflare/workers-sdk#15446; measured here: 12 ms a request for the first 200,
 * 600 ms by the 1,400th) — the pool wrapped the entrypoint's prototype in one more Proxy per
 * request, which scripts/patch-vitest-pool.mjs now does once; the direct call stays the cheaper path.
 */
export async function dispatch(request: Request, bindings: typeof env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export async function call(path: string, o: CallOptions = {}): Promise<Response> {
  const headers = new Headers(o.headers);
  if (o.token) headers.set('authorization', `Bearer ${o.token}`);
  headers.set('cf-connecting-ip', o.ip ?? '192.0.2.1');
  let body: BodyInit | undefined = o.body;
  if (o.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(o.json);
  } else if (o.form) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams(o.form).toString();
  } else if (o.multipart) {
    body = o.multipart;
  }
  const method = o.method ?? (body !== undefined ? 'POST' : 'GET');
  return dispatch(new Request(`${BASE}${path}`, { method, headers, body }));
}

export async function json<T = Record<string, any>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export interface TestApp {
  clientId: string;
  clientSecret: string;
  id: string;
}

export async function registerApp(scopes = 'read write follow push', redirectUris = 'urn:ietf:wg:oauth:2.0:oob'): Promise<TestApp> {
  const res = await call('/api/v1/apps', { json: { client_name: unique('app'), redirect_uris: redirectUris, scopes } });
  if (res.status !== 200) throw new Error(`app registration failed: ${res.status} ${await res.text()}`);
  const app = await json(res);
  return { clientId: app.client_id, clientSecret: app.client_secret, id: app.id };
}

export async function appToken(app: TestApp, scope = 'read write follow push'): Promise<string> {
  const res = await call('/oauth/token', { json: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope } });
  if (res.status !== 200) throw new Error(`client_credentials failed: ${res.status} ${await res.text()}`);
  return (await json(res)).access_token;
}

export interface TestUser {
  id: string;
  username: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
  app: TestApp;
}

/** Signs up through the Mastodon flow: app → app token → POST /api/v1/accounts. */
export async function signUp(overrides: Partial<{ username: string; email: string; password: string; scope: string }> = {}): Promise<TestUser> {
  const username = overrides.username ?? unique();
  const email = overrides.email ?? `${username}@example.com`;
  const password = overrides.password ?? 'correct horse battery';
  const app = await registerApp();
  const token = await appToken(app, overrides.scope);
  const res = await call('/api/v1/accounts', { token, json: { username, email, password, agreement: true, locale: 'en' }, ip: freshIp() });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const t = await json(res);
  const me = await json(await call('/api/v1/accounts/verify_credentials', { token: t.access_token }));
  return { id: me.id, username, email, password, token: t.access_token, refreshToken: t.refresh_token, app };
}

export async function login(loginName: string, password: string, ip = freshIp()): Promise<Response> {
  return call('/api/v1/auth/login', { json: { login: loginName, password }, ip });
}

export async function makeAdmin(accountId: string): Promise<void> {
  await env.DB.prepare(`UPDATE accounts SET role = 'admin' WHERE id = ?`).bind(accountId).run();
}

export async function count(table: string, where = '1 = 1', ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).bind(...binds).first<{ n: number }>();
  return row!.n;
}

/** The newest mail to an address, from the outbox (what the dev mailbox shows). */
export async function lastMail(to: string): Promise<{ subject: string; text_body: string; template: string }> {
  const row = await env.DB.prepare(`SELECT subject, text_body, template FROM outbox WHERE to_address = ? ORDER BY id DESC LIMIT 1`).bind(to.toLowerCase()).first<{ subject: string; text_body: string; template: string }>();
  if (!row) throw new Error(`no mail to ${to}`);
  return row;
}

export function linkToken(text: string): string {
  const match = /token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no link in mail: ${text}`);
  return match[1]!;
}

/** A valid 1×1 PNG. */
export const PNG_1X1 = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

/** Uploads `file` as `user` through POST /api/v2/media; returns the MediaAttachment entity. */
export async function uploadMedia(user: TestUser, file: Uint8Array = PNG_1X1): Promise<Record<string, any>> {
  const fd = new FormData();
  fd.set('file', new File([file as Uint8Array<ArrayBuffer>], 'f.bin'));
  const res = await call('/api/v2/media', { token: user.token, multipart: fd });
  if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return json(res);
}

/** The R2 key behind a `/media/...` URL. */
export const mediaKey = (url: string) => new URL(url).pathname.replace('/media/', '');

/** A token for `user` with only `scope`, obtained through the consent flow of a fresh app. */
export async function scopedToken(user: TestUser, scope: string): Promise<string> {
  const app = await registerApp(scope);
  const decision = await call('/api/v1/oauth/authorize', { token: user.token, json: { response_type: 'code', client_id: app.clientId, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', scope, approve: true } });
  const code = new URL((await json(decision)).redirect_to).searchParams.get('code');
  const res = await call('/oauth/token', { json: { grant_type: 'authorization_code', code, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', client_id: app.clientId, client_secret: app.clientSecret } });
  return (await json(res)).access_token;
}

/** Posts a status as `user`; returns the Status entity. */
export async function postStatus(user: TestUser, status: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Record<string, any>> {
  const res = await call('/api/v1/statuses', { token: user.token, json: { status, ...extra }, headers });
  if (res.status !== 200) throw new Error(`posting failed: ${res.status} ${await res.text()}`);
  return json(res);
}

/** Until the follows API exists in this suite's helpers, relationships are written directly. */
export async function relate(table: 'follows' | 'blocks' | 'mutes', accountId: string, targetId: string): Promise<void> {
  await env.DB.prepare(`INSERT INTO ${table} (account_id, target_id, id) VALUES (?, ?, ?)`).bind(accountId, targetId, `${Date.now()}${counter++}`).run();
}

/**
 * Polls `read` until `done` accepts its value, for what the queues deliver after the request
 * (home feeds, streams); fails with the last value after `ms`.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still not there after ${ms} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An agent created through the API by its owner (template Entertainer unless the body says otherwise). */
export async function createAgent(owner: TestUser, body: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await call('/api/v1/agents', { token: owner.token, json: { username: unique('bot'), template: 'entertainer', ...body } });
  if (res.status !== 200) throw new Error(`agent creation failed: ${res.status} ${await res.text()}`);
  return json(res);
}
