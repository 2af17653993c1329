/**
 * The owner matrix's machinery (see authorization-registry.ts for the registry itself): the
 * people every call is made as, the runner that calls one contract as each of them, and the
 * leak checks applied to every successful response.
 */
import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { allEndpoints } from '../../shared/api';
import type { Endpoint } from '../../shared/api/endpoint';
import { type TestUser, call, json, scopedToken, signUp } from './helpers';
import { enrol } from './mfa.helpers';

export const CALLERS = ['anonymous', 'other', 'owner', 'moderator', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];

/** The people of one test file: the owner of every fixture, an outsider, and the two roles. */
export interface World {
  owner: TestUser;
  other: TestUser;
  moderator: TestUser;
  admin: TestUser;
  /** A third person, for objects that need one (group chats, follows, buyers). */
  friend: TestUser;
  /** A fourth, who is only ever added to something (a chat): never a caller. */
  bystander: TestUser;
  /** Texts of the owner's private, followers-only and direct statuses: never shown to anyone else. */
  secrets: Set<string>;
  /** The outsider's second factor, enrolled so that its secret and codes exist to be leaked. */
  mfa: { secret: string; recoveryCodes: string[] };
}

export async function makeWorld(): Promise<World> {
  const [owner, other, moderator, admin, friend, bystander] = await Promise.all([signUp(), signUp(), signUp(), signUp(), signUp(), signUp()]);
  await env.DB.prepare(`UPDATE accounts SET role = 'moderator' WHERE id = ?`).bind(moderator.id).run();
  await env.DB.prepare(`UPDATE accounts SET role = 'admin' WHERE id = ?`).bind(admin.id).run();
  // The fixtures make many agents and listings: plan limits are not what this suite is about.
  for (const p of [owner, friend]) {
    await env.DB.prepare("INSERT INTO account_tiers (account_id, tier, until, subscription_id) VALUES (?, 'enterprise', ?, ?)").bind(p.id, Date.now() + 86_400_000, `matrix-${p.id}`).run();
  }
  // The roles act through tokens holding the admin scopes as well, so only the role decides.
  const staffScopes = 'read write follow push admin:read admin:write';
  moderator.token = await scopedToken(moderator, staffScopes);
  admin.token = await scopedToken(admin, staffScopes);
  return { owner, other, moderator, admin, friend, bystander, secrets: new Set(), mfa: await enrol(other) };
}

/** What an owned contract's fixture hands the runner: the path params, and how to read the object back. */
export interface Fixture {
  params: Record<string, string>;
  body?: unknown;
  query?: string;
  /** Headers every call sends (an Idempotency-Key, say). */
  headers?: Record<string, string>;
  /** Reads the object as its owner: must not change when a refused caller tried. */
  read?: () => Promise<unknown>;
}

/**
 * How one contract is classified. Owned ones are called as every caller; the others say why
 * they have no owner, and GETs without path params among them are still called by every
 * caller so that their answers go through the leak checks.
 */
export type Entry =
  | { kind: 'owned'; build: (w: World) => Promise<Fixture>; expect: Record<Caller, number | 'ok'>; body?: (f: Fixture, w: World) => unknown }
  | { kind: Unowned; why?: string; query?: (w: World) => string };

export type Unowned =
  /** Anyone may call it; reads are leak-checked. */
  | 'public'
  /** The caller's own list or settings (no id of anyone else in the path). */
  | 'own-collection'
  /** Creates an object that the caller will own. */
  | 'create'
  /** Acts on the caller's own account, session or relationship to a given account. */
  | 'self'
  /** Role-gated, with no object of an owner in the path: every caller tried, only the role passes. */
  | 'role:moderator'
  | 'role:admin'
  /** OAuth and login flows, signed links, provider webhooks, WebSocket upgrades: their own tests. */
  | 'flow';

/** What a refused caller gets: 404 hides an object the caller may not see, 403 refuses an action on one it may see (422 where Mastodon does). */
export type Outcome = 403 | 404 | 422;

/**
 * An owned contract: the owner succeeds, everyone else gets `refused` (anonymous gets 401 unless
 * the contract is public). `allowed` names roles that may act on another's object.
 */
export function owned(
  build: (w: World) => Promise<Fixture>,
  refused: Outcome,
  o: { allowed?: Caller[]; body?: (f: Fixture, w: World) => unknown; anonymous?: number; as?: Partial<Record<Caller, number>> } = {},
): Entry {
  const ex = { anonymous: o.anonymous ?? 401, other: refused, owner: 'ok', moderator: refused, admin: refused, ...o.as } as Record<Caller, number | 'ok'>;
  for (const c of o.allowed ?? []) ex[c] = 'ok';
  return { kind: 'owned', build, expect: ex, body: o.body };
}

