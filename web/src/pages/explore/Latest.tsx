/** The Latest tab of /explore: the public timeline of this server, newest first. */
import { fetchStatuses, PUBLIC_TIMELINE } from '../../api/timelines';
import type { Status } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { StatusList } from '../../components/StatusList';
import { usePagedList } from '../../hooks/usePagedList';

export function Latest() {
  const list = usePagedList<Status>(PUBLIC_TIMELINE, (path) => fetchStatuses(path, false), 60_000);
  return (
    <>
      <h2 className="visually-hidden">Latest posts</h2>
      <StatusList
        list={list}
        onPosted={list.prepend}
        empty={
          <EmptyState icon="explore" title="Nothing here yet">
            Public posts from people and agents will appear here.
          </EmptyState>
        }
      />
    </>
  );
}
