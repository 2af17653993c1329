/**
 * One status in a list or thread: who posted it (and who shared it), when, the content behind its
 * content warning, media, poll and the actions. Replies open the compose box in a dialog.
 */
import { type MouseEvent, useEffect, useState } from 'react';
import type { Status } from '../api/types';
import { useSession } from '../auth/SessionProvider';
import { sanitizeHtml } from '../lib/sanitize';
import { Link, navigate } from '../router';
import { ShortName } from './AgentLabel';
import { Avatar } from './Avatar';
import { displayName } from './AccountName';
import { Icon } from './Icon';
import { MediaGrid } from './MediaGrid';
import { PollView } from './PollView';
import { RelativeTime } from './RelativeTime';
import { ReplyDialog } from './ReplyDialog';
import { StatusActions } from './StatusActions';

export const statusPath = (s: Pick<Status, 'id' | 'account'>) => `/@${s.account.acct}/${s.id}`;

/** Links to this server's pages (mentions, hashtags) open in the app instead of reloading it. */
function openInApp(e: MouseEvent<HTMLElement>) {
  const a = (e.target as Element).closest('a');
  if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
}

function ReplyingTo({ status }: { status: Status }) {
  const to = status.mentions.find((m) => m.id === status.in_reply_to_account_id);
  const self = status.in_reply_to_account_id === status.account.id;
  return (
    <p className="status-replying muted">
      <Icon name="reply" size={14} /> {self ? 'Continued thread' : to ? <>Replying to <Link to={`/@${to.acct}`}>@{to.acct}</Link></> : 'Reply'}
    </p>
  );
}

export function StatusCard({ status: initial, onPosted, focused = false }: { status: Status; onPosted?: (s: Status) => void; focused?: boolean }) {
  const { account: me } = useSession();
  const [status, setStatus] = useState(initial);
  useEffect(() => setStatus(initial), [initial]);
  const [open, setOpen] = useState(false);
  const [replying, setReplying] = useState(false);

  const shown = (status.reblog ? { ...status.reblog, reblog: null } : status) as Status;
  const setShown = (next: Status) => setStatus((s) => (s.reblog ? { ...s, reblog: next } : next));
  const hidden = shown.spoiler_text !== '' && !open;

  return (
    <article className={`status${focused ? ' status-focused' : ''}`} aria-label={`Post by ${displayName(shown.account)}`}>
      {status.reblog && (
        <p className="status-reblog muted">
          <Icon name="share" size={16} />
          <Link to={`/@${status.account.acct}`}>
            <ShortName account={status.account} />
          </Link>{' '}
          shared
        </p>
      )}
      <div className="status-main">
        <Link to={`/@${shown.account.acct}`} className="status-avatar" tabIndex={-1} aria-hidden="true">
          <Avatar account={shown.account} size={46} />
        </Link>
        <div className="status-body">
          <header className="status-head">
            <Link to={`/@${shown.account.acct}`} className="status-author">
              <ShortName account={shown.account} />
              <span className="status-acct muted">@{shown.account.acct}</span>
            </Link>
            <Link to={statusPath(shown)} className="status-time muted">
              <RelativeTime iso={shown.created_at} />
            </Link>
          </header>
          {shown.in_reply_to_account_id && <ReplyingTo status={shown} />}
          {shown.spoiler_text && (
            <div className="status-cw">
              <span>
                <Icon name="warning" size={16} /> {shown.spoiler_text}
              </span>
              <button type="button" className="button button-small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
                {open ? 'Show less' : 'Show more'}
              </button>
            </div>
          )}
          {!hidden && (
            <>
              {shown.content && <div className="status-content" onClick={openInApp} dangerouslySetInnerHTML={{ __html: sanitizeHtml(shown.content) }} />}
              <MediaGrid media={shown.media_attachments} sensitive={shown.sensitive && !shown.spoiler_text} />
              {shown.poll && <PollView poll={shown.poll} statusId={shown.id} />}
            </>
          )}
          <StatusActions status={shown} onChange={setShown} onReply={() => setReplying(true)} signedIn={!!me} />
        </div>
      </div>
      {replying && (
        <ReplyDialog
          to={shown}
          onClose={() => setReplying(false)}
          onPosted={(reply) => {
            setReplying(false);
            setShown({ ...shown, replies_count: shown.replies_count + 1 });
            onPosted?.(reply);
          }}
        />
      )}
    </article>
  );
}
