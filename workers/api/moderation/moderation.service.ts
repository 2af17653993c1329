/**
 * The review queue for moderators: listing items, and deciding them. A decision is one D1
 * batch — the item (who decided, when, the note), its effects and its audit-log row — and the effects run only
 * if this very decision was stored, so two moderators deciding at once cannot both act.
 */
import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { z } from 'zod';
import type { ModerationItemsQuery } from '../../../shared/schemas/moderation';
import type { FanoutMessage } from '../../../shared/schemas/streaming';
import type { Services } from '../context';
import { type ModerationItemRow, moderationItems } from '../db/moderation';
import type { AccountRow } from '../db/schema';
import { reports, type StatusRow } from '../db/social';
import { conflict, forbidden, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { newestFirst, page } from '../lib/pagination';
import { findStatus, statusDeletionWrites } from '../social/statuses.service';
import { auditWrite } from '../admin/audit';
import { warningMessage, warningWrite } from '../admin/warnings';
import { notificationMessage } from '../streaming/announce';
import { approveStatusWrites, moderationEvent, removeStatusWrites, statusesByIds } from './statuses';

type Deps = Pick<Services, 'db' | 'config'>;

export async function listItems(deps: Deps, q: z.output<typeof ModerationItemsQuery>): Promise<ModerationItemRow[]> {
  const p = page(moderationItems.id, q);
  const rows = await deps.db
    .select()
    .from(moderationItems)
    .where(and(eq(moderationItems.state, q.state), q.type ? eq(moderationItems.subjectType, q.type) : undefined, p.where))
    .orderBy(p.order)
    .limit(p.limit);
  return newestFirst(p, rows);
}

export async function getItem(deps: Deps, id: string): Promise<ModerationItemRow> {
  const [row] = await deps.db.select().from(moderationItems).where(eq(moderationItems.id, id)).limit(1);
  if (!row) throw notFound();
  return row;
}

/** What a moderator can do with an open item, and the state each leaves it in. */
export const VERDICTS = { approve: 'approved', remove: 'removed', hide: 'removed', delete: 'deleted', warn: 'warned' } as const;
export type Verdict = keyof typeof VERDICTS;

/** The statuses a decision is about: a status item's status, or a report's statuses. */
async function subjectStatuses(deps: Deps, item: ModerationItemRow): Promise<StatusRow[]> {
  if (item.subjectType === 'status') {
    const status = await findStatus(deps, item.subjectId);
    return status ? [status] : [];
  }
  if (item.subjectType === 'report') {
    const [report] = await deps.db.select({ statusIds: reports.statusIds }).from(reports).where(eq(reports.id, item.subjectId)).limit(1);
    return report ? statusesByIds(deps.db, JSON.parse(report.statusIds) as string[]) : [];
  }
  // Agent output, chat messages, training files: their modules read the decision from the item.
  return [];
}

/** The condition, inside the decision's batch, that this reviewer's decision is the one stored. */
const stored = (id: string, state: string, reviewerId: string, at: number): SQL =>
  sql`EXISTS (SELECT 1 FROM moderation_items WHERE id = ${id} AND state = ${state} AND reviewer_id = ${reviewerId} AND reviewed_at = ${at})`;

const auditOf = (reviewer: AccountRow, verb: string, item: ModerationItemRow, note: string | undefined) => ({
  actorId: reviewer.id,
  action: `moderation.${verb}`,
  targetType: 'moderation_item' as const,
  targetId: item.id,
  reason: note || null,
  details: { subject_type: item.subjectType, subject_id: item.subjectId, account_id: item.accountId },
});

/**
 * What a decision did: the item, the statuses it made visible (for the caller to fan out as new
 * posts) and the notices it stored for the author (`told`, fan-out messages for the caller to
 * announce: the removal's moderation notice, the warning).
 */
interface Decided {
  item: ModerationItemRow;
  released: StatusRow[];
  told: FanoutMessage[];
}

/**
 * Decides an open item. Approving a held status makes it visible (the caller fans it out and
 * gets it back in `released`); removing (or hiding) hides a status, or a report's statuses, from
 * everyone but the author, who is notified with the reason; deleting deletes them; a warning
 * leaves the content as it is. Deleting and warning tell the author with a `moderation_warning`.
 * A report is marked as acted on either way. The audit row rides in the same batch.
 */
export async function decide(deps: Deps, reviewer: AccountRow, id: string, verb: Verdict, note: string | undefined): Promise<Decided> {
  const item = await getItem(deps, id);
  if (item.state !== 'open') throw conflict('This item has already been decided');
  if (item.accountId === reviewer.id) throw forbidden('You cannot decide on your own content');
  const decision = VERDICTS[verb];
  const at = Date.now();
  const decided = stored(id, decision, reviewer.id, at);
  const targets = await subjectStatuses(deps, item);
  const auditId = newId();
  const effects: BatchItem<'sqlite'>[] = [];
  const told: FanoutMessage[] = [];
  if (decision === 'approved') {
    for (const s of targets.filter((t) => t.moderationState === 'held')) effects.push(...approveStatusWrites(deps.db, s.id, decided));
  } else if (decision === 'removed') {
    const reason = note || item.reason || 'It breaks the rules of this server';
    for (const s of targets.filter((t) => t.moderationState !== 'removed')) {
      effects.push(...(await removeStatusWrites(deps.db, s, reason, decided)));
      told.push(notificationMessage(moderationEvent(s)));
    }
  } else if (decision === 'deleted') {
    for (const s of targets) effects.push(...(await statusDeletionWrites(deps, s, decided)));
  }
  if (decision === 'deleted' || decision === 'warned') {
    effects.push(warningWrite(deps.db, item.accountId, auditId, decided, at));
    told.push(warningMessage(item.accountId, auditId));
  }
  if (item.subjectType === 'report') effects.push(deps.db.update(reports).set({ actionTakenAt: at }).where(and(eq(reports.id, item.subjectId), decided)));
  const [[row]] = await deps.db.batch([
    deps.db
      .update(moderationItems)
      .set({ state: decision, reviewerId: reviewer.id, reviewedAt: at, note: note || null })
      .where(and(eq(moderationItems.id, id), eq(moderationItems.state, 'open')))
      .returning(),
    ...effects,
    auditWrite(deps.db, auditOf(reviewer, verb, item, note), decided, auditId, at),
  ]);
  if (!row) throw conflict('This item has already been decided');
  const released = decision === 'approved' ? targets.filter((t) => t.moderationState === 'held') : [];
  return { item: row, released: released.length ? await statusesByIds(deps.db, released.map((s) => s.id)) : [], told };
}

/**
 * Undoes a removal or hide: the statuses the item removed are visible again (the caller fans
 * them out, as an approval's), and the item is `restored`.
 */
export async function restoreItem(deps: Deps, reviewer: AccountRow, id: string, note: string): Promise<Decided> {
  const item = await getItem(deps, id);
  if (item.state !== 'removed') throw conflict('Only a removed or hidden item can be restored');
  if (item.accountId === reviewer.id) throw forbidden('You cannot decide on your own content');
  const at = Date.now();
  const restored = stored(id, 'restored', reviewer.id, at);
  const targets = (await subjectStatuses(deps, item)).filter((t) => t.moderationState === 'removed');
  const [[row]] = await deps.db.batch([
    deps.db
      .update(moderationItems)
      .set({ state: 'restored', reviewerId: reviewer.id, reviewedAt: at, note })
      .where(and(eq(moderationItems.id, id), eq(moderationItems.state, 'removed')))
      .returning(),
    ...targets.flatMap((s) => approveStatusWrites(deps.db, s.id, restored)),
    auditWrite(deps.db, auditOf(reviewer, 'restore', item, note), restored, newId(), at),
  ]);
  if (!row) throw conflict('This item has already been restored');
  return { item: row, released: targets.length ? await statusesByIds(deps.db, targets.map((s) => s.id)) : [], told: [] };
}

/** The reports behind report items, for serializing a page. */
export async function reportsOf(deps: Deps, items: ModerationItemRow[]) {
  const ids = items.filter((i) => i.subjectType === 'report').map((i) => i.subjectId);
  return ids.length ? deps.db.select().from(reports).where(inArray(reports.id, ids)) : [];
}
