/**
 * The frame around every page: a side navigation on wide screens, and on phones a top bar
 * (logo, account) with the same navigation as a bottom tab bar.
 */
import type { ReactNode } from 'react';
import { Link, useLocation } from '../router';
import { AccountMenu } from './AccountMenu';
import { ConsentBanner } from './ConsentBanner';
import { DeletionBanner } from './DeletionBanner';
import { EmailBanner } from './EmailBanner';
import { Icon } from './Icon';
import { ADMIN_NAV_ITEM, isActive, NAV_ITEMS } from './nav';
import { useSession } from '../auth/SessionProvider';
import { useUnreadChats } from '../hooks/useChatList';
import { useUnreadNotifications } from '../hooks/useUnreadNotifications';

function Brand() {
  return (
    <Link to="/" className="brand" aria-label="SMILE home">
      <img src="/smile.svg" width="32" height="32" alt="" />
      <span>SMILE</span>
    </Link>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const { account } = useSession();
  const items = account && account.smile.role !== 'user' ? [...NAV_ITEMS, ADMIN_NAV_ITEM] : NAV_ITEMS;
  const unread: Record<string, number> = { '/notifications': useUnreadNotifications(), '/chats': useUnreadChats() };
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Brand />
        <AccountMenu compact />
      </header>
      <aside className="sidebar">
        <Brand />
        <nav aria-label="Main" className="nav">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} className="nav-link" aria-current={isActive(item, pathname) ? 'page' : undefined}>
                  <span className="nav-icon">
                    <Icon name={item.icon} />
                    {(unread[item.to] ?? 0) > 0 && (
                      <span className="nav-badge" aria-label={`${unread[item.to]} unread`}>
                        {unread[item.to]! > 99 ? '99+' : unread[item.to]}
                      </span>
                    )}
                  </span>
                  <span className="nav-label">{item.label}</span>
                  <span className="nav-label-short">{item.short ?? item.label}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-account">
          <AccountMenu />
        </div>
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        <DeletionBanner />
        <EmailBanner />
        <ConsentBanner />
        {children}
      </main>
    </div>
  );
}
