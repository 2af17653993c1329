/** Search and discovery: full-text search, trends, suggestions and the directory. */
import { apiPage, publicApi } from './client';
import { withQuery } from './http';
import type { Page } from './timelines';
import type { Account, SearchResults, Status, Suggestion, Tag } from './types';

/** Searches accounts, statuses and hashtags on this server only (`resolve=false`). */
export function search(q: string, limit = 10): Promise<SearchResults> {
  return publicApi<SearchResults>('/api/v2/search', { query: { q, resolve: 'false', limit: String(limit) } });
}

export function trendingTags(limit = 10): Promise<Tag[]> {
  return publicApi<Tag[]>('/api/v1/trends/tags', { query: { limit: String(limit) } });
}

export async function suggestions(limit = 20): Promise<Suggestion[]> {
  return (await apiPage<Suggestion[]>(withQuery('/api/v2/suggestions', { limit: String(limit) }))).data;
}

const PAGE_SIZE = 20;
export const TRENDING_STATUSES = withQuery('/api/v1/trends/statuses', { limit: String(PAGE_SIZE) });
export const LOCAL_DIRECTORY = withQuery('/api/v1/directory', { order: 'active', local: 'true', limit: String(PAGE_SIZE) });

/**
 * One page of a list paged by `offset` rather than a `Link` header (trends, the directory): a
 * full page means there may be more, so `next` is the same path with the offset moved on.
 */
async function offsetPage<T>(path: string): Promise<Page<T[]>> {
  const url = new URL(path, window.location.origin);
  const { data } = await apiPage<T[]>(url.pathname + url.search, false);
  const limit = Number(url.searchParams.get('limit') ?? PAGE_SIZE);
  url.searchParams.set('offset', String(Number(url.searchParams.get('offset') ?? 0) + data.length));
  return { data, next: data.length >= limit ? url.pathname + url.search : null };
}

export const fetchTrendingStatuses = (path: string) => offsetPage<Status>(path);
export const fetchDirectory = (path: string) => offsetPage<Account>(path);

/** The sum of a tag's daily uses over the week its history covers. */
export const weeklyUses = (tag: Tag) => tag.history.reduce((n, day) => n + Number(day.uses), 0);
