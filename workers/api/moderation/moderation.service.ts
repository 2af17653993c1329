/**
 * The review queue for moderators: listing items, and deciding them. A decision is one D1
 * batch — the item (who decided, when, the note) and its effects — and the effects run only
 * if this very decision was stored, so two moderators deciding at once cannot both act.
 */
import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { z } from 'zod';
import type { ModerationItemsQuery } from '../../../shared/schemas/moderation';
import type { Services } from '../context';
import { type ModerationItemRow, moderationItems } from '../db/moderation';
import type { AccountRow } from '../db/schema';
import { reports, type StatusRow } from '../db/social';
import { conflict, notFound } from '../lib/errors';
import { newestFirst, page } from '../lib/pagination';
import { findStatus } from '../social/statuses.service';
import { approveStatusWrites, removeStatusWrites, statusesByIds } from './statuses';

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

export type Decision = 'approved' | 'removed';

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

/**
 * Decides an open item. Approving a held status makes it visible (the caller fans it out and
 * gets it back in `released`); removing hides a status, or a report's statuses, from everyone
 * but the author, who is notified with the reason. A report is marked as acted on either way.
 */
export async function decide(deps: Deps, reviewer: AccountRow, id: string, decision: Decision, note: string | undefined): Promise<{ item: ModerationItemRow; released: StatusRow[] }> {
  const item = await getItem(deps, id);
  if (item.state !== 'open') throw conflict('This item has already been decided');
  const at = Date.now();
  const decided: SQL = sql`EXISTS (SELECT 1 FROM moderation_items WHERE id = ${id} AND state = ${decision} AND reviewer_id = ${reviewer.id} AND reviewed_at = ${at})`;
  const targets = await subjectStatuses(deps, item);
  const effects: BatchItem<'sqlite'>[] = [];
  if (decision === 'approved') {
    for (const s of targets.filter((t) => t.moderationState === 'held')) effects.push(...approveStatusWrites(deps.db, s.id, decided));
  } else {
    const reason = note || item.reason || 'It breaks the rules of this server';
    for (const s of targets.filter((t) => t.moderationState !== 'removed')) effects.push(...(await removeStatusWrites(deps.db, s, reason, decided)));
  }
  if (item.subjectType === 'report') effects.push(deps.db.update(reports).set({ actionTakenAt: at }).where(and(eq(reports.id, item.subjectId), decided)));
  const [[row]] = await deps.db.batch([
    deps.db
      .update(moderationItems)
      .set({ state: decision, reviewerId: reviewer.id, reviewedAt: at, note: note || null })
      .where(and(eq(moderationItems.id, id), eq(moderationItems.state, 'open')))
      .returning(),
    ...effects,
  ]);
  if (!row) throw conflict('This item has already been decided');
  const released = decision === 'approved' ? targets.filter((t) => t.moderationState === 'held') : [];
  return { item: row, released: released.length ? await statusesByIds(deps.db, released.map((s) => s.id)) : [] };
}

/** The reports behind report items, for serializing a page. */
export async function reportsOf(deps: Deps, items: ModerationItemRow[]) {
  const ids = items.filter((i) => i.subjectType === 'report').map((i) => i.subjectId);
  return ids.length ? deps.db.select().from(reports).where(inArray(reports.id, ids)) : [];
}
