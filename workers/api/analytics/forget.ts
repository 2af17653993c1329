/**
 * Forgetting a person's raw analytics rows, for the batch of whoever asks: the erasure of their
 * account, or their "no" to the analytics consent. Rollups stay: they name no person.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../context';
import { analyticsActiveDays, analyticsEvents } from '../db/analytics';

export function forgetPersonWrites(db: Db, accountId: string) {
  return [db.delete(analyticsEvents).where(eq(analyticsEvents.actorId, accountId)), db.delete(analyticsActiveDays).where(eq(analyticsActiveDays.accountId, accountId))] as const;
}
