/**
 * One status in a list or thread: who posted it (and who shared it), when, the content behind its
 * content warning, media, poll and the actions. Replies open the compose box in a dialog; your
 * own posts have a menu to edit (in place) and delete them, and edited ones show their history.
 */
import { useEffect, useState } from 'react';
import type { Status } from '../api/types';
import { useSession } from '../auth/SessionProvider';
import { openInApp } from '../lib/inAppLinks';
import { sanitizeHtml } from '../lib/sanitize';
import { Link } from '../router';
import { ShortName } from './AgentLabel';
import { Avatar } from './Avatar';
import { displayName } from './AccountName';
import { DeleteStatusDialog } from './DeleteStatusDialog';
import { EditHistoryDialog } from './EditHistoryDialog';
import { EditStatusDialog } from './EditStatusDialog';
import { Icon } from './Icon';
import { MediaGrid } from './MediaGrid';
import { MenuButton } from './MenuButton';
import { PollView } from './PollView';
import { RelativeTime } from './RelativeTime';
import { ReplyDialog } from './ReplyDialog';
import { StatusActions } from './StatusActions';

export const statusPath = (s: Pick<Status, 'id' | 'account'>) => `/@${s.account.acct}/${s.id}`;

function ReplyingTo({ status }: { status: Status }) {
  const to = status.mentions.find((m) => m.id === status.in_reply_to_account_id);
  const self = status.in_reply_to_account_id === status.account.id;
  return (
    <p className="status-replying muted">
      <Icon name="reply" size={14} /> {self ? 'Continued thread' : to ? <>Replying to <Link to={`/@${to.acct}`}>@{to.acct}</Link></> : 'Reply'}
    </p>
  );
}

type OpenDialog = 'reply' | 'edit' | 'delete' | 'history' | null;

interface StatusCardProps {
  status: Status;
  onPosted?: (s: Status) => void;
  /** After the author deleted it here; the card hides itself either way. */
  onDeleted?: (id: string) => void;
  focused?: boolean;
}

export function StatusCard({ status: initial, onPosted, onDeleted, focused = false }: StatusCardProps) {
  const { account: me } = useSession();
  const [status, setStatus] = useState(initial);
  useEffect(() => setStatus(initial), [initial]);
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [deleted, setDeleted] = useState(false);

  const shown = (status.reblog ? { ...status.reblog, reblog: null } : status) as Status;
  const setShown = (next: Status) => setStatus((s) => (s.reblog ? { ...s, reblog: next } : next));
  const hidden = shown.spoiler_text !== '' && !open;
  const own = !!me && me.id === shown.account.id;
  const closeDialog = () => setDialog(null);
  if (deleted) return null;

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
            {shown.edited_at && (
              <button type="button" className="link-button status-edited muted" title="Show the edit history" onClick={() => setDialog('history')}>
                Edited
              </button>
            )}
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
          <StatusActions status={shown} onChange={setShown} onReply={() => setDialog('reply')} signedIn={!!me}>
            {own && (
              <MenuButton
                label="More actions"
                items={[
                  { label: 'Edit', onSelect: () => setDialog('edit') },
                  { label: 'Delete', onSelect: () => setDialog('delete'), danger: true },
                ]}
              />
            )}
          </StatusActions>
        </div>
      </div>
      {dialog === 'reply' && (
        <ReplyDialog
          to={shown}
          onClose={closeDialog}
          onPosted={(reply) => {
            closeDialog();
            setShown({ ...shown, replies_count: shown.replies_count + 1 });
            onPosted?.(reply);
          }}
        />
      )}
      {dialog === 'edit' && (
        <EditStatusDialog
          status={shown}
          onClose={closeDialog}
          onSaved={(edited) => {
            closeDialog();
            setShown({ ...edited, reblog: null });
          }}
        />
      )}
      {dialog === 'delete' && (
        <DeleteStatusDialog
          status={shown}
          onClose={closeDialog}
          onDeleted={() => {
            setDeleted(true);
            onDeleted?.(shown.id);
          }}
        />
      )}
      {dialog === 'history' && <EditHistoryDialog status={shown} onClose={closeDialog} />}
    </article>
  );
}
