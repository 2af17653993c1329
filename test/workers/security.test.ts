/** Security headers, CORS, /healthz and error reporting (docs/security.md). */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { API_CSP, API_DOCS_CSP, staticAssetHeadersFile, WEB_CLIENT_CSP } from '../../shared/security-headers';
import worker from '../../workers/index';
import { BASE, call, json, signUp } from './helpers';

/** The Worker with some bindings replaced (a failing database or bucket). */
async function callWith(bindings: Record<string, unknown>, path: string, headers: Record<string, string> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${path}`, { headers: { 'cf-connecting-ip': '192.0.2.9', ...headers } }), { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const failing = (what: string) =>
  new Proxy({}, {
    get: () => () => {
      throw new Error(`${what} is unavailable`);
    },
  });

describe('security headers', () => {
  it('sends a policy under which nothing runs on every JSON response', async () => {
    const res = await call('/api/v2/instance');
    expect(res.headers.get('content-security-policy')).toBe(API_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('serves the web client page the Worker renders under the strict web-client policy', async () => {
    const user = await signUp();
    const res = await call(`/@${user.username}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(WEB_CLIENT_CSP);
    expect(WEB_CLIENT_CSP).toContain("script-src 'self'");
    expect(WEB_CLIENT_CSP).not.toContain('unsafe');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('lets in no other origin than Stripe.js’s script, frames and API, and frames nothing else', () => {
    const directives = new Map(WEB_CLIENT_CSP.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
    const origins = [...directives].flatMap(([name, sources]) => sources.filter((s) => s.startsWith('https:')).map((s) => `${name} ${s}`));
    expect(origins.sort()).toEqual(['connect-src https://api.stripe.com', 'frame-src https://hooks.stripe.com', 'frame-src https://js.stripe.com', 'script-src https://js.stripe.com']);
    expect(directives.get('frame-src')).toEqual(['https://js.stripe.com', 'https://hooks.stripe.com']);
    expect(WEB_CLIENT_CSP).not.toMatch(/\*|http:/);
  });

  it('serves /api/docs under its own policy, and gives static assets the web-client headers through _headers', async () => {
    const docs = await call('/api/docs');
    expect(docs.headers.get('content-security-policy')).toBe(API_DOCS_CSP);
    const file = staticAssetHeadersFile();
    expect(file.startsWith('/*\n')).toBe(true);
    expect(file).toContain(`  Content-Security-Policy: ${WEB_CLIENT_CSP}\n`);
    expect(file).toContain('  X-Content-Type-Options: nosniff\n');
  });
});

describe('CORS', () => {
  it('answers a preflight from any origin with the headers Mastodon clients send, never with credentials', async () => {
    const res = await call('/api/v1/statuses', {
      method: 'OPTIONS',
      headers: { origin: 'https://elk.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const h of ['authorization', 'content-type', 'idempotency-key']) expect(allowed).toContain(h);
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('lets a page of another origin read API answers and their paging and rate-limit headers', async () => {
    const user = await signUp();
    const res = await call('/api/v1/accounts/verify_credentials', { token: user.token, headers: { origin: 'https://elk.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const exposed = res.headers.get('access-control-expose-headers')!;
    for (const h of ['Link', 'Retry-After', 'X-RateLimit-Remaining', 'X-Request-Id']) expect(exposed).toContain(h);
    // The token endpoint too: browser clients exchange their authorization code themselves.
    const token = await call('/oauth/token', { method: 'OPTIONS', headers: { origin: 'https://elk.example', 'access-control-request-method': 'POST' } });
    expect(token.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('grants no cross-origin access to the social-login flow, which runs on a cookie', async () => {
    const res = await call('/oauth/social/google/callback', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('/healthz', () => {
  it('reports every check and 200 when the database answers, even to a caller with a bad token', async () => {
    const res = await call('/healthz', { token: 'not-a-token' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await json(res)).toEqual({ status: 'ok', checks: { d1: { status: 'ok', ms: expect.any(Number) } } });
  });

  it('answers 503 naming the failing check when D1 does not answer, without its error text', async () => {
    const res = await callWith({ DB: failing('D1') }, '/healthz');
    expect(res.status).toBe(503);
    const body = await json(res);
    expect(body).toEqual({ status: 'fail', checks: { d1: { status: 'fail', ms: expect.any(Number) } } });
  });
});

describe('error reporting', () => {
  it('answers an unexpected failure with 500 and its request id, and keeps one counted report per failure', async () => {
    const key = `fuzz/${crypto.randomUUID()}.png`;
    const first = await callWith({ MEDIA: failing('R2') }, `/media/${key}`);
    expect(first.status).toBe(500);
    const body = await json(first);
    expect(body).toEqual({ error: 'Internal server error', request_id: first.headers.get('x-request-id') });
    const second = await callWith({ MEDIA: failing('R2') }, `/media/other-${key}`);
    expect(second.status).toBe(500);
    const rows = await env.DB.prepare(`SELECT route, method, message, stack, count, last_request_id FROM error_reports WHERE message LIKE '%R2 is unavailable%'`).all<Record<string, any>>();
    // Two paths of one route, one failure: one row, counted twice, naming the latest request.
    expect(rows.results).toHaveLength(1);
    expect(rows.results[0]).toMatchObject({ route: '/media/:key{.+}', method: 'GET', count: 2, last_request_id: (await json(second)).request_id });
    expect(rows.results[0]!.stack).toContain('R2 is unavailable');
  });
});
