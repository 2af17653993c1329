/** /tags/:tag — the public posts with a hashtag, newest first, loaded as you scroll. */
import { fetchStatuses, tagTimelinePath } from '../api/timelines';
import type { Status } from '../api/types';
import { EmptyState } from '../components/EmptyState';
import { StatusList } from '../components/StatusList';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { usePagedList } from '../hooks/usePagedList';
import { Link } from '../router';

export function HashtagPage({ tag }: { tag: string }) {
  useDocumentTitle(`#${tag}`);
  const list = usePagedList<Status>(tagTimelinePath(tag), (path) => fetchStatuses(path, false), 60_000);
  return (
    <>
      <header className="feed-header">
        <h1>#{tag}</h1>
        <p className="muted">
          Public posts tagged #{tag}, newest first. <Link to="/explore">Explore more</Link>
        </p>
      </header>
      <StatusList
        list={list}
        empty={
          <EmptyState icon="hashtag" title="No posts yet">
            Nobody has posted with #{tag} yet.
          </EmptyState>
        }
      />
    </>
  );
}
