/** Follow / Unfollow / Requested, driven by the relationship; changes show at once and roll back if refused. */
import { useEffect, useState } from 'react';
import { follow, getRelationship, unfollow } from '../api/relationships';
import type { Account, Relationship } from '../api/types';
import { displayName } from './AccountName';

interface FollowButtonProps {
  account: Account;
  /** Known already (a list loads them in one request); null while that is under way. Fetched here when left out. */
  relationship?: Relationship | null;
  onFollowersChange?: (delta: number) => void;
  /** In a list of accounts: the button's accessible name says whom it follows ("Follow Ada"). */
  named?: boolean;
}

export function FollowButton({ account, relationship, onFollowersChange, named = false }: FollowButtonProps) {
  const [rel, setRel] = useState<Relationship | null>(relationship ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (relationship !== undefined) {
      setRel(relationship);
      return;
    }
    let current = true;
    getRelationship(account.id).then(
      (r) => current && setRel(r),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [account.id, relationship]);

  const who = named ? ` ${displayName(account)}` : '';
  if (!rel) return <button type="button" className="button" disabled aria-label={`Follow${who}`}>Follow</button>;

  const following = rel.following;
  const requested = rel.requested;
  const act = async () => {
    const before = rel;
    const undo = following || requested;
    setBusy(true);
    setError(null);
    setRel({ ...rel, following: !undo && !account.locked, requested: !undo && account.locked });
    try {
      const next = await (undo ? unfollow(account.id) : follow(account.id));
      setRel(next);
      if (before.following !== next.following) onFollowersChange?.(next.following ? 1 : -1);
    } catch (err) {
      setRel(before);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const label = following ? 'Unfollow' : requested ? 'Requested' : rel.followed_by ? 'Follow back' : 'Follow';
  return (
    <span className="follow">
      <button type="button" className={`button${following || requested ? '' : ' button-primary'}`} onClick={act} disabled={busy} aria-label={who ? `${label}${who}` : undefined} title={requested ? 'Cancel the follow request' : undefined}>
        {label}
      </button>
      {rel.followed_by && <span className="chip">Follows you</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
