/**
 * Account deletion with a grace period. Asking (with the password) deactivates the account at
 * once — every other session is logged out (push subscriptions go with them) and the profile
 * leaves search and suggestions — and schedules the hard delete `DELETION_GRACE_DAYS` later
 * (`erase-person.ts`, run by the cron job). Logging in again, or cancelling, undoes both.
 */
import { eq } from 'drizzle-orm';
import { DELETION_GRACE_DAYS } from '../../../shared/schemas/privacy';
import { enqueueMail } from '../auth/mail';
import { revokeAccountSessions } from '../auth/sessions.service';
import type { Db, Services } from '../context';
import { type AccountDeletionRow, accountDeletions } from '../db/privacy';
import { type AccountRow, accounts } from '../db/schema';
import { forbidden, invalidField } from '../lib/errors';
import { verifyPassword } from '../lib/password';
import { cancelDeletionWrites } from './cancel-on-login';
import { deletionScheduledMail } from './mail';

type Deps = Pick<Services, 'db' | 'config'>;

const DAY = 24 * 3600 * 1000;

export async function deletionOf(db: Db, accountId: string): Promise<AccountDeletionRow | null> {
  const [row] = await db.select().from(accountDeletions).where(eq(accountDeletions.accountId, accountId)).limit(1);
  return row ?? null;
}

/** Schedules the deletion (the caller's session stays, so they can still cancel); asking again changes nothing. */
export async function scheduleDeletion(deps: Deps, account: AccountRow, sessionId: string, password: string, now = Date.now()): Promise<AccountDeletionRow> {
  if (account.kind === 'agent') throw forbidden("An agent is deleted by its owner (DELETE /api/v1/agents/:id)");
  if (!(await verifyPassword(password, account.passwordHash))) throw invalidField('password', 'is incorrect');
  const existing = await deletionOf(deps.db, account.id);
  if (existing) return existing;
  const row = { accountId: account.id, requestedAt: now, deleteAfter: now + DELETION_GRACE_DAYS * DAY, wasDiscoverable: account.discoverable, wasIndexable: account.indexable };
  await deps.db.batch([
    deps.db.insert(accountDeletions).values(row).onConflictDoNothing(),
    deps.db.update(accounts).set({ discoverable: false, indexable: false, updatedAt: now }).where(eq(accounts.id, account.id)),
    ...(account.email ? [enqueueMail(deps.db, deletionScheduledMail(account.email, account.username, row.deleteAfter))] : []),
  ]);
  await revokeAccountSessions(deps, account.id, sessionId);
  return (await deletionOf(deps.db, account.id))!;
}

export async function cancelDeletion(deps: Pick<Deps, 'db'>, accountId: string): Promise<void> {
  await deps.db.batch(cancelDeletionWrites(deps.db, accountId));
}
