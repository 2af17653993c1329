/**
 * A staff warning reaches its person as a `moderation_warning` notification (Mastodon 4.3's
 * type) whose text is the audit-log entry it points at; it is from the account itself, so the
 * moderator stays anonymous.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { FanoutMessage } from '../../../shared/schemas/streaming';
import type { Db } from '../context';
import { notifications } from '../db/notifications';
import { newId } from '../lib/ids';

const warningKey = (accountId: string, adminActionId: string) => `moderation_warning:${accountId}:${adminActionId}`;

/** The notification insert for the batch of the action; stored only where `effect` holds. Columns in the table's order. */
export function warningWrite(db: Db, accountId: string, adminActionId: string, effect: SQL, at = Date.now()) {
  const groupKey = warningKey(accountId, adminActionId);
  return db
    .insert(notifications)
    .select(sql`SELECT ${newId()}, ${accountId}, ${accountId}, 'moderation_warning', NULL, NULL, ${adminActionId}, ${groupKey}, ${at} WHERE ${effect}`);
}

/** The fan-out message that streams and pushes a stored warning, once its action's batch is stored. */
export const warningMessage = (accountId: string, adminActionId: string): FanoutMessage => ({ kind: 'notification', recipientId: accountId, groupKey: warningKey(accountId, adminActionId) });
