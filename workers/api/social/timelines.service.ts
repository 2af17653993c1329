/**
 * Timelines: home, public, hashtag, an account's statuses, and the viewer's bookmarks and
 * favourites. Each page is one query over an index ordered by id, with the visibility rule
 * (`visibleTo`) in SQL so a followers-only status never leaks into any list.
 *
 * The home timeline reads what fan-out wrote (`home-feed.ts`) for its recent region, and merges
 * at read time only what was not written: accounts past the fan-out limit, and statuses older
 * than the written feeds keep.
 */
import { type AnyColumn, type SQL, and, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import type { PageQuery } from '../../../shared/schemas/pagination';
import type { AccountStatusesQuery, PublicTimelineQuery } from '../../../shared/schemas/statuses';
import type { Services } from '../context';
import { bookmarks, favourites, statusPins, statusTags, statuses, tags } from '../db/social';
import { follows } from '../db/relationships';
import type { SharedQuery } from '../lib/one-trip';
import { page } from '../lib/pagination';
import { homeFeed } from '../db/home-feed';
import { homeHorizon } from './home-feed';
import { hiddenAuthors, notMutedBy, visibleTo } from './visibility';
import { aiContentShown, followedAgentShown, notHiddenAgent } from '../agents/ai-content';
import { rowSuspendedSql } from '../admin/suspension';
import { accounts } from '../db/schema';

type Deps = Pick<Services, 'db' | 'config'>;

/** A page's `id`s (statuses) and `cursor`s (what the Link header pages by), its order and limit applied: read by `readPage`. */
export type PageSelect = SharedQuery['query'];

const cursorIs = (column: AnyColumn | SQL) => sql<string>`${column}`.as('cursor');

function statusPage(deps: Deps, q: PageQuery, ...conditions: (SQL | undefined)[]): PageSelect {
  const p = page(statuses.id, q);
  return deps.db.select({ id: statuses.id, cursor: cursorIs(statuses.id) }).from(statuses).where(and(p.where, ...conditions)).orderBy(p.order).limit(p.limit);
}

const hasMedia = () => sql`EXISTS (SELECT 1 FROM media_attachments ma WHERE ma.status_id = ${statuses.id})`;

/** A status's author, joined once per row of a home page. */
const author = alias(accounts, 'author');

/**
 * What a home shows of a status by an account the viewer follows (or is): visible (its
 * moderation, the author's suspension, followers-only and direct rules), the author not hidden
 * (`hiddenAuthors`: blocked, muted, "not interested") nor an agent under "none", and a reblog
 * only if the follow shows reblogs and the original's author is not hidden either. With
 * `authorChecked`, the author-level conditions were applied to the accounts already
 * (`mergedAccounts`). Written once per home read and not per row: D1 compiles it on every call,
 * which is most of what a page costs.
 */
function homeShows(viewerId: string, authorChecked = false): SQL {
  const authorShown = authorChecked
    ? undefined
    : and(sql`${statuses.accountId} NOT IN ${hiddenAuthors(viewerId)}`, sql`NOT (${rowSuspendedSql(author)} AND ${statuses.accountId} <> ${viewerId})`, followedAgentShown(viewerId, author.kind));
  return and(
    authorShown,
    sql`(${statuses.moderationState} = 'ok' OR ${statuses.accountId} = ${viewerId})`,
    sql`(${statuses.visibility} IN ('public', 'unlisted') OR ${statuses.accountId} = ${viewerId}
      OR (${statuses.visibility} = 'private' AND EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ${viewerId} AND f.target_id = ${statuses.accountId}))
      OR EXISTS (SELECT 1 FROM mentions m WHERE m.status_id = ${statuses.id} AND m.account_id = ${viewerId}))`,
    sql`(${statuses.reblogOfId} IS NULL OR NOT EXISTS (SELECT 1 FROM statuses ro WHERE ro.id = ${statuses.reblogOfId} AND (
      EXISTS (SELECT 1 FROM follows sr WHERE sr.account_id = ${viewerId} AND sr.target_id = ${statuses.accountId} AND sr.show_reblogs = 0)
      OR ro.account_id IN ${hiddenAuthors(viewerId)}
      OR NOT ${notHiddenAgent(viewerId, sql`ro.account_id`)})))`,
  )!;
}

/** The followed accounts merged at read time whose statuses the viewer's home may show (the author-level half of `homeShows`). */
function mergedAccounts(viewerId: string): SQL {
  return sql`(SELECT ${accounts.id} FROM ${follows} JOIN ${accounts} ON ${accounts.id} = ${follows.targetId}
    WHERE ${follows.accountId} = ${viewerId} AND ${accounts.fanOutOnRead} = 1 AND ${accounts.id} NOT IN ${hiddenAuthors(viewerId)}
      AND NOT ${rowSuspendedSql(accounts)} AND ${followedAgentShown(viewerId, accounts.kind)})`;
}

/** Recent region: the written feed, plus the statuses of followed accounts merged at read time. */
function recentHome(deps: Deps, viewerId: string, q: PageQuery, limit: number, horizon: string): PageSelect {
  const written = page(homeFeed.statusId, q);
  const merged = page(statuses.id, q);
  const fromFeed = sql<string>`${homeFeed.statusId}`;
  return (
    deps.db
      // The id is read from home_feed so that the index's order serves the ORDER BY (no sort of the whole feed).
      .select({ id: fromFeed.as('id'), cursor: cursorIs(fromFeed) })
      .from(homeFeed)
      .innerJoin(statuses, eq(statuses.id, homeFeed.statusId))
      .innerJoin(author, eq(author.id, statuses.accountId))
      .where(and(eq(homeFeed.accountId, viewerId), gte(homeFeed.statusId, horizon), written.where, homeShows(viewerId)))
      .union(
        deps.db
          .select({ id: statuses.id, cursor: cursorIs(statuses.id) })
          .from(statuses)
          .where(and(sql`${statuses.accountId} IN ${mergedAccounts(viewerId)}`, gte(statuses.id, horizon), merged.where, homeShows(viewerId, true))),
      )
      .orderBy(merged.ascending ? sql`id ASC` : sql`id DESC`)
      .limit(limit)
  );
}

/** Older region: nothing is written for it, so own and followed accounts' statuses are merged at read time. */
function olderHome(deps: Deps, viewerId: string, q: PageQuery, limit: number, horizon: string): PageSelect {
  const p = page(statuses.id, q);
  return deps.db
    .select({ id: statuses.id, cursor: cursorIs(statuses.id) })
    .from(statuses)
    .innerJoin(author, eq(author.id, statuses.accountId))
    .where(and(sql`(${statuses.accountId} = ${viewerId} OR ${statuses.accountId} IN (SELECT target_id FROM follows WHERE account_id = ${viewerId}))`, lt(statuses.id, horizon), p.where, homeShows(viewerId)))
    .orderBy(p.order)
    .limit(limit);
}

/**
 * The home timeline's regions in the page's direction, each a page select for the rows still
 * wanted. A reader stops when the page is full, so a page within the last `HOME_FEED_DAYS`
 * (nearly every page read) is one region.
 */
export function homeRegions(deps: Deps, viewerId: string, q: PageQuery): { limit: number; ascending: boolean; regions: ((limit: number) => PageSelect)[] } {
  const p = page(statuses.id, q);
  const horizon = homeHorizon(Date.now());
  const upper = q.max_id;
  const lower = q.min_id ?? q.since_id;
  const regions = [
    { read: recentHome, reaches: !upper || BigInt(upper) > BigInt(horizon) },
    { read: olderHome, reaches: !lower || BigInt(lower) < BigInt(horizon) },
  ];
  if (p.ascending) regions.reverse();
  return { limit: p.limit, ascending: p.ascending, regions: regions.filter((r) => r.reaches).map((r) => (limit: number) => r.read(deps, viewerId, q, limit, horizon)) };
}

export function publicTimeline(deps: Deps, viewerId: string | null, q: z.output<typeof PublicTimelineQuery>): PageSelect {
  // Every account is local: a "remote only" timeline is empty.
  if (q.remote) return statusPage(deps, q, sql`0`);
  return statusPage(deps, q, eq(statuses.visibility, 'public'), isNull(statuses.reblogOfId), visibleTo(viewerId), notMutedBy(viewerId), aiContentShown(viewerId), q.only_media ? hasMedia() : undefined);
}

export function tagTimeline(deps: Deps, viewerId: string | null, tag: string, q: z.output<typeof PublicTimelineQuery>): PageSelect {
  return statusPage(
    deps,
    q,
    inArray(statuses.id, deps.db.select({ id: statusTags.statusId }).from(statusTags).innerJoin(tags, eq(tags.id, statusTags.tagId)).where(eq(tags.name, tag.toLowerCase()))),
    eq(statuses.visibility, 'public'),
    visibleTo(viewerId),
    notMutedBy(viewerId),
    aiContentShown(viewerId),
    q.only_media ? hasMedia() : undefined,
  );
}

export function accountStatuses(deps: Deps, viewerId: string | null, accountId: string, q: z.output<typeof AccountStatusesQuery>): PageSelect {
  const base = [eq(statuses.accountId, accountId), visibleTo(viewerId)];
  if (q.pinned) {
    // Pinned statuses are one short list, newest pin first; they do not page.
    return deps.db
      .select({ id: statuses.id, cursor: cursorIs(statusPins.id) })
      .from(statusPins)
      .innerJoin(statuses, eq(statuses.id, statusPins.statusId))
      .where(and(eq(statusPins.accountId, accountId), ...base));
  }
  return statusPage(
    deps,
    q,
    ...base,
    q.exclude_replies ? sql`(${statuses.inReplyToId} IS NULL OR ${statuses.inReplyToAccountId} = ${accountId})` : undefined,
    q.exclude_reblogs ? isNull(statuses.reblogOfId) : undefined,
    q.only_media ? hasMedia() : undefined,
    q.tagged ? inArray(statuses.id, deps.db.select({ id: statusTags.statusId }).from(statusTags).innerJoin(tags, eq(tags.id, statusTags.tagId)).where(eq(tags.name, q.tagged.toLowerCase()))) : undefined,
  );
}

/** The viewer's bookmarks or favourites, newest action first, paged by the action's id. */
export function savedStatuses(deps: Deps, viewerId: string, kind: 'bookmarks' | 'favourites', q: PageQuery): PageSelect {
  const table = kind === 'bookmarks' ? bookmarks : favourites;
  const p = page(table.id, q);
  return deps.db
    .select({ id: statuses.id, cursor: cursorIs(table.id) })
    .from(table)
    .innerJoin(statuses, eq(statuses.id, table.statusId))
    .where(and(eq(table.accountId, viewerId), p.where, visibleTo(viewerId)))
    .orderBy(p.order)
    .limit(p.limit);
}
