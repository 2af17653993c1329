/**
 * The authorization matrix: every endpoint contract is called without a token, with an
 * app-only token, with a token lacking its scope, and (for role-gated ones) as a person
 * holding the admin scopes but not the role. Endpoints added later are covered on arrival.
 */
import { describe, expect, it } from 'vitest';
import { allEndpoints } from '../../shared/api';
import type { Endpoint } from '../../shared/api/endpoint';
import { appToken, call, json, registerApp, scopedToken, signUp } from './helpers';

const pathOf = (ep: Endpoint) => ep.path.replace(/:(\w+)/g, '117000000000000000');
const hit = (ep: Endpoint, token: string | null) => call(pathOf(ep), { method: ep.method.toUpperCase(), token, ...(ep.method === 'get' ? {} : { json: {} }) });

const needsToken = allEndpoints.filter((e) => e.auth !== 'public');
const needsUser = allEndpoints.filter((e) => e.auth === 'user');
const scoped = allEndpoints.filter((e) => e.scope);
const roleGated = allEndpoints.filter((e) => e.role);

describe('authorization matrix', () => {
  it('has endpoints in every class', () => {
    expect([needsToken.length, needsUser.length, scoped.length, roleGated.length].every((n) => n > 0)).toBe(true);
  });

  it.each(needsToken.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e] as const))('%s without a token is 401', async (_, ep) => {
    const res = await hit(ep, null);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('every user endpoint refuses an app-only token with 403', async () => {
    const token = await appToken(await registerApp('read write follow push admin:read admin:write'), 'read write follow push admin:read admin:write');
    for (const ep of needsUser) {
      const res = await hit(ep, token);
      expect(res.status, `${ep.method} ${ep.path}`).toBe(403);
    }
  });

  it('every scoped endpoint refuses a token without its scope with 403', async () => {
    const user = await signUp();
    // Each endpoint is called with a token of another scope than its own.
    const pushOnly = await scopedToken(user, 'push');
    const followOnly = await scopedToken(user, 'follow');
    for (const ep of scoped) {
      const res = await hit(ep, ep.scope === 'push' ? followOnly : pushOnly);
      expect(res.status, `${ep.method} ${ep.path}`).toBe(403);
      expect((await json(res)).error).toBe('This action is outside the authorized scopes');
    }
  });

  it('every role-gated endpoint refuses a person who holds the admin scopes but not the role', async () => {
    const user = await signUp();
    const adminScoped = await scopedToken(user, 'admin:read admin:write');
    for (const ep of roleGated) {
      const res = await hit(ep, adminScoped);
      expect(res.status, `${ep.method} ${ep.path}`).toBe(403);
      expect((await json(res)).error).toMatch(/role/);
    }
  });
});
