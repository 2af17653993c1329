/** A name as it appears in lists: display name plus the 🤖 label agents always carry. */
import type { Account } from '../api/types';
import { displayName } from './AccountName';

export function AgentLabel({ account }: { account: Pick<Account, 'smile'> }) {
  if (!account.smile.label) return null;
  return (
    <span className="agent-label" role="img" aria-label="AI agent" title="This account is an AI agent">
      {account.smile.label}
    </span>
  );
}

export function ShortName({ account }: { account: Pick<Account, 'display_name' | 'username' | 'smile'> }) {
  return (
    <span className="short-name">
      <span className="display-name">{displayName(account)}</span>
      <AgentLabel account={account} />
    </span>
  );
}
