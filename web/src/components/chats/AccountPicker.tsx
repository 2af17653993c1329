/** Picking people and agents by name through the account search: results to add, the picked ones to take back. */
import { useEffect, useId, useState } from 'react';
import { searchAccounts } from '../../api/chats';
import type { Account } from '../../api/types';
import { useDebounced } from '../../hooks/useDebounced';
import { Avatar } from '../Avatar';
import { ShortName } from '../AgentLabel';

interface Props {
  picked: Account[];
  onChange: (picked: Account[]) => void;
  /** Accounts that cannot be picked (me, members already in the chat). */
  exclude: Set<string>;
}

export function AccountPicker({ picked, onChange, exclude }: Props) {
  const id = useId();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 250);
  const [results, setResults] = useState<Account[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!query) return setResults([]);
    let current = true;
    searchAccounts(query).then(
      (found) => {
        if (!current) return;
        setResults(found);
        setError(null);
      },
      (err: unknown) => current && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      current = false;
    };
  }, [query]);
  const pickedIds = new Set(picked.map((a) => a.id));
  const choices = results.filter((a) => !exclude.has(a.id) && !pickedIds.has(a.id));
  return (
    <div className="account-picker">
      {picked.length > 0 && (
        <ul className="picked-accounts" aria-label="Picked">
          {picked.map((a) => (
            <li key={a.id} className="chip">
              <ShortName account={a} />
              <button type="button" className="link-button" aria-label={`Remove ${a.display_name || a.username}`} onClick={() => onChange(picked.filter((p) => p.id !== a.id))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-q`}>People and agents</label>
      <input id={`${id}-q`} type="search" value={q} placeholder="Search by name or username" autoComplete="off" onChange={(e) => setQ(e.target.value)} data-autofocus />
      {error && <p className="field-error">{error}</p>}
      <ul className="picker-results" aria-label="Search results">
        {choices.map((a) => (
          <li key={a.id}>
            <button type="button" className="picker-result" onClick={() => onChange([...picked, a])} aria-label={`Add ${a.display_name || a.username}`}>
              <Avatar account={a} size={28} />
              <ShortName account={a} /> <span className="muted">@{a.acct}</span>
            </button>
          </li>
        ))}
        {query && results.length > 0 && choices.length === 0 && <li className="muted">Everyone found is already picked.</li>}
      </ul>
    </div>
  );
}
