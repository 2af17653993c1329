/**
 * First-party sign-in with a password, and the password and e-mail flows around it.
 * Failed logins are limited per account and per IP; a success clears the account's counter.
 * An account with MFA gets a short-lived challenge instead of a session, answered with a code.
 */
import { eq } from 'drizzle-orm';
import { RATE_LIMITS, WEB_CLIENT_ID } from '../../../shared/constants';
import { refuseSuspended } from '../admin/suspension';
import { findAccount, findAccountByLogin, getAccount } from '../accounts/accounts.service';
import type { Services } from '../context';
import type { Token } from '../../../shared/schemas/oauth';
import { type AccountRow, accounts } from '../db/schema';
import { ApiError, invalidField } from '../lib/errors';
import { hashPassword, verifyPassword } from '../lib/password';
import { signLoginChallenge, readLoginChallenge } from '../mfa/login-challenge';
import { mfaEnabled } from '../mfa/mfa.service';
import { checkSecondFactor } from '../mfa/second-factor';
import { checkLimit, clearLimit, hitLimit, type Limit } from '../lib/rate-limit';
import { consumeEmailLink, expireEmailLinks, newEmailLink } from './email-links';
import { enqueueMail, passwordChangedMail, resetPasswordMail, verifyEmailMail } from './mail';
import { createSession, revokeAccountSessions } from './sessions.service';

type Deps = Pick<Services, 'db' | 'config'>;

/** A first-party session may do everything its account may do: moderators and admins also get the admin scopes (each endpoint checks the role). */
export function webScopesFor(account: Pick<AccountRow, 'role'>): string[] {
  return ['read', 'write', 'follow', 'push', ...(account.role !== 'user' ? ['admin:read', 'admin:write'] : [])];
}

const limits = (login: string, ip: string): Limit[] => [
  { key: `login:account:${login.trim().toLowerCase()}`, max: RATE_LIMITS.failedLoginPerAccount[0], windowSeconds: RATE_LIMITS.failedLoginPerAccount[1] },
  { key: `login:ip:${ip}`, max: RATE_LIMITS.failedLoginPerIp[0], windowSeconds: RATE_LIMITS.failedLoginPerIp[1] },
];

export type LoginResult = { account: AccountRow; token: Token } | { challenge: string };

export async function login(deps: Deps, login: string, password: string, meta: { ip: string; userAgent: string | null }): Promise<LoginResult> {
  const [perAccount, perIp] = limits(login, meta.ip);
  for (const limit of [perAccount!, perIp!]) await checkLimit(deps.db, limit);
  const account = await findAccountByLogin(deps, login);
  const ok = (await verifyPassword(password, account?.passwordHash ?? null)) && account?.kind !== 'agent';
  if (!account || !ok) {
    await Promise.all([hitLimit(deps.db, perAccount!), hitLimit(deps.db, perIp!)]).catch(() => undefined);
    throw new ApiError(401, 'Invalid e-mail/username or password');
  }
  await clearLimit(deps.db, perAccount!.key);
  refuseSuspended(account);
  if (await mfaEnabled(deps, account.id)) return { challenge: await signLoginChallenge(deps.config, account.id) };
  const token = await createSession(deps, { accountId: account.id, appId: null, clientId: WEB_CLIENT_ID, scopes: webScopesFor(account), ...meta });
  return { account, token };
}

/** The second step of a password login with MFA: the challenge from `login` and a code (or a recovery code). */
export async function completeMfaLogin(deps: Deps, challenge: string, code: string, meta: { ip: string; userAgent: string | null }) {
  const accountId = await readLoginChallenge(deps.config, challenge);
  const account = accountId ? await findAccount(deps, accountId) : null;
  if (!account) throw new ApiError(401, 'The sign-in expired. Please log in again.');
  refuseSuspended(account);
  await checkSecondFactor(deps, account.id, code, { allowRecovery: true });
  const token = await createSession(deps, { accountId: account.id, appId: null, clientId: WEB_CLIENT_ID, scopes: webScopesFor(account), mfaVerifiedAt: Date.now(), ...meta });
  return { account, token };
}

/** Changes the password and logs out every other session; the caller's own session stays. */
export async function changePassword(deps: Deps, account: AccountRow, sessionId: string, current: string, next: string): Promise<void> {
  if (!(await verifyPassword(current, account.passwordHash))) throw invalidField('current_password', 'is incorrect');
  await deps.db.batch([
    deps.db.update(accounts).set({ passwordHash: await hashPassword(next), updatedAt: Date.now() }).where(eq(accounts.id, account.id)),
    ...(account.email ? [enqueueMail(deps.db, passwordChangedMail(account.email, account.username))] : []),
  ]);
  await revokeAccountSessions(deps, account.id, sessionId);
}

/** Mails a reset link if the address belongs to an account; the answer is the same either way. */
export async function forgotPassword(deps: Deps, email: string, ip: string): Promise<void> {
  const [max, windowSeconds] = RATE_LIMITS.passwordResetPerIp;
  await hitLimit(deps.db, { key: `reset:ip:${ip}`, max, windowSeconds });
  const account = await findAccountByLogin(deps, email);
  if (!account?.email || account.email.toLowerCase() !== email.trim().toLowerCase()) return;
  const link = await newEmailLink(deps.db, account.id, account.email, 'reset_password');
  await deps.db.batch([link.insert, enqueueMail(deps.db, resetPasswordMail(deps.config, account.email, account.username, link.token))]);
}

export async function resetPassword(deps: Deps, token: string, password: string): Promise<void> {
  const link = await consumeEmailLink(deps.db, token, 'reset_password');
  if (!link) throw invalidField('token', 'is invalid, expired or already used');
  const account = await getAccount(deps, link.accountId);
  await deps.db.batch([
    // Following a mailed link proves the address too.
    deps.db.update(accounts).set({ passwordHash: await hashPassword(password), emailVerifiedAt: account.emailVerifiedAt ?? Date.now(), updatedAt: Date.now() }).where(eq(accounts.id, account.id)),
    expireEmailLinks(deps.db, account.id, 'reset_password'),
  ]);
  await revokeAccountSessions(deps, account.id);
}

export async function verifyEmail(deps: Deps, token: string): Promise<AccountRow> {
  const link = await consumeEmailLink(deps.db, token, 'verify_email');
  if (!link) throw invalidField('token', 'is invalid, expired or already used');
  const account = await getAccount(deps, link.accountId);
  // A link mailed to an address the account no longer has proves nothing.
  if (account.email?.toLowerCase() !== link.email.toLowerCase()) throw invalidField('token', 'was sent to an address this account no longer uses');
  const [row] = await deps.db.update(accounts).set({ emailVerifiedAt: Date.now() }).where(eq(accounts.id, account.id)).returning();
  return row!;
}

export async function resendVerification(deps: Deps, account: AccountRow): Promise<void> {
  if (!account.email) throw invalidField('email', 'is not set');
  if (account.emailVerifiedAt) throw new ApiError(409, 'This e-mail address is already confirmed');
  await hitLimit(deps.db, { key: `verify-mail:${account.id}`, max: 5, windowSeconds: 3600 });
  const link = await newEmailLink(deps.db, account.id, account.email, 'verify_email');
  await deps.db.batch([link.insert, enqueueMail(deps.db, verifyEmailMail(deps.config, account.email, account.username, link.token))]);
}
