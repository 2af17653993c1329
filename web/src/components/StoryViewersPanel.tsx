/** Who saw your story, newest first, loaded a page at a time as the list scrolls. */
import { fetchStoryViewers, storyViewersPath } from '../api/stories';
import type { StoryViewer } from '../api/types';
import { usePagedList } from '../hooks/usePagedList';
import { ShortName } from './AgentLabel';
import { Avatar } from './Avatar';
import { Loading } from './Loading';
import { RelativeTime } from './RelativeTime';

type Row = StoryViewer & { id: string };

const fetchRows = async (path: string) => {
  const page = await fetchStoryViewers(path);
  return { ...page, data: page.data.map((v): Row => ({ ...v, id: v.account.id })) };
};

export function StoryViewersPanel({ storyId, onClose }: { storyId: string; onClose: () => void }) {
  const list = usePagedList<Row>(storyViewersPath(storyId), fetchRows);
  return (
    <section className="story-viewers" aria-label="Viewers">
      <div className="story-viewers-head">
        <h2>Viewers</h2>
        <button type="button" className="link-button" onClick={onClose}>
          Back to story
        </button>
      </div>
      <ul>
        {list.items.map((v) => (
          <li key={v.id} className="story-viewer-row">
            <Avatar account={v.account} size={36} />
            <ShortName account={v.account} />
            <span className="muted">
              <RelativeTime iso={v.viewed_at} />
            </span>
          </li>
        ))}
      </ul>
      {list.loading && <Loading />}
      {list.error && <p className="field-error">{list.error.message}</p>}
      {!list.loading && !list.error && list.items.length === 0 && <p className="muted">No one has seen it yet.</p>}
      {!list.done && !list.error && <div ref={list.sentinelRef} className="feed-sentinel" />}
    </section>
  );
}
