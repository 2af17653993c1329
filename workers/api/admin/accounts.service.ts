/**
 * Staff actions on accounts: search, warn, suspend, ban, lift, change the role. Each action is
 * one D1 batch — the account's change, the person's notice and the audit row — and the audit
 * row and notice are stored only if the change was (`updated_at` marks this very write).
 */
import { type SQL, and, eq, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AccountActionBody, AdminAccountsQuery } from '../../../shared/schemas/admin';
import type { FanoutMessage } from '../../../shared/schemas/streaming';
import type { Services } from '../context';
import { type AccountRow, accounts } from '../db/schema';
import { conflict, forbidden, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { newestFirst, page } from '../lib/pagination';
import { type AuditEntry, auditWrite } from './audit';
import { isSuspended } from './suspension';
import { warningMessage, warningWrite } from './warnings';

type Deps = Pick<Services, 'db'>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const contains = (column: SQL | typeof accounts.username, s: string) => sql`${column} LIKE ${`%${escapeLike(s.toLowerCase())}%`} ESCAPE '\\'`;
/** SQL: the account is suspended now. */
export const suspendedNow = () => sql`(${accounts.suspendedAt} IS NOT NULL AND (${accounts.suspendedUntil} IS NULL OR ${accounts.suspendedUntil} > ${Date.now()}))`;

/** Accounts matching the filters, newest first, paged by id. */
export async function searchAccounts(deps: Deps, q: z.output<typeof AdminAccountsQuery>): Promise<AccountRow[]> {
  const p = page(accounts.id, q, 40, 200);
  const status = { active: sql`NOT ${suspendedNow()}`, suspended: and(suspendedNow(), eq(accounts.banned, false)), banned: eq(accounts.banned, true) };
  const rows = await deps.db
    .select()
    .from(accounts)
    .where(
      and(
        q.q ? or(contains(sql`lower(${accounts.username})`, q.q), contains(sql`lower(${accounts.email})`, q.q)) : undefined,
        q.username ? contains(sql`lower(${accounts.username})`, q.username) : undefined,
        q.email ? contains(sql`lower(${accounts.email})`, q.email) : undefined,
        q.role ? eq(accounts.role, q.role) : undefined,
        q.status ? status[q.status] : undefined,
        p.where,
      ),
    )
    .orderBy(p.order)
    .limit(p.limit);
  return newestFirst(p, rows);
}

export async function staffView(deps: Deps, id: string): Promise<AccountRow> {
  const [row] = await deps.db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  if (!row) throw notFound();
  return row;
}

/** The target of an action, if this actor may act on it: not oneself, and a moderator not on an admin. */
async function targetFor(deps: Deps, actor: AccountRow, id: string): Promise<AccountRow> {
  const target = await staffView(deps, id);
  if (target.id === actor.id) throw forbidden('You cannot act on your own account');
  if (actor.role !== 'admin' && target.role === 'admin') throw forbidden('A moderator cannot act on an admin');
  return target;
}

/**
 * Runs a change of the account with its audit row (and, when `warn`, the person's notice) in one
 * batch; `told` is the notice's fan-out message, for the route to announce.
 */
async function act(deps: Deps, target: AccountRow, set: Partial<AccountRow>, guard: SQL | undefined, entry: AuditEntry, warn: boolean): Promise<{ account: AccountRow; told: FanoutMessage[] }> {
  const at = Date.now();
  const auditId = newId();
  const changed = sql`EXISTS (SELECT 1 FROM accounts WHERE id = ${target.id} AND updated_at = ${at})`;
  const [updated] = await deps.db.batch([
    deps.db
      .update(accounts)
      .set({ ...set, updatedAt: at })
      .where(and(eq(accounts.id, target.id), guard))
      .returning(),
    auditWrite(deps.db, entry, changed, auditId, at),
    ...(warn ? [warningWrite(deps.db, target.id, auditId, changed, at)] : []),
  ]);
  if (!updated[0]) throw conflict('The account changed meanwhile; reload and try again');
  return { account: updated[0], told: warn ? [warningMessage(target.id, auditId)] : [] };
}

/** Mastodon's `POST /admin/accounts/:id/action`: warn, suspend (until a moment or lifted), ban. */
export async function accountAction(deps: Deps, actor: AccountRow, id: string, body: z.output<typeof AccountActionBody>): Promise<{ account: AccountRow; told: FanoutMessage[] }> {
  const target = await targetFor(deps, actor, id);
  const entry = (details: Record<string, unknown> = {}): AuditEntry => ({ actorId: actor.id, action: `account.${body.type}`, targetType: 'account', targetId: id, reason: body.text, details });
  // A moderator's action must not land on an account made admin since it was read.
  const notAdmin = actor.role === 'admin' ? undefined : ne(accounts.role, 'admin');
  if (body.type === 'warn') return act(deps, target, {}, notAdmin, entry(), true);
  if (target.banned && actor.role !== 'admin') throw forbidden('Only an admin can change a ban');
  if (body.type === 'ban') return act(deps, target, { suspendedAt: Date.now(), suspendedUntil: null, banned: true }, notAdmin, entry(), true);
  const until = body.suspended_until ? Date.parse(body.suspended_until) : null;
  if (until !== null && until <= Date.now()) throw conflict('suspended_until is in the past');
  return act(deps, target, { suspendedAt: Date.now(), suspendedUntil: until, banned: false }, and(notAdmin, eq(accounts.banned, target.banned)), entry({ suspended_until: body.suspended_until ?? null }), true);
}

/** Lifts a suspension (a ban: admins only). */
export async function unsuspend(deps: Deps, actor: AccountRow, id: string, reason: string): Promise<AccountRow> {
  const target = await targetFor(deps, actor, id);
  if (!isSuspended(target)) throw conflict('This account is not suspended');
  if (target.banned && actor.role !== 'admin') throw forbidden('Only an admin can lift a ban');
  const entry: AuditEntry = { actorId: actor.id, action: 'account.unsuspend', targetType: 'account', targetId: id, reason, details: { was_banned: target.banned } };
  return (await act(deps, target, { suspendedAt: null, suspendedUntil: null, banned: false }, isNotNull(accounts.suspendedAt), entry, false)).account;
}

/** An admin changes another account's role; the previous one is kept in the audit row. */
export async function setRole(deps: Deps, actor: AccountRow, id: string, role: AccountRow['role'], reason: string): Promise<AccountRow> {
  const target = await targetFor(deps, actor, id);
  if (target.role === role) throw conflict(`This account is already ${role}`);
  const entry: AuditEntry = { actorId: actor.id, action: 'account.role', targetType: 'account', targetId: id, reason, details: { from: target.role, to: role } };
  return (await act(deps, target, { role }, eq(accounts.role, target.role), entry, false)).account;
}
