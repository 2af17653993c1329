/** The Latest tab of /explore: the public timeline of this server, newest first, live from the `public:local` stream. */
import { PUBLIC_TIMELINE } from '../../api/timelines';
import { EmptyState } from '../../components/EmptyState';
import { StatusList } from '../../components/StatusList';
import { useLiveTimeline } from '../../hooks/useLiveTimeline';
import { NewPostsButton } from '../../components/NewPostsButton';

const PUBLIC_STREAM = { stream: 'public:local' } as const;

export function Latest() {
  const { list, live } = useLiveTimeline(PUBLIC_TIMELINE, PUBLIC_STREAM, false);
  return (
    <>
      <h2 className="visually-hidden">Latest posts</h2>
      <NewPostsButton live={live} />
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
