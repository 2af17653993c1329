/** /tags/:tag — the public posts with a hashtag, newest first, loaded as you scroll and live from the `hashtag` stream. */
import { tagTimelinePath } from '../api/timelines';
import { EmptyState } from '../components/EmptyState';
import { StatusList } from '../components/StatusList';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useLiveTimeline } from '../hooks/useLiveTimeline';
import { NewPostsButton } from '../components/NewPostsButton';
import { Link } from '../router';

export function HashtagPage({ tag }: { tag: string }) {
  useDocumentTitle(`#${tag}`);
  const { list, live } = useLiveTimeline(tagTimelinePath(tag), { stream: 'hashtag', tag }, false);
  return (
    <>
      <header className="feed-header">
        <h1>#{tag}</h1>
        <p className="muted">
          Public posts tagged #{tag}, newest first. <Link to="/explore">Explore more</Link>
        </p>
      </header>
      <NewPostsButton live={live} />
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
