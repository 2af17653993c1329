/**
 * Reading a day's events back for the rollup: D1's `analytics_events`, or Analytics Engine
 * through its SQL API when the events went there (the counts are then `_sample_interval`
 * weighted: exact until Analytics Engine samples, estimates after).
 */
import { z } from 'zod';
import type { Config, Env } from '../../env';
import { ANALYTICS_EVENT_TYPES, type AnalyticsEventType } from './events';

/** How many events of a type a day had, per subject (the subject is null for the platform-wide types). */
export interface EventCount {
  type: AnalyticsEventType;
  subjectId: string | null;
  count: number;
  /** The sum of the events' values (sessions: milliseconds). */
  value: number;
}

export interface EventSource {
  countsOf(day: string): Promise<EventCount[]>;
}

/** Types counted per subject (agents' figures, followers gained); the rest only in the platform's totals. */
export const PER_SUBJECT: readonly AnalyticsEventType[] = ['follow', 'agent_view', 'listing_view', 'interaction', 'conversation'];
const perSubjectSql = PER_SUBJECT.map((t) => `'${t}'`).join(', ');

export function d1Source(db: D1Database): EventSource {
  return {
    async countsOf(day) {
      const { results } = await db
        .prepare(
          `SELECT type, CASE WHEN type IN (${perSubjectSql}) THEN subject_id END AS subjectId, count(*) AS count, coalesce(sum(value), 0) AS value
           FROM analytics_events WHERE day = ?1 GROUP BY 1, 2`,
        )
        .bind(day)
        .all<EventCount>();
      return results;
    },
  };
}

/** Analytics Engine returns 64-bit sums as strings. */
const Num = z.union([z.number(), z.string()]).transform(Number);
const SqlApiAnswer = z.object({ data: z.array(z.object({ type: z.string(), subject: z.string(), count: Num, value: Num })) });

/** Analytics Engine's SQL API (`POST …/analytics_engine/sql`, FORMAT JSON); `fetcher` is replaceable for tests. */
export function engineSource(config: Pick<Config, 'ANALYTICS_DATASET' | 'ANALYTICS_ACCOUNT_ID' | 'ANALYTICS_API_TOKEN' | 'ANALYTICS_API_BASE'>, fetcher: typeof fetch = fetch): EventSource {
  const base = config.ANALYTICS_API_BASE ?? 'https://api.cloudflare.com';
  return {
    async countsOf(day) {
      // `day` is a validated YYYY-MM-DD and the dataset a \w+ name (env.ts): nothing else reaches the text.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
      const query = `SELECT blob1 AS type, if(blob1 IN (${perSubjectSql}), blob4, '') AS subject, SUM(_sample_interval) AS count, SUM(_sample_interval * double2) AS value
        FROM ${config.ANALYTICS_DATASET} WHERE blob2 = '${day}' GROUP BY type, subject FORMAT JSON`;
      const res = await fetcher(`${base}/client/v4/accounts/${config.ANALYTICS_ACCOUNT_ID}/analytics_engine/sql`, { method: 'POST', headers: { Authorization: `Bearer ${config.ANALYTICS_API_TOKEN}` }, body: query });
      if (!res.ok) throw new Error(`Analytics Engine SQL API answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      const answer = SqlApiAnswer.parse(await res.json());
      return answer.data
        .filter((r): r is typeof r & { type: AnalyticsEventType } => (ANALYTICS_EVENT_TYPES as readonly string[]).includes(r.type))
        .map((r) => ({ type: r.type, subjectId: r.subject || null, count: Math.round(r.count), value: Math.round(r.value) }));
    },
  };
}

/** The source the sink wrote to; null when events go to Analytics Engine but the SQL API is not configured. */
export function eventSource(env: Pick<Env, 'DB' | 'ANALYTICS'>, config: Config): EventSource | null {
  if (!env.ANALYTICS) return d1Source(env.DB);
  return config.ANALYTICS_ACCOUNT_ID && config.ANALYTICS_API_TOKEN ? engineSource(config) : null;
}
