/**
 * The server-side check other modules call before a sensitive action (payouts, large purchases):
 * the caller's account must have MFA on, and the caller's own session must have proved it
 * recently. Another session of the same account verifying does not count.
 */
import { eq } from 'drizzle-orm';
import { MFA } from '../../../shared/constants';
import type { Caller, Services } from '../context';
import { mfaTotp } from '../db/mfa';
import { sessions } from '../db/schema';
import { codedError, forbidden } from '../lib/errors';

/**
 * Throws 403 `{ error, code }` unless the caller's session verified a second factor within
 * `maxAgeMs`: `code: 'mfa_required'` when the account has no authenticator,
 * `code: 'mfa_stale'` when this session has not verified recently (POST /api/v1/mfa/verify).
 */
export async function requireRecentMfa(deps: Pick<Services, 'db'>, caller: Caller, maxAgeMs: number = MFA.recentMs, now = Date.now()): Promise<void> {
  if (!caller.account) throw forbidden('This method requires an authenticated user');
  const [row] = await deps.db
    .select({ enabledAt: mfaTotp.confirmedAt, verifiedAt: sessions.mfaVerifiedAt })
    .from(sessions)
    .leftJoin(mfaTotp, eq(mfaTotp.accountId, sessions.accountId))
    .where(eq(sessions.id, caller.sessionId))
    .limit(1);
  if (!row?.enabledAt) throw codedError(403, 'mfa_required', 'This action needs two-factor authentication. Turn it on under Settings → Security.');
  if (row.verifiedAt === null || now - row.verifiedAt > maxAgeMs) {
    throw codedError(403, 'mfa_stale', `Confirm it's you: enter a code from your authenticator app (POST /api/v1/mfa/verify), then try again.`);
  }
}
