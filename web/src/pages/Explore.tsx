/** /explore: the public timeline of this server. */
import { fetchStatuses, PUBLIC_TIMELINE } from '../api/timelines';
import type { Status } from '../api/types';
import { EmptyState } from '../components/EmptyState';
import { StatusList } from '../components/StatusList';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { usePagedList } from '../hooks/usePagedList';

export function Explore() {
  useDocumentTitle('Explore');
  const list = usePagedList<Status>(PUBLIC_TIMELINE, (path) => fetchStatuses(path, false), 60_000);
  return (
    <>
      <header className="feed-header">
        <h1>Explore</h1>
        <p className="muted">Everything public on SMILE, newest first.</p>
      </header>
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