/**
 * A read of an owner's object that everyone may make (a profile, a public stream): called as
 * every caller so the answers go through the leak checks. `anonymous` for user-only contracts.
 */
export function open(build: (w: World) => Promise<Fixture>, anonymous: number | 'ok' = 'ok'): Entry {
  return { kind: 'owned', build, expect: { anonymous, other: 'ok', owner: 'ok', moderator: 'ok', admin: 'ok' } };
}

/** A role-gated action on an owner's object: the owner and outsiders are refused for the role (403). */
export function roleOn(role: 'moderator' | 'admin', build: (w: World) => Promise<Fixture>, body?: (f: Fixture, w: World) => unknown): Entry {
  return { kind: 'owned', build, body, expect: { anonymous: 401, other: 403, owner: 403, moderator: role === 'moderator' ? 'ok' : 403, admin: 'ok' } };
}

export const keyOf = (ep: Endpoint) => `${ep.method} ${ep.path}`;
export const contract = (key: string): Endpoint => {
  const ep = allEndpoints.find((e) => keyOf(e) === key);
  if (!ep) throw new Error(`no contract ${key}`);
  return ep;
};

export interface Seen {
  key: string;
  caller: Caller;
  status: number;
  text: string;
}

/** Every response the matrix saw, for the leak checks. */
export const seen: Seen[] = [];

/** A fixture's `read`: the object as its owner sees it at `path`. */
export const asOwner = (w: World, path: string) => async () => json(await call(path, { token: w.owner.token }));

export const tokenOf = (w: World, c: Caller) => (c === 'anonymous' ? null : w[c].token);

export async function hit(w: World, key: string, caller: Caller, f: Fixture, body: unknown): Promise<Response> {
  const ep = contract(key);
  const path = ep.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = f.params[name];
    if (value === undefined) throw new Error(`${key}: the fixture gives no :${name}`);
    return encodeURIComponent(value);
  });
  const res = await call(`${path}${f.query ? `?${f.query}` : ''}`, { method: ep.method.toUpperCase(), token: tokenOf(w, caller), headers: f.headers, ...(ep.method === 'get' ? {} : body instanceof FormData ? { multipart: body } : { json: body ?? {} }) });
  const text = await res.text();
  seen.push({ key, caller, status: res.status, text });
  return new Response(text, { status: res.status, headers: res.headers });
}

/**
 * Calls an owned contract as every caller. The refused go first, on one fixture, which must read
 * back unchanged; each caller who may act then gets a fixture of its own (the first reuses it).
 */
export async function runOwned(w: World, key: string, entry: Extract<Entry, { kind: 'owned' }>): Promise<number> {
  let fixture: Fixture | null = await entry.build(w);
  if (contract(key).method !== 'get' && !fixture.read) throw new Error(`${key}: a fixture for a write needs \`read\`, to show that refused calls changed nothing`);
  const before = fixture.read ? JSON.stringify(await fixture.read()) : null;
  const refused = CALLERS.filter((c) => entry.expect[c] !== 'ok');
  for (const caller of refused) {
    const res = await hit(w, key, caller, fixture, entry.body?.(fixture, w) ?? fixture.body);
    expect(res.status, `${key} as ${caller}: ${await res.clone().text()}`).toBe(entry.expect[caller]);
  }
  if (fixture.read) expect(JSON.stringify(await fixture.read()), `${key}: a refused call changed the object`).toBe(before);
  for (const caller of CALLERS.filter((c) => entry.expect[c] === 'ok')) {
    const f: Fixture = fixture ?? (await entry.build(w));
    fixture = null;
    const res = await hit(w, key, caller, f, entry.body?.(f, w) ?? f.body);
    expect(res.status, `${key} as ${caller}: ${await res.clone().text()}`).toBeGreaterThanOrEqual(200);
    expect(res.status, `${key} as ${caller}: ${await res.clone().text()}`).toBeLessThan(300);
  }
  return CALLERS.length;
}

/** Calls a read without path params as every caller; anonymous is refused unless it is public. */
export async function runRead(w: World, key: string, kind: Unowned, query?: string): Promise<number> {
  const ep = contract(key);
  for (const caller of CALLERS) {
    const res = await hit(w, key, caller, { params: {}, query }, undefined);
    const allowed =
      kind === 'role:admin' ? caller === 'admin' : kind === 'role:moderator' ? caller === 'admin' || caller === 'moderator' : caller !== 'anonymous' || ep.auth === 'public';
    if (allowed) expect(res.status, `${key} as ${caller}`).toBeLessThan(300);
    else expect(res.status, `${key} as ${caller}`).toBe(caller === 'anonymous' ? 401 : 403);
  }
  return CALLERS.length;
}
