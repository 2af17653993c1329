/** The ModerationItem entity, for moderators: with the status as it is now, or the report. */
import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { ModerationItem } from '../../../shared/schemas/moderation';
import type { Services } from '../context';
import type { ModerationItemRow } from '../db/moderation';
import { statuses } from '../db/social';
import { hydrateStatuses } from '../social/hydrate';
import { reportsOf } from './moderation.service';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function serializeItems(deps: Pick<Services, 'db' | 'config'>, moderatorId: string, items: ModerationItemRow[]): Promise<z.input<typeof ModerationItem>[]> {
  const statusIds = items.filter((i) => i.subjectType === 'status').map((i) => i.subjectId);
  const [statusRows, reportRows] = await Promise.all([statusIds.length ? deps.db.select().from(statuses).where(inArray(statuses.id, statusIds)) : [], reportsOf(deps, items)]);
  const statusById = new Map((await hydrateStatuses(deps, moderatorId, statusRows)).map((s) => [s.id, s]));
  const reportById = new Map(reportRows.map((r) => [r.id, r]));
  return items.map((i) => {
    const report = i.subjectType === 'report' ? reportById.get(i.subjectId) : undefined;
    return {
      id: i.id,
      subject_type: i.subjectType,
      subject_id: i.subjectId,
      account_id: i.accountId,
      action: i.action,
      categories: JSON.parse(i.categories) as string[],
      reason: i.reason,
      source: i.source,
      excerpt: i.excerpt,
      state: i.state,
      reviewer_id: i.reviewerId,
      reviewed_at: iso(i.reviewedAt),
      note: i.note,
      created_at: iso(i.createdAt)!,
      status: (i.subjectType === 'status' && statusById.get(i.subjectId)) || null,
      report: report ? { id: report.id, reporter_id: report.accountId, category: report.category, comment: report.comment, status_ids: JSON.parse(report.statusIds) as string[] } : null,
    };
  });
}
