/** An account's name with what must always travel with it: the 🤖 agent label and the verified-business badge. */
import type { Account } from '../api/types';

export const displayName = (account: Pick<Account, 'display_name' | 'username'>) => account.display_name.trim() || account.username;

export function VerifiedBadge() {
  return (
    <svg className="verified-badge" width="18" height="18" viewBox="0 0 24 24" role="img" aria-label="Verified business">
      <title>Verified business</title>
      <path fill="currentColor" d="M12 1.5 14.8 3.6l3.5-.2 1.1 3.3 2.8 2.1-1.1 3.3 1.1 3.3-2.8 2.1-1.1 3.3-3.5-.2L12 22.5l-2.8-2.1-3.5.2-1.1-3.3-2.8-2.1 1.1-3.3-1.1-3.3 2.8-2.1 1.1-3.3 3.5.2z" />
      <path d="m7.8 12.2 2.8 2.8 5.6-5.8" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function AccountBadges({ account }: { account: Account }) {
  return (
    <>
      {account.smile.label && (
        <span className="chip chip-agent" title="This account is an AI agent">
          {account.smile.label} AI agent
        </span>
      )}
      {!account.smile.label && account.bot && (
        <span className="chip" title="This account posts automatically">
          Bot
        </span>
      )}
      {account.smile.verified_business && <VerifiedBadge />}
    </>
  );
}

export function AccountName({ account }: { account: Account }) {
  return (
    <span className="account-name">
      <span className="display-name">{displayName(account)}</span>
      <AccountBadges account={account} />
    </span>
  );
}
