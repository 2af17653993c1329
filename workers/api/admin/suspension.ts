/**
 * What a suspension means everywhere it is checked: a suspended account cannot log in or use
 * a token it already has (403 with the end of the suspension), and nobody else sees its
 * statuses. A timed suspension ends on its own: every check compares `suspended_until` with
 * the clock, so nothing has to run when it ends.
 */
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { type AccountRow, accounts } from '../db/schema';
import { ApiError } from '../lib/errors';

type Suspension = Pick<AccountRow, 'suspendedAt' | 'suspendedUntil'>;

export function isSuspended(account: Suspension, at = Date.now()): boolean {
  return account.suspendedAt !== null && (account.suspendedUntil === null || account.suspendedUntil > at);
}

/** The 403 a suspended account gets at login and on every request with its tokens. */
export function suspendedError(account: Suspension & Pick<AccountRow, 'banned'>): ApiError {
  const until = account.suspendedUntil === null ? null : new Date(account.suspendedUntil).toISOString();
  const message = account.banned ? 'This account is banned' : until ? `This account is suspended until ${until}` : 'This account is suspended';
  return new ApiError(403, message, undefined, undefined, undefined, account.banned ? 'account_banned' : 'account_suspended');
}

/** Throws the 403 if the account is suspended now. */
export function refuseSuspended(account: Suspension & Pick<AccountRow, 'banned'>): void {
  if (isSuspended(account)) throw suspendedError(account);
}

/** SQL condition on an accounts row already at hand (joined or aliased): suspended now. */
export function rowSuspendedSql(account: { suspendedAt: AnyColumn; suspendedUntil: AnyColumn }): SQL {
  return sql`(${account.suspendedAt} IS NOT NULL AND (${account.suspendedUntil} IS NULL OR ${account.suspendedUntil} > ${Date.now()}))`;
}

const sa = alias(accounts, 'sa');

/** SQL condition: the account with this id column is suspended now. */
export function suspendedSql(accountIdColumn: SQL | unknown): SQL {
  return sql`EXISTS (SELECT 1 FROM accounts sa WHERE sa.id = ${accountIdColumn} AND ${rowSuspendedSql(sa)})`;
}
