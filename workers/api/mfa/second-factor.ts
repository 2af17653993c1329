/**
 * Checking a second factor: a TOTP code (±1 step, never the same step twice) or, where allowed,
 * an unused recovery code. Every failure counts against the account's limit (5 per 15 minutes);
 * once it is used up every attempt gets 429 until the window ends, right code or not.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { RATE_LIMITS } from '../../../shared/constants';
import type { Services } from '../context';
import { mfaRecoveryCodes, mfaTotp } from '../db/mfa';
import { conflict, invalidField } from '../lib/errors';
import { checkLimit, hitLimit, type Limit } from '../lib/rate-limit';
import { hashRecoveryCode, totpCodeOf } from './recovery-codes';
import { openSecret } from './secret-box';
import { matchStep } from './totp';

type Deps = Pick<Services, 'db' | 'config'>;
export type MfaRow = typeof mfaTotp.$inferSelect;

export const mfaLimit = (accountId: string): Limit => ({ key: `mfa:${accountId}`, max: RATE_LIMITS.failedMfaPerAccount[0], windowSeconds: RATE_LIMITS.failedMfaPerAccount[1] });

export async function findTotp(deps: Deps, accountId: string): Promise<MfaRow | null> {
  const [row] = await deps.db.select().from(mfaTotp).where(eq(mfaTotp.accountId, accountId)).limit(1);
  return row ?? null;
}

/** Counts a failed attempt (429 once over the limit), then refuses it as a field error. */
export async function failAttempt(deps: Deps, accountId: string, field: string, description: string): Promise<never> {
  await hitLimit(deps.db, mfaLimit(accountId));
  throw invalidField(field, description);
}

/** The time step `code` matches for this row's secret, or null. */
export async function stepOf(deps: Deps, row: MfaRow, code: string): Promise<number | null> {
  return matchStep(await openSecret(deps.config.JWT_SECRET, row.accountId, row.secretEnc), code);
}

/**
 * Spends `step` for the account: one conditional update, so two requests racing with the same
 * code cannot both win. False when that step (or a later one) was already used.
 */
export async function claimStep(deps: Deps, accountId: string, step: number): Promise<boolean> {
  const claimed = await deps.db
    .update(mfaTotp)
    .set({ lastStep: step })
    .where(and(eq(mfaTotp.accountId, accountId), or(isNull(mfaTotp.lastStep), lt(mfaTotp.lastStep, step))))
    .returning({ accountId: mfaTotp.accountId });
  return claimed.length > 0;
}

/**
 * Accepts the account's second factor or throws: 409 when MFA is off, 429 when the limit is
 * used up, 422 on `code` when the code is wrong, already used, or a recovery code where only a
 * TOTP code is allowed.
 */
export async function checkSecondFactor(deps: Deps, accountId: string, code: string, options: { allowRecovery: boolean }): Promise<'totp' | 'recovery'> {
  await checkLimit(deps.db, mfaLimit(accountId));
  const row = await findTotp(deps, accountId);
  if (!row?.confirmedAt) throw conflict('Two-factor authentication is not turned on');
  const totp = totpCodeOf(code);
  if (totp) {
    const step = await stepOf(deps, row, totp);
    if (step === null) return failAttempt(deps, accountId, 'code', 'is incorrect');
    if (!(await claimStep(deps, accountId, step))) return failAttempt(deps, accountId, 'code', 'has already been used; wait for the next one');
    return 'totp';
  }
  if (!options.allowRecovery) return failAttempt(deps, accountId, 'code', 'must be the 6-digit code from your authenticator app');
  const spent = await deps.db
    .update(mfaRecoveryCodes)
    .set({ usedAt: Date.now() })
    .where(and(eq(mfaRecoveryCodes.accountId, accountId), eq(mfaRecoveryCodes.codeHash, await hashRecoveryCode(code)), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ accountId: mfaRecoveryCodes.accountId });
  if (spent.length === 0) return failAttempt(deps, accountId, 'code', 'is incorrect or was already used');
  return 'recovery';
}
