/**
 * Mastodon-style pagination over time-sortable ids: the SQL bounds for a page, and the `Link`
 * header (`rel="next"` for older items, `rel="prev"` for newer ones) built from the page's
 * first and last ids.
 */
import type { Context } from 'hono';
import { type AnyColumn, type SQL, and, asc, desc, gt, lt } from 'drizzle-orm';
import type { PageQuery } from '../../../shared/schemas/pagination';

export interface Page {
  limit: number;
  /** Conditions on the id column. */
  where: SQL | undefined;
  /** `min_id` walks forwards (oldest first) and the rows are reversed afterwards. */
  order: SQL;
  ascending: boolean;
}

export function page(column: AnyColumn, q: PageQuery, defaultLimit = 20, maxLimit = 40): Page {
  const limit = Math.min(Math.max(q.limit ?? defaultLimit, 1), maxLimit);
  const lower = q.min_id ?? q.since_id;
  const ascending = q.min_id !== undefined;
  return {
    limit,
    where: and(q.max_id ? lt(column, q.max_id) : undefined, lower ? gt(column, lower) : undefined),
    order: ascending ? asc(column) : desc(column),
    ascending,
  };
}

/** Rows newest first, whichever direction they were read in. */
export function newestFirst<T>(p: Page, rows: T[]): T[] {
  return p.ascending ? rows.reverse() : rows;
}

/** Sets the Link header for a page whose items have the given (newest-first) cursor ids. */
export function setLinkHeader(c: Context, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const url = new URL(c.req.url);
  const base = new URL(url.pathname, c.var.config?.PUBLIC_URL ?? url.origin);
  const link = (params: Record<string, string>) => {
    const next = new URL(base);
    for (const [k, v] of url.searchParams) if (!['max_id', 'min_id', 'since_id'].includes(k)) next.searchParams.append(k, v);
    for (const [k, v] of Object.entries(params)) next.searchParams.set(k, v);
    return next.href;
  };
  c.header('Link', `<${link({ max_id: ids[ids.length - 1]! })}>; rel="next", <${link({ min_id: ids[0]! })}>; rel="prev"`);
}

/**
 * The Link header for a list paged by `offset` (ranked lists, where ids are not the order):
 * `rel="next"` while the page came back full, `rel="prev"` after the first page.
 */
export function setOffsetLinkHeader(c: Context, offset: number, limit: number, count: number): void {
  const url = new URL(c.req.url);
  const link = (at: number) => {
    const next = new URL(url.pathname, c.var.config?.PUBLIC_URL ?? url.origin);
    for (const [k, v] of url.searchParams) if (k !== 'offset') next.searchParams.append(k, v);
    next.searchParams.set('offset', String(at));
    return next.href;
  };
  const links = [...(count >= limit ? [`<${link(offset + limit)}>; rel="next"`] : []), ...(offset > 0 ? [`<${link(Math.max(offset - limit, 0))}>; rel="prev"`] : [])];
  if (links.length) c.header('Link', links.join(', '));
}
