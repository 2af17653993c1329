/** Lists of statuses, a page at a time; `next` is the path of the following page (from `Link`). */
import { apiPage } from './client';
import type { Status } from './types';

export interface Page<T> {
  data: T;
  next: string | null;
}

export const HOME_TIMELINE = '/api/v1/timelines/home';
export const PUBLIC_TIMELINE = '/api/v1/timelines/public';
export const tagTimelinePath = (tag: string) => `/api/v1/timelines/tag/${encodeURIComponent(tag)}`;
export const accountStatusesPath = (id: string) => `/api/v1/accounts/${encodeURIComponent(id)}/statuses`;

/** Fetches a page of statuses: a first page path, or a `next` path from a previous page. */
export function fetchStatuses(path: string, signedIn = true): Promise<Page<Status[]>> {
  return apiPage<Status[]>(path, signedIn);
}
