/**
 * Accounts in a list (search results, suggestions, the directory): avatar, name with the 🤖
 * agent label, handle, the start of the bio and a follow button. The relationships behind the
 * buttons load in one request for the whole list.
 */
import { useEffect, useRef, useState } from 'react';
import { getRelationships } from '../api/relationships';
import type { Account, Relationship } from '../api/types';
import { useSession } from '../auth/SessionProvider';
import { plainText } from '../lib/sanitize';
import { Link } from '../router';
import { ShortName } from './AgentLabel';
import { VerifiedBadge } from './AccountName';
import { Avatar } from './Avatar';
import { FollowButton } from './FollowButton';

/**
 * The viewer's relationships to `ids`, fetched in one request for the ids not known yet (a list
 * that grows a page at a time asks only about the new ones). An id the server did not answer
 * for maps to 'unknown'; one still being fetched is absent.
 */
function useRelationships(ids: string[], signedIn: boolean): Map<string, Relationship | 'unknown'> {
  const key = ids.join(',');
  const [known, setKnown] = useState<Map<string, Relationship | 'unknown'>>(() => new Map());
  const knownRef = useRef(known);
  knownRef.current = known;
  useEffect(() => {
    const missing = key ? key.split(',').filter((id) => !knownRef.current.has(id)) : [];
    if (!signedIn || missing.length === 0) return;
    const settle = (list: Relationship[]) =>
      setKnown((old) => {
        const next = new Map(old);
        for (const id of missing) next.set(id, list.find((r) => r.id === id) ?? 'unknown');
        return next;
      });
    getRelationships(missing).then(settle, () => settle([]));
  }, [key, signedIn]);
  return known;
}

/** `relationship`: null while the list's request is under way, undefined when it did not answer for this one. */
function AccountRow({ account, relationship, canFollow }: { account: Account; relationship: Relationship | null | undefined; canFollow: boolean }) {
  const bio = plainText(account.note);
  return (
    <li className="account-row">
      <Link to={`/@${account.acct}`} className="account-row-who">
        <Avatar account={account} size={44} />
        <span className="account-row-text">
          <span className="account-row-name">
            <ShortName account={account} />
            {account.smile.verified_business && <VerifiedBadge />}
          </span>
          <span className="muted account-row-acct">@{account.acct}</span>
          {bio && <span className="account-row-bio">{bio}</span>}
        </span>
      </Link>
      {canFollow && <FollowButton account={account} relationship={relationship} named />}
    </li>
  );
}

export function AccountList({ accounts, label }: { accounts: Account[]; label?: string }) {
  const { account: me } = useSession();
  const relationships = useRelationships(
    accounts.filter((a) => a.id !== me?.id).map((a) => a.id),
    !!me,
  );
  const relationshipOf = (id: string) => {
    const r = relationships.get(id);
    return r === 'unknown' ? undefined : (r ?? null);
  };
  return (
    <ul className="account-list" aria-label={label}>
      {accounts.map((a) => (
        <AccountRow key={a.id} account={a} relationship={relationshipOf(a.id)} canFollow={!!me && a.id !== me.id} />
      ))}
    </ul>
  );
}
