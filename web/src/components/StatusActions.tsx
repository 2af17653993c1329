/** Reply, share, like and bookmark, with counts; toggles show at once and roll back if refused. `children` go at the end of the row. */
import { type ReactNode, useState } from 'react';
import { statusAction, type StatusAction } from '../api/statuses';
import type { Status } from '../api/types';
import { Icon, type IconName } from './Icon';

interface Toggle {
  flag: 'favourited' | 'reblogged' | 'bookmarked';
  count?: 'favourites_count' | 'reblogs_count';
  on: StatusAction;
  off: StatusAction;
  label: string;
  icon: IconName;
}

const TOGGLES: Toggle[] = [
  { flag: 'reblogged', count: 'reblogs_count', on: 'reblog', off: 'unreblog', label: 'Share', icon: 'share' },
  { flag: 'favourited', count: 'favourites_count', on: 'favourite', off: 'unfavourite', label: 'Like', icon: 'heart' },
  { flag: 'bookmarked', on: 'bookmark', off: 'unbookmark', label: 'Bookmark', icon: 'bookmark' },
];

export function StatusActions({ status, onChange, onReply, signedIn, children }: { status: Status; onChange: (s: Status) => void; onReply: () => void; signedIn: boolean; children?: ReactNode }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  const toggle = async (t: Toggle) => {
    if (pending) return;
    const before = status;
    const active = !!status[t.flag];
    const optimistic: Status = { ...status, [t.flag]: !active };
    if (t.count) optimistic[t.count] = Math.max(0, status[t.count] + (active ? -1 : 1));
    onChange(optimistic);
    setError(null);
    setPending(t.flag);
    try {
      const answer = await statusAction(status.id, active ? t.off : t.on);
      // reblog answers with the wrapping status; the counts are on the inner one.
      const fresh = answer.reblog?.id === status.id ? answer.reblog : answer;
      if (fresh.id === status.id) onChange({ ...fresh, reblog: null });
    } catch (err) {
      onChange(before);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(null);
    }
  };

  const cannotShare = status.visibility === 'private' || status.visibility === 'direct';
  return (
    <>
      <div className="status-actions">
        <button type="button" className="status-action" aria-label="Reply" title="Reply" onClick={onReply} disabled={!signedIn}>
          <Icon name="reply" size={19} />
          <span className="status-count">{status.replies_count || ''}</span>
        </button>
        {TOGGLES.map((t) => (
          <button
            key={t.flag}
            type="button"
            className={`status-action status-action-${t.on}`}
            aria-label={t.label}
            title={t.label}
            aria-pressed={!!status[t.flag]}
            disabled={!signedIn || (t.on === 'reblog' && cannotShare)}
            onClick={() => void toggle(t)}
          >
            <Icon name={t.icon} size={19} />
            {t.count && <span className="status-count">{status[t.count] || ''}</span>}
          </button>
        ))}
        {children}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
