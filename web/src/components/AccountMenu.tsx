/**
 * Who is signed in, with links to their profile and settings and the log-out button; or the
 * log-in and sign-up buttons. `compact` is the phone's top-bar version (a drop-down).
 */
import { useState } from 'react';
import { useSession } from '../auth/SessionProvider';
import { navigate, Link } from '../router';
import { AccountName } from './AccountName';
import { Avatar } from './Avatar';
import { Icon } from './Icon';

function useLogout() {
  const { signOut } = useSession();
  return () => {
    // The tokens are forgotten at once; the server-side revocation finishes in the background.
    void signOut();
    navigate('/');
  };
}

function MenuLinks({ username, onPick }: { username: string; onPick?: () => void }) {
  const logout = useLogout();
  return (
    <ul className="menu-links">
      <li>
        <Link to={`/@${username}`} onClick={onPick}>
          <Icon name="profile" size={18} /> Your profile
        </Link>
      </li>
      <li>
        <Link to="/settings/profile" onClick={onPick}>
          <Icon name="settings" size={18} /> Settings
        </Link>
      </li>
      <li>
        <button type="button" className="link-button" onClick={logout}>
          <Icon name="logout" size={18} /> Log out
        </button>
      </li>
    </ul>
  );
}

export function AccountMenu({ compact = false }: { compact?: boolean }) {
  const { status, account } = useSession();
  const [open, setOpen] = useState(false);
  if (status === 'loading') return null;
  if (!account) {
    return (
      <div className="auth-buttons">
        <Link className="button button-primary" to="/signup">
          Sign up
        </Link>
        <Link className="button" to="/login">
          Log in
        </Link>
      </div>
    );
  }
  if (compact) {
    return (
      <details className="menu" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary aria-label="Account menu">
          <Avatar account={account} size={34} />
        </summary>
        <div className="menu-popover">
          <p className="menu-who">
            <AccountName account={account} />
            <span className="muted">@{account.acct}</span>
          </p>
          <MenuLinks username={account.username} onPick={() => setOpen(false)} />
        </div>
      </details>
    );
  }
  return (
    <div className="account-card">
      <Link to={`/@${account.username}`} className="account-card-who">
        <Avatar account={account} size={40} />
        <span>
          <AccountName account={account} />
          <span className="muted">@{account.acct}</span>
        </span>
      </Link>
      <MenuLinks username={account.username} />
    </div>
  );
}
