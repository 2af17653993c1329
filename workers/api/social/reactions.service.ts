/**
 * Emoji reactions (a SMILE extension) and reports. Reacting is idempotent and notifies the
 * author once per emoji; a report lands in the moderators' queue (the `reports` table, and a
 * review item of `moderation_items`).
 */
import { type SQL, and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Services } from '../context';
import { type AccountRow, accounts } from '../db/schema';
import { reactions, reports, statuses } from '../db/social';
import { openItem } from '../moderation/items';
import { invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { notify, unnotify } from '../notifications/notify';
import { viewableStatus } from './statuses.service';

type Deps = Pick<Services, 'db' | 'config'>;

export async function react(deps: Deps, viewer: AccountRow, id: string, emoji: string, on: boolean) {
  const status = await viewableStatus(deps, viewer.id, id);
  // One notification per person and status, however many emojis they add; it goes with the last.
  const event = { recipientId: status.accountId, fromId: viewer.id, type: 'reaction' as const, statusId: status.id };
  const mine = and(eq(reactions.statusId, status.id), eq(reactions.accountId, viewer.id));
  if (on) {
    await deps.db.batch([deps.db.insert(reactions).values({ statusId: status.id, accountId: viewer.id, emoji }).onConflictDoNothing(), ...notify(deps.db, [event])]);
    return status;
  }
  await deps.db.delete(reactions).where(and(mine, eq(reactions.emoji, emoji)));
  const [left] = await deps.db.select({ n: count() }).from(reactions).where(mine);
  if (!left?.n) await unnotify(deps.db, event);
  return status;
}

/** Counts per emoji for a set of statuses (`statusIds`: SQL selecting ids), and whether the viewer reacted with each. */
export function reactionRows(db: Db, viewerId: string | null, statusIds: SQL) {
  return db
    .select({ statusId: reactions.statusId, emoji: reactions.emoji, n: count(), me: sql<number>`max(${reactions.accountId} = ${viewerId ?? ''})` })
    .from(reactions)
    .where(sql`${reactions.statusId} IN ${statusIds}`)
    .groupBy(reactions.statusId, reactions.emoji)
    .orderBy(sql`count(*) DESC`, reactions.emoji);
}

export type ReactionCount = Awaited<ReturnType<typeof reactionRows>>[number];

/** The reactions of each status, most used first. */
export function reactionsByStatus(rows: ReactionCount[]): Map<string, { name: string; count: number; me: boolean }[]> {
  const out = new Map<string, { name: string; count: number; me: boolean }[]>();
  for (const r of rows) out.set(r.statusId, [...(out.get(r.statusId) ?? []), { name: r.emoji, count: r.n, me: Boolean(r.me) }]);
  return out;
}

export async function createReport(deps: Deps, reporter: AccountRow, body: { account_id: string; status_ids?: string[] | undefined; comment?: string | undefined; category?: 'spam' | 'legal' | 'violation' | 'other' | undefined }) {
  const [target] = await deps.db.select().from(accounts).where(eq(accounts.id, body.account_id)).limit(1);
  if (!target) throw notFound();
  const statusIds = [...new Set(body.status_ids ?? [])];
  if (statusIds.length) {
    const found = await deps.db.select({ id: statuses.id }).from(statuses).where(and(inArray(statuses.id, statusIds), eq(statuses.accountId, target.id)));
    if (found.length !== statusIds.length) throw invalidField('status_ids', 'must be statuses of the reported account');
  }
  const id = newId();
  const category = body.category ?? (statusIds.length ? 'violation' : 'other');
  const comment = body.comment ?? '';
  // The report and its review item are stored together: every report reaches the moderators' queue.
  const [[row]] = await deps.db.batch([
    deps.db.insert(reports).values({ id, accountId: reporter.id, targetAccountId: target.id, statusIds: JSON.stringify(statusIds), category, comment }).returning(),
    openItem(deps.db, { subjectType: 'report', subjectId: id, accountId: target.id, action: 'report', categories: [category], reason: comment || null, source: 'report', excerpt: comment }),
  ]);
  return { report: row!, target };
}
