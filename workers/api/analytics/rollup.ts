/**
 * The daily rollup: a day's events (from the sink's source), its first entitlements and its
 * active people become that day's rows of `analytics_agent_days`, `analytics_platform_days` and
 * its month's `analytics_creator_months`. Each run replaces the day's rows whole in one batch, so
 * running a day again gives the same numbers (and takes in late events).
 */
import { type AnalyticsEventType, addDays, dayStart } from './events';
import type { EventCount, EventSource } from './sources';

const DAY_MS = 86_400_000;

type AgentDay = { agentId: string; impressions: number; interactions: number; conversations: number; followersGained: number; listingViews: number; purchases: number };
const AGENT_FIELD: Partial<Record<AnalyticsEventType, Array<Exclude<keyof AgentDay, 'agentId'>>>> = {
  agent_view: ['impressions'],
  listing_view: ['impressions', 'listingViews'],
  interaction: ['interactions'],
  conversation: ['conversations'],
  follow: ['followersGained'],
};

const sum = (counts: EventCount[], type: AnalyticsEventType, of: 'count' | 'value' = 'count') => counts.filter((c) => c.type === type).reduce((a, c) => a + c[of], 0);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string) => monthStart(addDays(monthStart(day), 31));
const previousMonth = (day: string) => monthStart(addDays(monthStart(day), -1));

/**
 * An agent's new holders that day: entitlements that are the account's first of the listing (a
 * renewal or a second pack is not a new purchase), free "gets" included.
 */
const FIRST_ENTITLEMENTS = `SELECT e.agent_id AS agentId, count(*) AS purchases FROM market_entitlements e
  WHERE e.created_at >= ?1 AND e.created_at < ?2
    AND NOT EXISTS (SELECT 1 FROM market_entitlements p WHERE p.account_id = e.account_id AND p.agent_id = e.agent_id AND p.listing_id = e.listing_id AND (p.created_at < e.created_at OR (p.created_at = e.created_at AND p.id < e.id)))
  GROUP BY e.agent_id`;

/** Rolls up one UTC day. */
export async function rollUpDay(db: D1Database, source: EventSource, day: string): Promise<{ agents: number }> {
  const counts = await source.countsOf(day);
  const subjects = [...new Set(counts.flatMap((c) => (c.subjectId ? [c.subjectId] : [])))];
  const [agentsFound, firsts] = await db.batch<{ agentId: string; purchases?: number }>([
    db.prepare('SELECT account_id AS agentId FROM agents WHERE account_id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(subjects)),
    db.prepare(FIRST_ENTITLEMENTS).bind(dayStart(day), dayStart(day) + DAY_MS),
  ]);

  const byAgent = new Map<string, AgentDay>();
  const row = (agentId: string) => byAgent.get(agentId) ?? byAgent.set(agentId, { agentId, impressions: 0, interactions: 0, conversations: 0, followersGained: 0, listingViews: 0, purchases: 0 }).get(agentId)!;
  const isAgent = new Set(agentsFound!.results.map((r) => r.agentId));
  for (const c of counts) {
    if (!c.subjectId || !isAgent.has(c.subjectId)) continue;
    for (const field of AGENT_FIELD[c.type] ?? []) row(c.subjectId)[field] += c.count;
  }
  for (const f of firsts!.results) row(f.agentId).purchases = f.purchases ?? 0;

  const month = monthStart(day);
  const agentColumns = ['impressions', 'interactions', 'conversations', 'followersGained', 'listingViews', 'purchases'];
  await db.batch([
    db.prepare('DELETE FROM analytics_agent_days WHERE day = ?1').bind(day),
    db
      .prepare(
        `INSERT INTO analytics_agent_days (day, agent_id, impressions, interactions, conversations, followers_gained, listing_views, purchases)
         SELECT ?1, json_extract(j.value, '$.agentId'), ${agentColumns.map((c) => `json_extract(j.value, '$.${c}')`).join(', ')} FROM json_each(?2) j`,
      )
      .bind(day, JSON.stringify([...byAgent.values()])),
    db
      .prepare(
        `INSERT OR REPLACE INTO analytics_platform_days (day, dau, mau, posts, favourites, follows, sessions, session_ms)
         VALUES (?1, (SELECT count(*) FROM analytics_active_days WHERE day = ?1), (SELECT count(DISTINCT account_id) FROM analytics_active_days WHERE day > ?2 AND day <= ?1), ?3, ?4, ?5, ?6, ?7)`,
      )
      .bind(day, addDays(day, -30), sum(counts, 'status'), sum(counts, 'favourite'), sum(counts, 'follow'), sum(counts, 'session'), sum(counts, 'session', 'value')),
    // Creators are the accounts that own an agent now; "active" is a day in analytics_active_days.
    db
      .prepare(
        `WITH creators AS (SELECT DISTINCT owner_id AS id FROM agents),
           cur AS (SELECT DISTINCT account_id AS id FROM analytics_active_days WHERE day >= ?2 AND day < ?3 AND account_id IN creators),
           prev AS (SELECT DISTINCT account_id AS id FROM analytics_active_days WHERE day >= ?4 AND day < ?2 AND account_id IN creators)
         INSERT OR REPLACE INTO analytics_creator_months (month, active_creators, retained_creators, previous_creators)
         SELECT ?1, (SELECT count(*) FROM cur), (SELECT count(*) FROM cur WHERE id IN prev), (SELECT count(*) FROM prev)`,
      )
      .bind(month.slice(0, 7), month, nextMonth(day), previousMonth(day)),
  ]);
  return { agents: byAgent.size };
}

/** Raw rows are kept this long (docs/privacy.md#retention): long enough to roll up again and to compare a month with the one before. */
export const RAW_RETENTION_DAYS = 90;

/** Deletes raw events and active days older than `RAW_RETENTION_DAYS`, at most `limit` rows of each a run. */
export async function purgeRawAnalytics(db: D1Database, today: string, limit = 5000): Promise<{ events: number; activeDays: number }> {
  const cutoff = addDays(today, -RAW_RETENTION_DAYS);
  const [events, activeDays] = await db.batch([
    db.prepare('DELETE FROM analytics_events WHERE id IN (SELECT id FROM analytics_events WHERE day < ?1 LIMIT ?2)').bind(cutoff, limit),
    db.prepare('DELETE FROM analytics_active_days WHERE rowid IN (SELECT rowid FROM analytics_active_days WHERE day < ?1 LIMIT ?2)').bind(cutoff, limit),
  ]);
  return { events: events!.meta.changes, activeDays: activeDays!.meta.changes };
}
