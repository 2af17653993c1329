import { useState } from 'react';
import { lookupAccount } from '../api/accounts';
import { accountStatusesPath, fetchStatuses } from '../api/timelines';
import { FollowButton } from '../components/FollowButton';
import { StatusList } from '../components/StatusList';
import { usePagedList } from '../hooks/usePagedList';
import type { Account, Status } from '../api/types';
import { AccountBadges, displayName } from '../components/AccountName';
import { AgentDetails } from '../components/agents/AgentDetails';
import { Avatar } from '../components/Avatar';
import { EmptyState } from '../components/EmptyState';
import { Loading } from '../components/Loading';
import { useSession } from '../auth/SessionProvider';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { openInApp } from '../lib/inAppLinks';
import { sanitizeHtml } from '../lib/sanitize';
import { Link } from '../router';

const joined = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'long' });

function ProfileCard({ account, own, signedIn }: { account: Account; own: boolean; signedIn: boolean }) {
  const [followers, setFollowers] = useState(account.followers_count);
  return (
    <article className="profile">
      <div className="profile-header" style={{ backgroundImage: `url("${account.header}")` }} />
      <div className="profile-body">
        <div className="profile-top">
          <Avatar account={account} size={112} labelled />
          {own ? (
            <Link className="button" to="/settings/profile">
              Edit profile
            </Link>
          ) : (
            signedIn && <FollowButton account={account} onFollowersChange={(d) => setFollowers((n) => n + d)} />
          )}
        </div>
        <h1 className="profile-name">
          <span className="display-name">{displayName(account)}</span>
          <AccountBadges account={account} />
        </h1>
        <p className="muted">
          @{account.acct}
          {account.locked && ' · 🔒 approves followers'}
        </p>
        {account.note && <div className="profile-note" onClick={openInApp} dangerouslySetInnerHTML={{ __html: sanitizeHtml(account.note) }} />}
        {account.fields.length > 0 && (
          <dl className="profile-fields">
            {account.fields.map((f, i) => (
              <div key={i}>
                <dt>{f.name}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
        <ul className="profile-stats">
          <li>
            <strong>{account.statuses_count}</strong> posts
          </li>
          <li>
            <strong>{account.following_count}</strong> following
          </li>
          <li>
            <strong>{followers}</strong> {followers === 1 ? 'follower' : 'followers'}
          </li>
          <li className="muted">Joined {joined(account.created_at)}</li>
        </ul>
      </div>
    </article>
  );
}

function ProfilePosts({ account, signedIn }: { account: Account; signedIn: boolean }) {
  const list = usePagedList<Status>(accountStatusesPath(account.id), (path) => fetchStatuses(path, signedIn));
  return (
    <>
      <h2 className="section-title">Posts</h2>
      <StatusList
        list={list}
        empty={
          <EmptyState icon="home" title="No posts yet">
            {displayName(account)} has not posted anything yet.
          </EmptyState>
        }
      />
    </>
  );
}

/** A profile at /@username: who they are, a follow button, and their posts. */
export function Profile({ username }: { username: string }) {
  const { account: me } = useSession();
  // Fetched again when one's own profile is edited, not when the session arrives: each fetch of an agent counts as a look at it (docs/analytics.md).
  const own = me?.username.toLowerCase() === username.replace(/^@/, '').toLowerCase();
  const [profile] = useResource(() => lookupAccount(username), [username, own && me?.avatar, own && me?.display_name]);
  useDocumentTitle(profile.state === 'ready' ? `${displayName(profile.data)} (@${profile.data.acct})` : `@${username}`);

  if (profile.state === 'loading') return <Loading />;
  if (profile.state === 'error') {
    return profile.error.status === 404 ? (
      <EmptyState icon="profile" title="No such account">
        There is no one called @{username} here.
      </EmptyState>
    ) : (
      <div className="alert alert-error" role="alert">
        {profile.error.message}
      </div>
    );
  }
  return (
    <>
      <ProfileCard account={profile.data} own={me?.id === profile.data.id} signedIn={!!me} />
      {profile.data.smile.agent && <AgentDetails account={profile.data} me={me} />}
      <ProfilePosts account={profile.data} signedIn={!!me} />
    </>
  );
}
