/**
 * Sessions: every token points at one. Creating a session issues an access token (JWT) and,
 * for user sessions, a refresh token (random, stored hashed). Revoking the session kills both.
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import { TOKEN_TTL } from '../../../shared/constants';
import { parseScopes } from '../../../shared/scopes';
import type { Token } from '../../../shared/schemas/oauth';
import type { Caller, Services } from '../context';
import { accounts, sessions } from '../db/schema';
import { randomToken, sha256 } from '../lib/crypto';
import { newId } from '../lib/ids';
import { tableRow } from '../lib/sql';
import { isSuspended } from '../admin/suspension';
import { cancelDeletionWrites } from '../privacy/cancel-on-login';
import { type AccessClaims, signAccessToken, verifyAccessToken } from './tokens';

type Deps = Pick<Services, 'db' | 'config'>;

export interface NewSession {
  accountId: string | null;
  appId: string | null;
  clientId?: string;
  scopes: string[];
  userAgent?: string | null;
  ip?: string | null;
  /** Set when the login itself proved the second factor (`mfa/`). */
  mfaVerifiedAt?: number;
}

function issuer(deps: Deps): string {
  return deps.config.PUBLIC_URL;
}

async function issue(deps: Deps, sessionId: string, s: NewSession, refreshToken: string | null, createdAt: number): Promise<Token> {
  const scope = s.scopes.join(' ');
  const access = await signAccessToken(deps.config.JWT_SECRET, issuer(deps), {
    sid: sessionId,
    scope,
    ...(s.accountId ? { sub: s.accountId } : {}),
    ...(s.clientId ? { client_id: s.clientId } : {}),
  });
  return {
    access_token: access,
    token_type: 'Bearer',
    scope,
    created_at: Math.floor(createdAt / 1000),
    expires_in: TOKEN_TTL.accessSeconds,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
}

/**
 * Builds a new session: its tokens, and the insert that stores it, to run alone or in the
 * batch of a larger write (sign-up). App-only sessions get no refresh token.
 */
export async function prepareSession(deps: Deps, s: NewSession) {
  const id = newId();
  const now = Date.now();
  const refresh = s.accountId ? randomToken() : null;
  const insert = deps.db.insert(sessions).values({
    id,
    accountId: s.accountId,
    appId: s.appId,
    scopes: s.scopes.join(' '),
    refreshTokenHash: refresh ? await sha256(refresh) : null,
    userAgent: s.userAgent?.slice(0, 255) ?? null,
    ip: s.ip ?? null,
    createdAt: now,
    expiresAt: now + TOKEN_TTL.refreshSeconds * 1000,
    mfaVerifiedAt: s.mfaVerifiedAt ?? null,
  });
  return { id, insert, token: await issue(deps, id, s, refresh, now) };
}

export async function createSession(deps: Deps, s: NewSession): Promise<Token> {
  const { insert, token } = await prepareSession(deps, s);
  // A login during a deletion's grace period cancels the deletion.
  if (s.accountId) await deps.db.batch([insert, ...cancelDeletionWrites(deps.db, s.accountId)]);
  else await insert;
  return token;
}

/**
 * Trades a refresh token for new tokens. The refresh token rotates: the old one stops working,
 * and presenting a rotated one again is treated as theft, so the session is revoked.
 */
export async function refreshSession(deps: Deps, refreshToken: string, appId: string | null, clientId: string): Promise<Token | null> {
  const hash = await sha256(refreshToken);
  const [row] = await deps.db.select().from(sessions).where(eq(sessions.refreshTokenHash, hash)).limit(1);
  if (!row || row.appId !== appId || row.revokedAt || row.expiresAt < Date.now()) return null;
  const next = randomToken();
  const now = Date.now();
  const updated = await deps.db
    .update(sessions)
    .set({ refreshTokenHash: await sha256(next), lastUsedAt: now, expiresAt: now + TOKEN_TTL.refreshSeconds * 1000 })
    .where(and(eq(sessions.id, row.id), eq(sessions.refreshTokenHash, hash), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  if (updated.length === 0) return null;
  return issue(deps, row.id, { accountId: row.accountId, appId: row.appId, clientId, scopes: parseScopes(row.scopes) }, next, now);
}

/** Resolves an access token to its caller, or null if the token or its session is no longer valid or its account is suspended. */
export async function resolveSession(deps: Deps, token: string): Promise<Caller | null> {
  const claims = await verifyToken(deps, token);
  const caller = claims ? callerOf(await readSession(deps.db, claims)) : null;
  return caller?.account && isSuspended(caller.account) ? null : caller;
}

/** The claims of a well-formed, unexpired access token signed by this instance; the session may still be revoked. */
export function verifyToken(deps: Deps, token: string): Promise<AccessClaims | null> {
  return verifyAccessToken(deps.config.JWT_SECRET, issuer(deps), token);
}

/** The session a token names and its account: a select that can also ride with others in one statement (`lib/one-trip.ts`). */
export function sessionSelect(db: Services['db'], claims: AccessClaims) {
  return db.select({ session: sessions, account: accounts }).from(sessions).leftJoin(accounts, eq(accounts.id, sessions.accountId)).where(eq(sessions.id, claims.sid)).limit(1);
}

export type SessionRows = Awaited<ReturnType<typeof sessionSelect>>;

const sessionPart = tableRow(sessions, 'se');
const accountPart = tableRow(accounts, 'a');
/**
 * `sessionSelect` as a statement built once per isolate, its row one JSON array (the two tables'
 * column names would collide in a batch's row objects) decoded by position: every signed-in
 * request reads it, and drizzle built its ~80 columns anew each time (docs/architecture.md,
 * "What signing in costs").
 */
const SESSION_SQL = `SELECT json_array(${[...sessionPart.columns, ...accountPart.columns].join(', ')}) AS row
FROM sessions se LEFT JOIN accounts a ON a.id = se.account_id WHERE se.id = ? LIMIT 1`;

/** The session statement, for a batch (`sessionRows` reads its answer). */
export function sessionStatement(d1: D1Database, claims: AccessClaims): D1PreparedStatement {
  return d1.prepare(SESSION_SQL).bind(claims.sid);
}

export function sessionRows(results: readonly { row: string }[]): SessionRows {
  return results.map(({ row }) => {
    const values = JSON.parse(row) as unknown[];
    return { session: sessionPart.decode(values)!, account: accountPart.decode(values, sessionPart.columns.length) };
  });
}

export async function readSession(db: Services['db'], claims: AccessClaims): Promise<SessionRows> {
  return sessionRows((await sessionStatement(db.$client, claims).all<{ row: string }>()).results);
}

/** The caller, if the session is live: not revoked, not expired, and its account (if any) still there. */
export function callerOf(rows: SessionRows): Caller | null {
  const [row] = rows;
  if (!row || row.session.revokedAt || row.session.expiresAt < Date.now()) return null;
  if (row.session.accountId && !row.account) return null;
  return { sessionId: row.session.id, appId: row.session.appId, account: row.account, scopes: parseScopes(row.session.scopes) };
}

export async function revokeSession(deps: Deps, sessionId: string): Promise<void> {
  await deps.db.update(sessions).set({ revokedAt: Date.now() }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Revokes every session of an account, except `keep` (the caller's own, on password change). */
export async function revokeAccountSessions(deps: Deps, accountId: string, keep?: string): Promise<void> {
  const where = keep
    ? and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt), ne(sessions.id, keep))
    : and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt));
  await deps.db.update(sessions).set({ revokedAt: Date.now() }).where(where);
}

/** Revokes the session an access or refresh token belongs to, if it was issued to `appId`. */
export async function revokeToken(deps: Deps, token: string, appId: string): Promise<void> {
  const claims = await verifyAccessToken(deps.config.JWT_SECRET, issuer(deps), token);
  const [row] = claims
    ? await deps.db.select().from(sessions).where(eq(sessions.id, claims.sid)).limit(1)
    : await deps.db.select().from(sessions).where(eq(sessions.refreshTokenHash, await sha256(token))).limit(1);
  if (row && row.appId === appId) await revokeSession(deps, row.id);
}
