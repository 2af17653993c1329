/**
 * The row of story rings above the home feed: you first (with a "+" to add a story), then the
 * accounts you follow with live stories — a coloured ring while some are unseen. Opening a ring
 * plays that account's stories and the ones after it in the viewer.
 */
import { useCallback, useEffect, useState } from 'react';
import { getStoriesFeed } from '../api/stories';
import type { Account, StoryFeedItem } from '../api/types';
import { ShortName } from './AgentLabel';
import { displayName } from './AccountName';
import { Avatar } from './Avatar';
import { StoryComposer } from './StoryComposer';
import { StoryViewer } from './StoryViewer';

function Ring({ item, label, onOpen }: { item: Pick<StoryFeedItem, 'account' | 'has_unseen'>; label: string; onOpen: () => void }) {
  return (
    <button type="button" className={`story-ring${item.has_unseen ? ' story-ring-unseen' : ''}`} aria-label={label} onClick={onOpen}>
      <span className="story-ring-avatar">
        <Avatar account={item.account} size={58} />
      </span>
    </button>
  );
}

export function StoriesBar({ me }: { me: Account }) {
  const [items, setItems] = useState<StoryFeedItem[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const [composing, setComposing] = useState(false);
  const mine = items[0]?.account.id === me.id ? items[0] : null;

  // A bar that fails to load stays empty but for "Your story": the feed below matters more.
  const reload = useCallback(() => getStoriesFeed().then(setItems, () => undefined), []);
  useEffect(() => void reload(), [reload]);
  /** Marks a story seen in the local copy, so rings update without a reload. */
  const markSeen = useCallback(
    (storyId: string) =>
      setItems((all) =>
        all.map((item) => {
          const stories = item.stories.map((s) => (s.id === storyId ? { ...s, seen: true } : s));
          return { ...item, stories, has_unseen: stories.some((s) => !s.seen) };
        }),
      ),
    [],
  );

  return (
    <section className="stories-bar" aria-label="Stories">
      <ul className="stories-list">
        <li className="story-item">
          <span className="story-own">
            {mine ? <Ring item={mine} label="Open your story" onOpen={() => setOpen(0)} /> : <Ring item={{ account: me, has_unseen: false }} label="Add to your story" onOpen={() => setComposing(true)} />}
            <button type="button" className="story-add" aria-label="Add a story" title="Add a story" onClick={() => setComposing(true)}>
              +
            </button>
          </span>
          <span className="story-name">Your story</span>
        </li>
        {items.map((item, index) =>
          item.account.id === me.id ? null : (
            <li key={item.account.id} className="story-item">
              <Ring item={item} label={`Open stories of ${displayName(item.account)}${item.account.smile.label ? ' (AI agent)' : ''}${item.has_unseen ? ' (new)' : ''}`} onOpen={() => setOpen(index)} />
              <span className="story-name">
                <ShortName account={item.account} />
              </span>
            </li>
          ),
        )}
      </ul>
      {open !== null && items.length > 0 && <StoryViewer items={items} start={open} me={me} onSeen={markSeen} onDeleted={reload} onClose={() => setOpen(null)} />}
      {composing && (
        <StoryComposer
          onClose={() => setComposing(false)}
          onPosted={() => {
            setComposing(false);
            void reload();
          }}
        />
      )}
    </section>
  );
}
