/**
 * TOTP enrolment and management for one account, and step-up verification of a session.
 * Enrolment is two steps: `startEnrolment` (password) stores a pending secret — starting again
 * replaces it — and `confirmEnrolment` (a first code) turns MFA on and hands out the recovery
 * codes, the only time they are shown. The secret never leaves the server after that.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import type { MfaStatus } from '../../../shared/schemas/mfa';
import type { Services } from '../context';
import { mfaRecoveryCodes, mfaTotp } from '../db/mfa';
import { type AccountRow, sessions } from '../db/schema';
import { conflict } from '../lib/errors';
import { verifyPassword } from '../lib/password';
import { checkLimit } from '../lib/rate-limit';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes';
import { checkSecondFactor, claimStep, failAttempt, findTotp, mfaLimit, stepOf } from './second-factor';
import { sealSecret } from './secret-box';
import { newTotpSecret, provisioning } from './totp';

type Deps = Pick<Services, 'db' | 'config'>;

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

/** The account's MFA state and when `sessionId` last proved the second factor, in one round trip. */
export async function mfaStatus(deps: Deps, accountId: string, sessionId: string): Promise<MfaStatus> {
  const [[totp], [codes], [session]] = await deps.db.batch([
    deps.db.select({ confirmedAt: mfaTotp.confirmedAt }).from(mfaTotp).where(eq(mfaTotp.accountId, accountId)),
    deps.db.select({ n: count() }).from(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.accountId, accountId), isNull(mfaRecoveryCodes.usedAt))),
    deps.db.select({ verifiedAt: sessions.mfaVerifiedAt }).from(sessions).where(eq(sessions.id, sessionId)),
  ]);
  const enabled = Boolean(totp?.confirmedAt);
  return {
    enabled,
    enrolled_at: iso(totp?.confirmedAt),
    pending: Boolean(totp && !totp.confirmedAt),
    recovery_codes_left: enabled ? (codes?.n ?? 0) : 0,
    verified_at: enabled ? iso(session?.verifiedAt) : null,
  };
}

async function requirePassword(deps: Deps, account: AccountRow, password: string): Promise<void> {
  if (!(await verifyPassword(password, account.passwordHash))) await failAttempt(deps, account.id, 'current_password', 'is incorrect');
}

const markVerified = (deps: Deps, sessionId: string, at = Date.now()) => deps.db.update(sessions).set({ mfaVerifiedAt: at }).where(eq(sessions.id, sessionId));

/** The inserts for a fresh set of recovery codes, and the codes themselves (shown once). */
async function freshRecoveryCodes(deps: Deps, accountId: string) {
  const codes = newRecoveryCodes();
  const rows = await Promise.all(codes.map(async (code) => ({ accountId, codeHash: await hashRecoveryCode(code) })));
  return { codes, writes: [deps.db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.accountId, accountId)), deps.db.insert(mfaRecoveryCodes).values(rows)] as const };
}

export async function startEnrolment(deps: Deps, account: AccountRow, password: string) {
  await checkLimit(deps.db, mfaLimit(account.id));
  await requirePassword(deps, account, password);
  if ((await findTotp(deps, account.id))?.confirmedAt) throw conflict('Two-factor authentication is already on; turn it off first to enrol another authenticator');
  const secret = newTotpSecret();
  const secretEnc = await sealSecret(deps.config.JWT_SECRET, account.id, secret);
  // Replaces a pending secret, never a confirmed one (a concurrent confirmation wins).
  const written = await deps.db
    .insert(mfaTotp)
    .values({ accountId: account.id, secretEnc })
    .onConflictDoUpdate({ target: mfaTotp.accountId, set: { secretEnc, lastStep: null, createdAt: Date.now() }, setWhere: isNull(mfaTotp.confirmedAt) })
    .returning({ accountId: mfaTotp.accountId });
  if (written.length === 0) throw conflict('Two-factor authentication is already on');
  const { uri, qrSvg } = provisioning(secret, account.username, deps.config.INSTANCE_DOMAIN);
  return { secret, otpauth_uri: uri, qr_svg: qrSvg };
}

/** Turns MFA on with a first code; the calling session counts as verified, and the recovery codes are returned. */
export async function confirmEnrolment(deps: Deps, accountId: string, sessionId: string, code: string) {
  await checkLimit(deps.db, mfaLimit(accountId));
  const row = await findTotp(deps, accountId);
  if (!row) throw conflict('Start enrolment first');
  if (row.confirmedAt) throw conflict('Two-factor authentication is already on');
  const step = await stepOf(deps, row, code.replace(/\s/g, ''));
  if (step === null) return failAttempt(deps, accountId, 'code', 'is incorrect');
  if (!(await claimStep(deps, accountId, step))) return failAttempt(deps, accountId, 'code', 'has already been used; wait for the next one');
  const now = Date.now();
  const recovery = await freshRecoveryCodes(deps, accountId);
  const [confirmed] = await deps.db.batch([
    deps.db.update(mfaTotp).set({ confirmedAt: now }).where(and(eq(mfaTotp.accountId, accountId), eq(mfaTotp.secretEnc, row.secretEnc), isNull(mfaTotp.confirmedAt))).returning({ accountId: mfaTotp.accountId }),
    ...recovery.writes,
    markVerified(deps, sessionId, now),
  ]);
  // A restart between the read and this write replaced the secret the code was checked against.
  if (confirmed.length === 0) throw conflict('The enrolment was restarted; scan the new QR code');
  return { recovery_codes: recovery.codes, status: await mfaStatus(deps, accountId, sessionId) };
}

/** Step-up: a code (or a recovery code) marks the calling session as verified now. */
export async function verifySession(deps: Deps, accountId: string, sessionId: string, code: string): Promise<MfaStatus> {
  await checkSecondFactor(deps, accountId, code, { allowRecovery: true });
  await markVerified(deps, sessionId);
  return mfaStatus(deps, accountId, sessionId);
}

/** Turns MFA off (password and a code); no session of the account counts as verified any more. */
export async function disableMfa(deps: Deps, account: AccountRow, sessionId: string, code: string, password: string): Promise<MfaStatus> {
  await checkLimit(deps.db, mfaLimit(account.id));
  await requirePassword(deps, account, password);
  await checkSecondFactor(deps, account.id, code, { allowRecovery: true });
  await deps.db.batch([
    deps.db.delete(mfaTotp).where(eq(mfaTotp.accountId, account.id)),
    deps.db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.accountId, account.id)),
    deps.db.update(sessions).set({ mfaVerifiedAt: null }).where(eq(sessions.accountId, account.id)),
  ]);
  return mfaStatus(deps, account.id, sessionId);
}

/** Replaces every recovery code; needs a code from the app (not a recovery code). */
export async function regenerateRecoveryCodes(deps: Deps, accountId: string, sessionId: string, code: string) {
  await checkSecondFactor(deps, accountId, code, { allowRecovery: false });
  const recovery = await freshRecoveryCodes(deps, accountId);
  await deps.db.batch([...recovery.writes, markVerified(deps, sessionId)]);
  return { recovery_codes: recovery.codes, status: await mfaStatus(deps, accountId, sessionId) };
}

/** Whether the account has a confirmed authenticator (login asks for a code then). */
export async function mfaEnabled(deps: Deps, accountId: string): Promise<boolean> {
  return Boolean((await findTotp(deps, accountId))?.confirmedAt);
}

