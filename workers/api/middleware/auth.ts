/**
 * Resolves the bearer token to a caller (session + account + scopes) once per request, and
 * checks an endpoint's auth, scope and role requirements.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Endpoint } from '../../../shared/api/endpoint';
import { scopeSatisfies } from '../../../shared/scopes';
import { resolveSession } from '../auth/sessions.service';
import type { AppEnv } from '../context';
import { forbidden, unauthorized } from '../lib/errors';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/** Reads the Authorization header; a token that is presented must be valid. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = bearerToken(c.req.header('authorization'));
  c.set('caller', null);
  if (token) {
    const caller = await resolveSession(c.var, token);
    if (!caller) throw unauthorized();
    c.set('caller', caller);
  }
  await next();
};

const ROLE_RANK = { user: 0, moderator: 1, admin: 2 } as const;

export function requireCaller(c: Context<AppEnv>, ep: Endpoint): void {
  const caller = c.var.caller;
  if (!caller) {
    if (ep.auth === 'public') return;
    throw unauthorized('The access token is invalid');
  }
  if (ep.scope && !scopeSatisfies(caller.scopes, ep.scope)) {
    throw forbidden('This action is outside the authorized scopes');
  }
  if (ep.auth === 'user' && !caller.account) throw forbidden('This method requires an authenticated user');
  if (ep.role && ROLE_RANK[caller.account?.role ?? 'user'] < ROLE_RANK[ep.role]) throw forbidden(`This action requires the ${ep.role} role`);
}

