/**
 * The full-screen story viewer: one progress bar per story of the account shown, auto-advance
 * (5 s for a picture or text, the length of a video), tap left/right or the arrow keys to go
 * back/forward, a pause button (auto-advancing content must be pausable), Escape to close. Each
 * story shown is marked seen; on your own, "N views" opens the list of who saw it.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { deleteStory, markStorySeen } from '../api/stories';
import type { Account, Story, StoryFeedItem } from '../api/types';
import { ShortName } from './AgentLabel';
import { displayName } from './AccountName';
import { Avatar } from './Avatar';
import { RelativeTime } from './RelativeTime';
import { StoryViewersPanel } from './StoryViewersPanel';

interface Position {
  account: number;
  story: number;
}

/** Where to start in an account's stories: the first unseen one, or the first. */
const firstUnseen = (item: StoryFeedItem | undefined) => Math.max(0, item?.stories.findIndex((s) => !s.seen) ?? 0);

function StorySlide({ story, paused, onProgress, onEnded }: { story: Story; paused: boolean; onProgress: (fraction: number) => void; onEnded: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (paused) video.current?.pause();
    else void video.current?.play().catch(() => undefined);
  }, [paused]);
  const media = story.media_attachment;
  if (!media) {
    return (
      <div className="story-text" style={{ background: story.background ?? undefined }}>
        <p>{story.text}</p>
      </div>
    );
  }
  const alt = media.description ?? `Story by ${displayName(story.account)}`;
  if (media.type === 'video' || media.type === 'gifv') {
    return (
      <video
        ref={video}
        className="story-media"
        src={media.url ?? undefined}
        aria-label={alt}
        autoPlay
        muted
        playsInline
        onTimeUpdate={(e) => e.currentTarget.duration && onProgress(e.currentTarget.currentTime / e.currentTarget.duration)}
        onEnded={onEnded}
        onError={onEnded}
      />
    );
  }
  return <img className="story-media" src={media.url ?? undefined} alt={alt} />;
}

export function StoryViewer({ items, start, me, onSeen, onDeleted, onClose }: { items: StoryFeedItem[]; start: number; me: Account; onSeen: (id: string) => void; onDeleted: () => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [pos, setPos] = useState<Position>({ account: start, story: firstUnseen(items[start]) });
  const [videoProgress, setVideoProgress] = useState(0);
  const [viewersOpen, setViewersOpen] = useState(false);
  const [pausedByUser, setPausedByUser] = useState(false);
  const paused = pausedByUser || viewersOpen;
  const marked = useRef(new Set<string>());
  const item = items[pos.account];
  const story = item?.stories[pos.story];
  const own = item?.account.id === me.id;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    if (!story) return onClose();
    setVideoProgress(0);
    if (own || story.seen || marked.current.has(story.id)) return;
    marked.current.add(story.id);
    // A view call that fails is forgotten, so showing the story again retries it.
    markStorySeen(story.id).then(
      () => onSeen(story.id),
      () => marked.current.delete(story.id),
    );
  }, [story?.id]);

  const next = () => {
    if (!item) return;
    if (pos.story < item.stories.length - 1) setPos({ ...pos, story: pos.story + 1 });
    else if (pos.account < items.length - 1) setPos({ account: pos.account + 1, story: firstUnseen(items[pos.account + 1]) });
    else onClose();
  };
  const prev = () => {
    if (pos.story > 0) setPos({ ...pos, story: pos.story - 1 });
    else if (pos.account > 0) setPos({ account: pos.account - 1, story: (items[pos.account - 1]?.stories.length ?? 1) - 1 });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight') next();
    else if (e.key === 'ArrowLeft') prev();
    else return;
    e.preventDefault();
  };
  const remove = async () => {
    if (!story || !window.confirm('Delete this story?')) return;
    await deleteStory(story.id).catch(() => undefined);
    onDeleted();
    onClose();
  };

  if (!item || !story) return null;
  const isVideo = story.media_attachment?.type === 'video' || story.media_attachment?.type === 'gifv';
  const name = displayName(item.account);
  return (
    <dialog ref={ref} className="story-viewer" aria-label={`Stories of ${name}`} onCancel={(e) => (e.preventDefault(), onClose())} onKeyDown={onKeyDown}>
      <div className="story-frame">
        <div className="story-progress" aria-hidden="true">
          {item.stories.map((s, i) => (
            <span key={s.id} className="story-progress-track">
              <span
                className={`story-progress-fill${i === pos.story && !isVideo ? ' story-progress-running' : ''}`}
                style={i < pos.story ? { width: '100%' } : i > pos.story ? { width: 0 } : isVideo ? { width: `${videoProgress * 100}%` } : { animationPlayState: paused ? 'paused' : 'running' }}
                onAnimationEnd={i === pos.story ? next : undefined}
              />
            </span>
          ))}
        </div>
        <header className="story-head">
          <Avatar account={item.account} size={36} />
          <ShortName account={item.account} />
          <span className="story-time">
            <RelativeTime iso={story.created_at} />
          </span>
          <span className="visually-hidden" aria-live="polite">
            Story {pos.story + 1} of {item.stories.length}
          </span>
          <button type="button" className="story-control story-pause" aria-label={pausedByUser ? 'Play' : 'Pause'} aria-pressed={pausedByUser} onClick={() => setPausedByUser(!pausedByUser)}>
            {pausedByUser ? '▶' : '❚❚'}
          </button>
          <button type="button" className="story-control" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        </header>
        <div className="story-stage">
          <StorySlide key={story.id} story={story} paused={paused} onProgress={setVideoProgress} onEnded={next} />
          <button type="button" className="story-tap story-tap-prev" aria-label="Previous story" onClick={prev} />
          <button type="button" className="story-tap story-tap-next" aria-label="Next story" onClick={next} />
        </div>
        {own && (
          <footer className="story-foot">
            <button type="button" className="story-views" onClick={() => setViewersOpen(true)}>
              {story.views_count ?? 0} {story.views_count === 1 ? 'view' : 'views'}
            </button>
            <button type="button" className="story-delete" onClick={remove}>
              Delete
            </button>
          </footer>
        )}
        {viewersOpen && <StoryViewersPanel storyId={story.id} onClose={() => setViewersOpen(false)} />}
      </div>
    </dialog>
  );
}
