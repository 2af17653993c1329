/**
 * Where analytics events go (ARCHITECTURE.md §3): Workers Analytics Engine when the `ANALYTICS`
 * binding is there (production), D1's `analytics_events` otherwise (locally, tests, and a
 * deployment without the binding). Both write only what the consent rule allows.
 */
import type { Env } from '../../env';
import { mayRecord } from './consent-sql';
import { type AnalyticsEvent, dayOf } from './events';
import { newId } from '../lib/ids';

export interface AnalyticsSink {
  /** Records the events whose actors allow it (`consent-sql.ts`); the others are dropped, not counted. */
  record(events: AnalyticsEvent[]): Promise<void>;
}

const rows = (events: AnalyticsEvent[]) =>
  events.map((e) => {
    const at = e.at ?? Date.now();
    return { id: newId(at), day: dayOf(at), type: e.type, actor: e.actorId, subject: e.subjectId ?? null, listing: e.listingId ?? null, value: e.value ?? null, at };
  });

/** One statement for any number of events: the rows as one JSON parameter, each kept only if its actor allows it. */
export function d1Sink(db: D1Database): AnalyticsSink {
  return {
    async record(events) {
      if (events.length === 0) return;
      const e = (field: string) => `json_extract(j.value, '$.${field}')`;
      await db
        .prepare(
          `INSERT INTO analytics_events (id, day, type, actor_id, subject_id, listing_id, value, created_at)
           SELECT ${['id', 'day', 'type', 'actor', 'subject', 'listing', 'value', 'at'].map(e).join(', ')} FROM json_each(?1) j WHERE ${mayRecord(e('actor'))}`,
        )
        .bind(JSON.stringify(rows(events)))
        .run();
    },
  };
}

/**
 * Analytics Engine: the consent rule is read from D1 first (one read; the dataset cannot join),
 * then one data point per allowed event. Layout: index = the subject (the sampling key: an agent's
 * events sample together), blobs = [type, day, actor, subject, listing], doubles = [1, value].
 */
export function engineSink(dataset: AnalyticsEngineDataset, db: D1Database): AnalyticsSink {
  return {
    async record(events) {
      if (events.length === 0) return;
      const actors = [...new Set(events.map((e) => e.actorId))];
      const allowed = await db.prepare(`SELECT value AS id FROM json_each(?1) WHERE ${mayRecord('value')}`).bind(JSON.stringify(actors)).all<{ id: string }>();
      const may = new Set(allowed.results.map((r) => r.id));
      for (const r of rows(events)) {
        if (!may.has(r.actor)) continue;
        dataset.writeDataPoint({ indexes: [r.subject ?? r.actor], blobs: [r.type, r.day, r.actor, r.subject ?? '', r.listing ?? ''], doubles: [1, r.value ?? 0] });
      }
    },
  };
}

export function analyticsSink(env: Pick<Env, 'DB' | 'ANALYTICS'>): AnalyticsSink {
  return env.ANALYTICS ? engineSink(env.ANALYTICS, env.DB) : d1Sink(env.DB);
}
