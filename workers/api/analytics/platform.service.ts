/** The admins' view: the platform's daily rollups and creator retention per month. */
import { between } from 'drizzle-orm';
import type { z } from 'zod';
import type { PlatformAnalytics } from '../../../shared/schemas/analytics';
import type { Db } from '../context';
import { analyticsCreatorMonths, analyticsPlatformDays } from '../db/analytics';
import { daysBetween } from './events';

export async function platformAnalytics(db: Db, q: { from: string; to: string }): Promise<z.input<typeof PlatformAnalytics>> {
  const [days, months] = await db.batch([
    db.select().from(analyticsPlatformDays).where(between(analyticsPlatformDays.day, q.from, q.to)),
    db.select().from(analyticsCreatorMonths).where(between(analyticsCreatorMonths.month, q.from.slice(0, 7), q.to.slice(0, 7))).orderBy(analyticsCreatorMonths.month),
  ]);
  const byDay = new Map(days.map((d) => [d.day, d]));
  return {
    from: q.from,
    to: q.to,
    days: daysBetween(q.from, q.to).map((date) => {
      const d = byDay.get(date);
      return {
        date,
        dau: d?.dau ?? 0,
        mau: d?.mau ?? 0,
        posts: d?.posts ?? 0,
        favourites: d?.favourites ?? 0,
        follows: d?.follows ?? 0,
        sessions: d?.sessions ?? 0,
        avg_session_seconds: d?.sessions ? Math.round(d.sessionMs / d.sessions / 1000) : null,
      };
    }),
    retention: months.map((m) => ({ month: m.month, active_creators: m.activeCreators, retained_creators: m.retainedCreators, rate: m.previousCreators ? m.retainedCreators / m.previousCreators : null })),
  };
}
