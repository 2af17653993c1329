/**
 * Authentication in two steps. The middleware checks the bearer token's signature and expiry
 * (no I/O); `on()` then confirms the session in D1 before the handler runs — or, for a route
 * that reads in one statement, lets the handler confirm it inside that statement
 * (`confirmCaller`), saving the request a round trip. Scope and role requirements are checked
 * here.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Endpoint } from '../../../shared/api/endpoint';
import { scopeSatisfies, parseScopes } from '../../../shared/scopes';
import { type SessionRows, callerOf, readSession, verifyToken } from '../auth/sessions.service';
import { markActive } from '../analytics/track';
import type { AppEnv, Caller } from '../context';
import { refuseSuspended } from '../admin/suspension';
import { forbidden, unauthorized } from '../lib/errors';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/** Reads the Authorization header; a token that is presented must be well-formed, signed here and unexpired. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = bearerToken(c.req.header('authorization'));
  c.set('caller', null);
  c.set('claims', null);
  if (token) {
    const claims = await verifyToken(c.var, token);
    if (!claims) throw unauthorized();
    c.set('claims', claims);
  }
  await next();
};

/** Confirms the token's session in D1 (revoked sessions and deleted accounts stop here). */
export async function establishCaller(c: Context<AppEnv>): Promise<void> {
  const claims = c.var.claims;
  if (claims) confirmCaller(c, await readSession(c.var.db, claims));
}

/** Sets the caller from the session rows (`readSession`, `sessionSelect`), or refuses the request (a suspended account's tokens: 403). */
export function confirmCaller(c: Context<AppEnv>, rows: SessionRows): Caller {
  const caller = callerOf(rows);
  if (!caller) throw unauthorized();
  if (caller.account) refuseSuspended(caller.account);
  c.set('caller', caller);
  // A person's authenticated request makes them active today (DAU/MAU): one write a day at most, after the response.
  if (caller.account && caller.account.kind !== 'agent') markActive(c, caller.account.id);
  return caller;
}

/** On a `sessionWithRead` route: confirms the session the route read with its data, for the account its token named. */
export function confirmSessionRead(c: Context<AppEnv>, rows: SessionRows): void {
  if (confirmCaller(c, rows).account?.id !== (c.var.claims?.sub ?? null)) throw unauthorized();
}

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

/**
 * The same requirements checked on the token's claims alone, for a route whose handler confirms
 * the session with its read; the account id is the token's subject until then.
 */
export function requireClaims(c: Context<AppEnv>, ep: Endpoint): string | null {
  const claims = c.var.claims;
  if (ep.role) throw new Error(`${ep.path}: a route with a role requirement confirms the session first`);
  if (!claims) {
    if (ep.auth === 'public') return null;
    throw unauthorized('The access token is invalid');
  }
  if (ep.scope && !scopeSatisfies(parseScopes(claims.scope), ep.scope)) throw forbidden('This action is outside the authorized scopes');
  if (ep.auth === 'user' && !claims.sub) throw forbidden('This method requires an authenticated user');
  return claims.sub ?? null;
}
