/**
 * Moderation of statuses. Inline, on post and edit: a refused text is a 422 and nothing is
 * stored; a held one is stored for its author only, with a review item and a notice to the
 * author, and is never fanned out. Later, a held or published status can be held (Llama Guard),
 * approved or removed (a moderator); each of these is one D1 batch.
 */
import type { BatchItem } from 'drizzle-orm/batch';
import { type SQL, and, eq, inArray } from 'drizzle-orm';
import type { ModerationResult } from '../ai/types';
import type { Db } from '../context';
import { notifications } from '../db/notifications';
import { type StatusRow, statuses } from '../db/social';
import { invalidField } from '../lib/errors';
import { type NotificationEvent, notificationKey, notify } from '../notifications/notify';
import { dropFromHomes, ownEntry } from '../social/home-feed';
import { classifyText } from './classifier';
import { type ItemSource, openItem } from './items';

/** Everything of a status that people read: the spoiler, the text and the poll's options. */
export const statusText = (parts: { text: string; spoiler: string; pollOptions?: string[] | undefined }) => [parts.spoiler, parts.text, ...(parts.pollOptions ?? [])].filter(Boolean).join('\n');

/** The classifier's verdict on a status about to be written; a refusal is a 422 on `status`. */
export function screenStatus(text: string): ModerationResult {
  const verdict = classifyText(text);
  if (verdict.action === 'reject') throw invalidField('status', verdict.reason ?? 'was refused by moderation', 'ERR_MODERATION');
  return verdict;
}

/** The author's notice that their status was held or removed (from themselves: the moderator stays anonymous). */
export const moderationEvent = (status: Pick<StatusRow, 'id' | 'accountId'>): NotificationEvent => ({ recipientId: status.accountId, fromId: status.accountId, type: 'moderation', statusId: status.id });

/** The author hears of it once per status and state: a removal replaces the notice of the hold. */
function tellAuthor(db: Db, status: Pick<StatusRow, 'id' | 'accountId'>): BatchItem<'sqlite'>[] {
  const event = moderationEvent(status);
  return [db.delete(notifications).where(and(eq(notifications.accountId, status.accountId), eq(notifications.groupKey, notificationKey(event)))), ...notify(db, [event])];
}

/**
 * The writes that put a status (and the reblogs wrapping it) in a moderation state: out of
 * every home but the author's own, which keeps it — marked — for the author.
 */
async function setState(db: Db, status: StatusRow, state: 'held' | 'removed', reason: string | null, guard?: SQL): Promise<[BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]> {
  const reblogs = await db.select({ id: statuses.id }).from(statuses).where(eq(statuses.reblogOfId, status.id));
  const ids = [status.id, ...reblogs.map((r) => r.id)];
  return [
    db.update(statuses).set({ moderationState: state, moderationReason: reason }).where(and(eq(statuses.id, status.id), guard)),
    ...(reblogs.length ? [db.update(statuses).set({ moderationState: state }).where(eq(statuses.reblogOfId, status.id))] : []),
    dropFromHomes(db, ids),
    ownEntry(db, eq(statuses.id, status.id)),
    ...tellAuthor(db, status),
  ];
}

const itemFor = (db: Db, status: StatusRow, verdict: ModerationResult, source: ItemSource) =>
  openItem(db, {
    subjectType: 'status',
    subjectId: status.id,
    accountId: status.accountId,
    action: verdict.action === 'reject' ? 'reject' : 'hold',
    categories: verdict.categories,
    reason: verdict.reason ?? null,
    source,
    excerpt: statusText({ text: status.text, spoiler: status.spoilerText }),
  });

/** Writes for a status the inline check held as it was stored (its row already says `held`, so no home but the author's has it). */
export function heldOnCreate(db: Db, status: StatusRow, verdict: ModerationResult): BatchItem<'sqlite'>[] {
  return [itemFor(db, status, verdict, 'classifier'), ...tellAuthor(db, status)];
}

/**
 * The writes that hold a status visible now (an edit the classifier holds, or Llama Guard's
 * verdict after it was published). Only a status still `ok` changes state.
 */
export async function holdWrites(db: Db, status: StatusRow, verdict: ModerationResult, source: ItemSource): Promise<[BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]> {
  return [itemFor(db, status, verdict, source), ...(await setState(db, status, 'held', verdict.reason ?? null, eq(statuses.moderationState, 'ok')))];
}

/**
 * A moderator's removal: hidden from everyone but its author, who is told why. `decided` is the
 * condition that the moderator's decision was the one stored (it runs in the decision's batch).
 */
export async function removeStatusWrites(db: Db, status: StatusRow, reason: string, decided: SQL): Promise<[BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]> {
  return setState(db, status, 'removed', reason, decided);
}

/** A moderator's approval: visible again (the caller fans it out, as a new post is). */
export function approveStatusWrites(db: Db, statusId: string, decided: SQL): BatchItem<'sqlite'>[] {
  return [
    db.update(statuses).set({ moderationState: 'ok', moderationReason: null }).where(and(eq(statuses.id, statusId), decided)),
    db.update(statuses).set({ moderationState: 'ok' }).where(and(eq(statuses.reblogOfId, statusId), decided)),
    db.delete(notifications).where(and(eq(notifications.statusId, statusId), eq(notifications.type, 'moderation'))),
  ];
}

/** Statuses of these ids that a moderator can act on (a report's statuses). */
export const statusesByIds = (db: Db, ids: string[]) => (ids.length ? db.select().from(statuses).where(inArray(statuses.id, ids)) : Promise.resolve([]));
