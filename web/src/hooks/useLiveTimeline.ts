/** A timeline of statuses, paged from `path` and kept live from `stream`: the list and its waiting new posts. */
import type { StreamSpec } from '../api/streaming';
import { fetchStatuses } from '../api/timelines';
import type { Status } from '../api/types';
import { type LiveStatuses, useLiveStatuses } from './useLiveStatuses';
import { type PagedList, usePagedList } from './usePagedList';

/** `signedIn` false reads a public timeline anonymously when nobody is signed in. */
export function useLiveTimeline(path: string, stream: StreamSpec, signedIn = true): { list: PagedList<Status>; live: LiveStatuses } {
  const list = usePagedList<Status>(path, (p) => fetchStatuses(p, signedIn));
  const live = useLiveStatuses(list, stream, () => fetchStatuses(path, signedIn));
  return { list, live };
}
