/**
 * Analytics in each cron run: yesterday and today rolled up again (yesterday takes in the events
 * recorded after midnight; today's figures are provisional until the day is over), then the raw
 * rows past their retention deleted. A failure is logged and the next run tries again.
 */
import { addDays, dayOf } from '../api/analytics/events';
import { purgeRawAnalytics, rollUpDay } from '../api/analytics/rollup';
import { eventSource } from '../api/analytics/sources';
import type { Logger } from '../api/lib/logger';
import type { Config, Env } from '../env';

export async function runAnalyticsJobs(env: Env, config: Config, log: Logger, now: number) {
  const today = dayOf(now);
  const source = eventSource(env, config);
  let rolledUp = 0;
  if (!source) log.error('analytics events go to Analytics Engine but ANALYTICS_ACCOUNT_ID and ANALYTICS_API_TOKEN are not set: nothing rolled up (docs/analytics.md)');
  else {
    for (const day of [addDays(today, -1), today]) {
      try {
        await rollUpDay(env.DB, source, day);
        rolledUp++;
      } catch (err) {
        log.error('analytics rollup failed', { day, error: (err as Error).message });
      }
    }
  }
  const purged = await purgeRawAnalytics(env.DB, today);
  return { rolledUp, ...purged };
}
