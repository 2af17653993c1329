/**
 * Logging in cancels a scheduled deletion (docs/privacy.md). Kept apart from
 * `deletion.service.ts` so the session code can use it without importing the privacy module.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../context';
import { accountDeletions } from '../db/privacy';
import { accounts } from '../db/schema';

/**
 * The writes that cancel a scheduled deletion: the profile's search and suggestion settings come
 * back and the schedule goes. Run in one batch; a no-op when nothing is scheduled, so every login
 * runs it (`auth/sessions.service.ts`, `auth/social.service.ts`).
 */
export function cancelDeletionWrites(db: Db, accountId: string) {
  const saved = (column: 'was_discoverable' | 'was_indexable') => sql`(SELECT ${sql.raw(column)} FROM account_deletions WHERE account_id = ${accountId})`;
  return [
    db
      .update(accounts)
      .set({ discoverable: sql`${saved('was_discoverable')}`, indexable: sql`${saved('was_indexable')}` })
      .where(sql`${accounts.id} = ${accountId} AND EXISTS (SELECT 1 FROM account_deletions WHERE account_id = ${accountId})`),
    db.delete(accountDeletions).where(eq(accountDeletions.accountId, accountId)),
  ] as const;
}

