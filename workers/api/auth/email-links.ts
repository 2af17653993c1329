/** Single-use, expiring links mailed for e-mail verification and password reset. */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { TOKEN_TTL } from '../../../shared/constants';
import type { Db } from '../context';
import { emailTokens } from '../db/schema';
import { randomToken, sha256 } from '../lib/crypto';

export type LinkPurpose = 'verify_email' | 'reset_password';

const TTL: Record<LinkPurpose, number> = {
  verify_email: TOKEN_TTL.emailVerificationSeconds,
  reset_password: TOKEN_TTL.passwordResetSeconds,
};

/** A new link token and the insert that stores its hash. */
export async function newEmailLink(db: Db, accountId: string, email: string, purpose: LinkPurpose) {
  const token = randomToken();
  const insert = db.insert(emailTokens).values({
    tokenHash: await sha256(token),
    accountId,
    email,
    purpose,
    expiresAt: Date.now() + TTL[purpose] * 1000,
  });
  return { token, insert };
}

/**
 * Marks a link used and returns whom it was for, or null if it is unknown, expired or already
 * used. One conditional UPDATE, so two clicks racing cannot both succeed.
 */
export async function consumeEmailLink(db: Db, token: string, purpose: LinkPurpose) {
  const now = Date.now();
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.tokenHash, await sha256(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)))
    .returning({ accountId: emailTokens.accountId, email: emailTokens.email });
  return row ?? null;
}

/** Every other open link of this purpose for the account stops working (e.g. after a reset). */
export function expireEmailLinks(db: Db, accountId: string, purpose: LinkPurpose) {
  return db
    .update(emailTokens)
    .set({ usedAt: sql`coalesce(${emailTokens.usedAt}, ${Date.now()})` })
    .where(and(eq(emailTokens.accountId, accountId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}
