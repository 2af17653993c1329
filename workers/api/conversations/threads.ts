/**
 * The write side of conversations, run in the D1 batch of the status write itself (as
 * Mastodon's `AccountConversation.add_status` / `remove_status`): a direct status and every
 * participant's conversation row are stored together or not at all.
 */
import { type SQL, and, eq, isNull, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../context';
import { accountConversations, conversations } from '../db/conversations';
import { blocks } from '../db/relationships';
import { statuses, type StatusRow } from '../db/social';
import { newId } from '../lib/ids';
import { idSet } from '../lib/sql';

type StatusIds = Pick<StatusRow, 'id' | 'accountId' | 'conversationId'>;

/**
 * The thread a new status joins: its parent's conversation, or a new one it starts. A parent
 * older than conversations has none; it is given the new one, so later replies join it too.
 */
export function joinThread(db: Db, parent: StatusRow | null): { conversationId: string; writes: BatchItem<'sqlite'>[] } {
  if (parent?.conversationId) return { conversationId: parent.conversationId, writes: [] };
  const conversationId = newId();
  const writes: BatchItem<'sqlite'>[] = [db.insert(conversations).values({ id: conversationId })];
  if (parent) writes.push(db.update(statuses).set({ conversationId }).where(and(eq(statuses.id, parent.id), isNull(statuses.conversationId))));
  return { conversationId, writes };
}

/** The mentioned accounts that block the author or that the author blocks: a direct status never reaches them. */
export async function blockedRecipients(db: Db, authorId: string, mentionIds: readonly string[]): Promise<Set<string>> {
  if (mentionIds.length === 0) return new Set();
  const rows = await db
    .select({ accountId: blocks.accountId, targetId: blocks.targetId })
    .from(blocks)
    .where(or(and(eq(blocks.accountId, authorId), sql`${blocks.targetId} IN ${idSet(mentionIds)}`), and(eq(blocks.targetId, authorId), sql`${blocks.accountId} IN ${idSet(mentionIds)}`)));
  return new Set(rows.map((r) => (r.accountId === authorId ? r.targetId : r.accountId)));
}

/**
 * Puts a direct status into the conversation rows of its author and of each recipient: one row
 * per account, thread and set of other participants, created when missing (so a removed
 * conversation comes back). The author's row is read, the others' unread.
 */
export function addToConversations(db: Db, status: StatusIds, recipientIds: readonly string[]): BatchItem<'sqlite'>[] {
  const { conversationId } = status;
  if (!conversationId) return [];
  const everyone = [...new Set([status.accountId, ...recipientIds])];
  return everyone.map((accountId) =>
    db
      .insert(accountConversations)
      .values({
        id: newId(),
        accountId,
        conversationId,
        participantIds: JSON.stringify(everyone.filter((id) => id !== accountId).sort()),
        statusIds: JSON.stringify([status.id]),
        lastStatusId: status.id,
        unread: accountId !== status.accountId,
      })
      .onConflictDoUpdate({
        target: [accountConversations.accountId, accountConversations.conversationId, accountConversations.participantIds],
        set: {
          statusIds: sql`json_insert(${accountConversations.statusIds}, '$[#]', excluded.last_status_id)`,
          lastStatusId: sql`excluded.last_status_id`,
          unread: sql`excluded.unread`,
        },
      }),
  );
}

/**
 * Takes a deleted status out of every conversation row holding it: a row left with no status
 * is removed, the others fall back to their previous status.
 */
export function removeFromConversations(db: Db, status: StatusIds, guard?: SQL): BatchItem<'sqlite'>[] {
  if (!status.conversationId) return [];
  const holds = sql`EXISTS (SELECT 1 FROM json_each(${accountConversations.statusIds}) WHERE value = ${status.id})`;
  const others = sql`FROM json_each(${accountConversations.statusIds}) WHERE value <> ${status.id}`;
  const inThread = eq(accountConversations.conversationId, status.conversationId);
  return [
    db.delete(accountConversations).where(and(inThread, holds, sql`NOT EXISTS (SELECT 1 ${others})`, guard)),
    db
      .update(accountConversations)
      .set({ statusIds: sql`(SELECT json_group_array(value) ${others})`, lastStatusId: sql`(SELECT max(value) ${others})` })
      .where(and(inThread, holds, guard)),
  ];
}
