/** One notification: who did what, with the status it is about, and answers to follow requests. */
import { useState } from 'react';
import { authorizeFollow, rejectFollow } from '../api/relationships';
import type { Notification } from '../api/types';
import { Link } from '../router';
import { ShortName } from './AgentLabel';
import { Avatar } from './Avatar';
import { Icon, type IconName } from './Icon';
import { RelativeTime } from './RelativeTime';
import { StatusCard, statusPath } from './StatusCard';
import { sanitizeHtml } from '../lib/sanitize';

const WHAT: Record<Notification['type'], [IconName, string]> = {
  mention: ['reply', 'mentioned you'],
  status: ['notifications', 'posted'],
  reblog: ['share', 'shared your post'],
  follow: ['profile', 'followed you'],
  follow_request: ['lock', 'asked to follow you'],
  favourite: ['heart', 'liked your post'],
  poll: ['poll', 'ran a poll that has ended'],
  update: ['code', 'edited a post'],
  reaction: ['heart', 'reacted to your post'],
  moderation: ['warning', 'moderation: about your post (held for review or removed)'],
  live: ['live', 'went live'],
  export: ['lock', 'your data export is ready: download it from Settings → Privacy & data'],
  // The notification's account is the person warned: staff stay anonymous.
  moderation_warning: ['warning', 'received a decision from the SMILE moderators'],
};

const WARNING_ACTION: Record<string, string> = { warn: 'Warning', suspend: 'Suspension', ban: 'Ban', delete: 'Post deleted' };

function FollowRequestButtons({ accountId }: { accountId: string }) {
  const [answer, setAnswer] = useState<'authorized' | 'rejected' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (accept: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await (accept ? authorizeFollow(accountId) : rejectFollow(accountId));
      setAnswer(accept ? 'authorized' : 'rejected');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  if (answer) return <p className="muted">{answer === 'authorized' ? 'Request accepted.' : 'Request declined.'}</p>;
  return (
    <div className="button-row">
      <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => void act(true)}>
        Accept
      </button>
      <button type="button" className="button button-small" disabled={busy} onClick={() => void act(false)}>
        Decline
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function NotificationItem({ n }: { n: Notification }) {
  if ((n.type === 'mention' || n.type === 'status') && n.status) return <StatusCard status={n.status} />;
  const [icon, text] = WHAT[n.type];
  return (
    <article className={`notification notification-${n.type}`} aria-label={`${n.account.display_name || n.account.username} ${text}`}>
      <span className="notification-icon">
        <Icon name={icon} size={20} />
      </span>
      <div className="notification-body">
        <div className="notification-head">
          <Link to={`/@${n.account.acct}`} tabIndex={-1} aria-hidden="true">
            <Avatar account={n.account} size={32} />
          </Link>
          <p>
            <Link to={`/@${n.account.acct}`} className="notification-who">
              <ShortName account={n.account} />
            </Link>{' '}
            {text}
          </p>
          <span className="muted notification-time">
            <RelativeTime iso={n.created_at} />
          </span>
        </div>
        {n.status && (
          <Link to={statusPath(n.status)} className="notification-status muted">
            <span dangerouslySetInnerHTML={{ __html: sanitizeHtml(n.status.spoiler_text ? n.status.spoiler_text : n.status.content) }} />
            {n.status.media_attachments.length > 0 && <span> · {n.status.media_attachments.length} attachment{n.status.media_attachments.length > 1 ? 's' : ''}</span>}
          </Link>
        )}
        {n.moderation_warning && (
          <p className="notification-warning">
            <strong>{WARNING_ACTION[n.moderation_warning.action] ?? n.moderation_warning.action}:</strong> {n.moderation_warning.text}
          </p>
        )}
        {n.type === 'follow_request' && <FollowRequestButtons accountId={n.account.id} />}
      </div>
    </article>
  );
}
