/**
 * Search and discovery over D1: FTS5 indexes (migration 0007) ranked with bm25 and prefix
 * matching, always joined back to the rows so visibility, blocks and "hide from search"
 * (accounts.indexable) apply to every result.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Services } from '../context';
import { type AccountRow, accounts } from '../db/schema';
import { type StatusRow, statuses } from '../db/social';
import { visibleTo } from '../social/visibility';
import { agentAccountShown, aiContentShown } from '../agents/ai-content';

type Deps = Pick<Services, 'db'>;

export interface Window {
  limit: number;
  offset: number;
}

export const window = (limit?: number, offset?: number, max = 40): Window => ({ limit: Math.min(Math.max(limit ?? 20, 1), max), offset: Math.max(offset ?? 0, 0) });

/** User input → an FTS5 query: every word must match, each as a prefix; syntax characters are dropped. */
export function ftsQuery(q: string): string | null {
  const words = q
    .normalize('NFKC')
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}_]/gu, ''))
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

/** Accounts neither blocking nor blocked by the viewer. */
const notBlocked = (viewerId: string | null) =>
  viewerId
    ? sql`NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = ${viewerId} AND b.target_id = ${accounts.id}) OR (b.account_id = ${accounts.id} AND b.target_id = ${viewerId}))`
    : sql`1 = 1`;

async function inOrder<T extends { id: string }>(ids: string[], load: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await load(ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function searchAccounts(deps: Deps, viewerId: string | null, q: string, w: Window, following = false): Promise<AccountRow[]> {
  const match = ftsQuery(q.replace(/^@/, '').split('@')[0] ?? '');
  if (!match) return [];
  const exact = q.replace(/^@/, '').split('@')[0]!.toLowerCase();
  const rows = await deps.db.all<{ id: string }>(sql`
    SELECT ${accounts.id} AS id FROM accounts_fts JOIN ${accounts} ON ${accounts.id} = accounts_fts.account_id
    WHERE accounts_fts MATCH ${match}
      AND (${accounts.indexable} = 1 OR ${accounts.id} = ${viewerId ?? ''})
      AND ${notBlocked(viewerId)}
      AND ${agentAccountShown(viewerId)}
      ${following && viewerId ? sql`AND ${accounts.id} IN (SELECT target_id FROM follows WHERE account_id = ${viewerId})` : sql``}
    ORDER BY lower(${accounts.username}) = ${exact} DESC, bm25(accounts_fts, 0, 10, 5, 1), ${accounts.followersCount} DESC
    LIMIT ${w.limit} OFFSET ${w.offset}`);
  return inOrder(rows.map((r) => r.id), (ids) => deps.db.select().from(accounts).where(inArray(accounts.id, ids)));
}

/**
 * How many of the newest matches are ranked. Ranking every match of a common word costs a
 * scoring pass over all of them (300 ms for 29,000 matches in the benchmark's 300,000
 * statuses); ranking the newest 1,000 costs 25 ms, and a search is mostly after recent posts.
 */
const RANKED_MATCHES = 1000;

/** Public statuses of searchable accounts, and the viewer's own and visible ones, best match first among the newest matches. */
export async function searchStatuses(deps: Deps, viewerId: string | null, q: string, w: Window, accountId?: string): Promise<StatusRow[]> {
  const match = ftsQuery(q);
  if (!match) return [];
  // FTS rowids grow with each indexed post, so the newest matches are a rowid range that FTS5 reads without scoring the rest.
  // A search within one account ranks all of its matches.
  const rows = await deps.db.all<{ id: string }>(sql`
    SELECT ${statuses.id} AS id FROM statuses_fts JOIN ${statuses} ON ${statuses.id} = statuses_fts.status_id
    WHERE statuses_fts MATCH ${match}
      ${accountId ? sql`` : sql`AND statuses_fts.rowid >= (SELECT min(rowid) FROM (SELECT rowid FROM statuses_fts WHERE statuses_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${RANKED_MATCHES}))`}
      AND ${visibleTo(viewerId)}
      AND ${aiContentShown(viewerId)}
      AND (${statuses.accountId} = ${viewerId ?? ''} OR (${statuses.visibility} = 'public' AND EXISTS (SELECT 1 FROM accounts sa WHERE sa.id = ${statuses.accountId} AND sa.indexable = 1)))
      ${accountId ? sql`AND ${statuses.accountId} = ${accountId}` : sql``}
    ORDER BY bm25(statuses_fts), ${statuses.id} DESC
    LIMIT ${w.limit} OFFSET ${w.offset}`);
  return inOrder(rows.map((r) => r.id), (ids) => deps.db.select().from(statuses).where(inArray(statuses.id, ids)));
}

export async function searchTags(deps: Deps, q: string, w: Window): Promise<string[]> {
  const prefix = q.replace(/^#/, '').toLowerCase().replace(/[^\p{L}\p{N}_]/gu, '');
  if (!prefix) return [];
  const rows = await deps.db.all<{ name: string }>(sql`
    SELECT name FROM tags WHERE name >= ${prefix} AND name < ${`${prefix}\u{10FFFF}`}
    ORDER BY name = ${prefix} DESC, (SELECT count(*) FROM status_tags st WHERE st.tag_id = tags.id) DESC, name
    LIMIT ${w.limit} OFFSET ${w.offset}`);
  return rows.map((r) => r.name);
}

export async function directory(deps: Deps, viewerId: string | null, order: 'active' | 'new', w: Window): Promise<AccountRow[]> {
  return deps.db
    .select()
    .from(accounts)
    .where(and(eq(accounts.discoverable, true), notBlocked(viewerId), agentAccountShown(viewerId)))
    .orderBy(...(order === 'new' ? [desc(accounts.id)] : [sql`${accounts.lastStatusAt} IS NULL`, desc(accounts.lastStatusAt)]))
    .limit(w.limit)
    .offset(w.offset);
}

/** Popular discoverable accounts — people and agents — that the viewer does not follow yet. */
export async function suggestions(deps: Deps, viewerId: string, limit: number): Promise<AccountRow[]> {
  return deps.db
    .select()
    .from(accounts)
    .where(
      and(
        eq(accounts.discoverable, true),
        sql`${accounts.id} != ${viewerId}`,
        sql`${accounts.id} NOT IN (SELECT target_id FROM follows WHERE account_id = ${viewerId})`,
        sql`${accounts.id} NOT IN (SELECT target_id FROM mutes WHERE account_id = ${viewerId})`,
        notBlocked(viewerId),
        agentAccountShown(viewerId),
      ),
    )
    .orderBy(desc(accounts.followersCount), desc(accounts.lastStatusAt))
    .limit(Math.min(Math.max(limit, 1), 80));
}
