/**
 * Trends: the hashtags used by the most accounts in the last week, and the public statuses with
 * the most likes and shares in the last two days.
 *
 * Ranking reads every public status of the window — a week of the benchmark's 300,000 statuses
 * is some 35,000 rows, ~0.1 s of D1 alone and 9 s at p50 with ten people asking at once, while
 * every other route waited behind it (`scripts/bench/routes.mjs`). A ranking changes over minutes, not
 * requests, so each isolate ranks at most once a minute and keeps the top of each list, as
 * Mastodon recomputes its trends every few minutes. What each viewer may see (visibility,
 * blocks, moderation, their setting for AI content) is applied on every request, to the rows as
 * they are now, so a status deleted or hidden since the ranking drops out at once.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Services } from '../context';
import { type StatusRow, statuses } from '../db/social';
import { idAt } from '../lib/ids';
import { visibleTo } from '../social/visibility';
import { aiContentShown } from '../agents/ai-content';
import type { Window } from './search.service';

type Deps = Pick<Services, 'db'>;

const DAY = 86_400_000;
const RANKING_TTL_MS = 60_000;
/** How far the trends go: paging past these places finds nothing. */
const TRENDING_TAGS_MAX = 100;
const TRENDING_STATUSES_MAX = 200;

/** A ranking this isolate computed, kept for a minute. A value, never a promise: a promise is bound to the request that made it. */
class Kept<T> {
  private value: T | undefined;
  private until = 0;

  async get(now: number, rank: () => Promise<T>): Promise<T> {
    if (this.value === undefined || this.until <= now) {
      this.value = await rank();
      this.until = now + RANKING_TTL_MS;
    }
    return this.value;
  }
}

export type TagDay = { day: string; uses: string; accounts: string };
export interface TagTrend {
  name: string;
  history: TagDay[];
}
const tagTrends = new Kept<TagTrend[]>();
const statusTrends = new Kept<string[]>();

/**
 * Status ids are time-ordered (lib/ids.ts): bounding them lets SQLite read the window's range of
 * the (visibility, id) index instead of every public status; `created_at` keeps the exact bound.
 */
const since = (at: number) => sql`${statuses.id} >= ${idAt(at)} AND ${statuses.createdAt} >= ${at}`;

/** The trending tags with their week; the histories are part of the ranking, as they read the same rows. */
export async function trendingTags(deps: Deps, w: Window, now = Date.now()): Promise<TagTrend[]> {
  const trends = await tagTrends.get(now, async () => {
    const rows = await deps.db.all<{ name: string }>(sql`
      SELECT t.name AS name FROM ${statuses} JOIN status_tags st ON st.status_id = ${statuses.id} JOIN tags t ON t.id = st.tag_id
      WHERE ${statuses.visibility} = 'public' AND ${since(now - 7 * DAY)}
      GROUP BY t.id ORDER BY count(DISTINCT ${statuses.accountId}) DESC, count(*) DESC, t.name
      LIMIT ${TRENDING_TAGS_MAX}`);
    const names = rows.map((r) => r.name);
    const histories = await tagHistories(deps, names, now);
    return names.map((name) => ({ name, history: histories.get(name)! }));
  });
  return trends.slice(w.offset, w.offset + w.limit);
}

/** Mastodon's tag history: uses and distinct accounts per day, the last 7 days, newest first. */
export async function tagHistories(deps: Deps, names: string[], now = Date.now()): Promise<Map<string, TagDay[]>> {
  const today = Math.floor(now / DAY) * DAY;
  const from = today - 6 * DAY;
  // D1 may bind JS numbers as REAL, so the day is truncated explicitly.
  const rows = names.length
    ? await deps.db.all<{ name: string; day: number; uses: number; accounts: number }>(sql`
        SELECT t.name AS name, CAST(${statuses.createdAt} / ${DAY} AS INTEGER) * ${DAY} AS day, count(*) AS uses, count(DISTINCT ${statuses.accountId}) AS accounts
        FROM tags t JOIN status_tags st ON st.tag_id = t.id AND st.status_id >= ${idAt(from)} JOIN ${statuses} ON ${statuses.id} = st.status_id
        WHERE t.name IN (SELECT value FROM json_each(${JSON.stringify(names)})) AND ${statuses.createdAt} >= ${from} AND ${statuses.visibility} = 'public'
        GROUP BY t.name, day`)
    : [];
  return new Map(
    names.map((name) => [
      name,
      Array.from({ length: 7 }, (_, i) => {
        const day = today - i * DAY;
        const r = rows.find((x) => x.name === name && Number(x.day) === day);
        return { day: String(day / 1000), uses: String(r?.uses ?? 0), accounts: String(r?.accounts ?? 0) };
      }),
    ]),
  );
}

const engagement = sql`${statuses.favouritesCount} + ${statuses.reblogsCount}`;
/** Kept out of trends as out of search ("hide from search"); checked again per request, as it may change within the minute. */
const indexableAuthor = sql`EXISTS (SELECT 1 FROM accounts ta WHERE ta.id = ${statuses.accountId} AND ta.indexable = 1)`;

export async function trendingStatuses(deps: Deps, viewerId: string | null, w: Window, now = Date.now()): Promise<StatusRow[]> {
  const ids = await statusTrends.get(now, async () => {
    const rows = await deps.db
      .select({ id: statuses.id })
      .from(statuses)
      .where(and(eq(statuses.visibility, 'public'), since(now - 2 * DAY), sql`${statuses.reblogOfId} IS NULL`, indexableAuthor))
      .orderBy(desc(engagement), desc(statuses.id))
      .limit(TRENDING_STATUSES_MAX);
    return rows.map((r) => r.id);
  });
  if (!ids.length) return [];
  return deps.db
    .select()
    .from(statuses)
    .where(and(sql`${statuses.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`, indexableAuthor, visibleTo(viewerId), aiContentShown(viewerId)))
    .orderBy(desc(engagement), desc(statuses.id))
    .limit(w.limit)
    .offset(w.offset);
}
