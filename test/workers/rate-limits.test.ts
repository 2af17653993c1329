/**
 * The API's request budgets (docs/security.md) under low limits of this file's own: the Worker
 * is called with the suite's bindings plus RATE_LIMIT_* overrides, the way a deployment sets them.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, dispatch, freshIp, json, signUp, type TestUser } from './helpers';

type Limits = Partial<Record<'RATE_LIMIT_WINDOW_SECONDS' | 'RATE_LIMIT_READS' | 'RATE_LIMIT_WRITES' | 'RATE_LIMIT_POSTS', string>>;

/**
 * A deployment with these limits: one env object, so its configuration is parsed once. Windows
 * are fixed (aligned to the clock), so a test that crossed a window's end would start counting
 * afresh half way: with a minute's window that happened whenever a test's ~2 s straddled its end
 * (about 1 run in 30); a day's window makes it a once-a-day instant.
 */
function deployment(limits: Limits) {
  const configured = { ...env, RATE_LIMIT_WINDOW_SECONDS: '86400', RATE_LIMIT_READS: '1000', RATE_LIMIT_WRITES: '1000', RATE_LIMIT_POSTS: '1000', ...limits };
  return async (path: string, o: { method?: string; user?: TestUser; ip: string; json?: unknown }): Promise<Response> => {
    const headers = new Headers({ 'cf-connecting-ip': o.ip });
    if (o.user) headers.set('authorization', `Bearer ${o.user.token}`);
    if (o.json !== undefined) headers.set('content-type', 'application/json');
    return dispatch(new Request(`${BASE}${path}`, { method: o.method ?? 'GET', headers, body: o.json === undefined ? undefined : JSON.stringify(o.json) }), configured);
  };
}

/** A cheap write of the `write` class: changing one's display name. */
const rename = (user: TestUser, ip: string) => ({ method: 'PATCH', user, ip, json: { display_name: 'Renamed' } });

describe('API rate limits', () => {
  it('limits writes per account, whatever address they come from, with 429, Retry-After and X-RateLimit-* headers', async () => {
    const call = deployment({ RATE_LIMIT_WRITES: '3' });
    const ann = await signUp();
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await call('/api/v1/accounts/update_credentials', rename(ann, freshIp()));
      expect(ok.status).toBe(200);
      remaining.push(ok.headers.get('x-ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await call('/api/v1/accounts/update_credentials', rename(ann, freshIp()));
    expect(refused.status).toBe(429);
    expect(await json(refused)).toEqual({ error: expect.stringMatching(/too many requests/i) });
    expect(refused.headers.get('x-ratelimit-limit')).toBe('3');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Date.parse(refused.headers.get('x-ratelimit-reset')!);
    const retryAfter = Number(refused.headers.get('retry-after'));
    // Retry-After is the wait until the window's end, in whole seconds rounded up.
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(Math.abs(retryAfter - (reset - Date.now()) / 1000)).toBeLessThan(2);
    // A web client on another origin can read the refusal (CORS headers are on errors too).
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('limits writes per address across accounts, and other accounts elsewhere are unaffected', async () => {
    const call = deployment({ RATE_LIMIT_WRITES: '3' });
    const [ann, bob, cat] = await Promise.all([signUp(), signUp(), signUp()]);
    const shared = freshIp();
    expect((await call('/api/v1/accounts/update_credentials', rename(ann, shared))).status).toBe(200);
    expect((await call('/api/v1/accounts/update_credentials', rename(ann, shared))).status).toBe(200);
    expect((await call('/api/v1/accounts/update_credentials', rename(bob, shared))).status).toBe(200);
    // Bob has written once, but the address has written three times.
    expect((await call('/api/v1/accounts/update_credentials', rename(bob, shared))).status).toBe(429);
    // Bob from another address still has his own budget; so has Cat.
    expect((await call('/api/v1/accounts/update_credentials', rename(bob, freshIp()))).status).toBe(200);
    expect((await call('/api/v1/accounts/update_credentials', rename(cat, freshIp()))).status).toBe(200);
    // Anonymous writes count against the address too.
    expect((await call('/api/v1/apps', { method: 'POST', ip: shared, json: { client_name: 'x', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob' } })).status).toBe(429);
  });

  it('gives reads a budget of their own, more generous than writes', async () => {
    const call = deployment({ RATE_LIMIT_WRITES: '2', RATE_LIMIT_READS: '6' });
    const ann = await signUp();
    const ip = freshIp();
    for (let i = 0; i < 2; i++) expect((await call('/api/v1/accounts/update_credentials', rename(ann, ip))).status).toBe(200);
    expect((await call('/api/v1/accounts/update_credentials', rename(ann, ip))).status).toBe(429);
    // Writes spent; reads still go through, up to their own limit (signing up read once already).
    const first = await call('/api/v1/accounts/verify_credentials', { user: ann, ip });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('6');
    const left = Number(first.headers.get('x-ratelimit-remaining'));
    expect(left).toBeGreaterThanOrEqual(3);
    for (let i = left; i > 0; i--) {
      const read = await call('/api/v1/accounts/verify_credentials', { user: ann, ip });
      expect(read.status).toBe(200);
      expect(read.headers.get('x-ratelimit-remaining')).toBe(String(i - 1));
    }
    const refused = await call('/api/v1/accounts/verify_credentials', { user: ann, ip });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('gives posting a smaller budget than other writes', async () => {
    const call = deployment({ RATE_LIMIT_POSTS: '1', RATE_LIMIT_WRITES: '10' });
    const ann = await signUp();
    const ip = freshIp();
    expect((await call('/api/v1/statuses', { method: 'POST', user: ann, ip, json: { status: 'one' } })).status).toBe(200);
    expect((await call('/api/v1/statuses', { method: 'POST', user: ann, ip, json: { status: 'two' } })).status).toBe(429);
    expect((await call('/api/v1/accounts/update_credentials', rename(ann, ip))).status).toBe(200);
  });

  it('opens the budget again when the window ends', async () => {
    const call = deployment({ RATE_LIMIT_WINDOW_SECONDS: '2', RATE_LIMIT_WRITES: '1' });
    const ann = await signUp();
    const ip = freshIp();
    // Start at the beginning of a window, so the second request falls in the same one.
    await new Promise((r) => setTimeout(r, 2000 - (Date.now() % 2000) + 20));
    expect((await call('/api/v1/accounts/update_credentials', rename(ann, ip))).status).toBe(200);
    const refused = await call('/api/v1/accounts/update_credentials', rename(ann, ip));
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, Date.parse(refused.headers.get('x-ratelimit-reset')!) - Date.now() + 20));
    expect((await call('/api/v1/accounts/update_credentials', rename(ann, ip))).status).toBe(200);
  });

  it('never limits /healthz or the payment provider’s webhooks', async () => {
    const call = deployment({ RATE_LIMIT_READS: '1', RATE_LIMIT_WRITES: '1' });
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect((await call('/healthz', { ip })).status).toBe(200);
    // A webhook with no signature is refused as such (400), never as 429.
    for (let i = 0; i < 3; i++) expect((await call('/api/v1/payments/webhooks/test', { method: 'POST', ip, json: { id: 'evt', type: 'x' } })).status).toBe(400);
  });
});
