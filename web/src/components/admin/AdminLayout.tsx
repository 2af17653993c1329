/** The frame of every admin page: its title and the sections the signed-in staff member may open. */
import type { ReactNode } from 'react';
import { useSession } from '../../auth/SessionProvider';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { Link, useLocation } from '../../router';
import { ADMIN_TABS } from './adminTabs';

export function AdminLayout({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(`Admin · ${title}`);
  const { pathname } = useLocation();
  const { account } = useSession();
  const role = account?.smile.role;
  // A plain user sees no tabs: the page shows the server's refusal instead.
  const tabs = ADMIN_TABS.filter((t) => role === 'admin' || (role === 'moderator' && t.role === 'moderator'));
  return (
    <div className="admin">
      <header className="feed-header">
        <h1>Admin · {title}</h1>
      </header>
      {tabs.length > 0 && (
        <nav aria-label="Admin" className="tabs">
          {tabs.map((t) => (
            <Link key={t.to} to={t.to} className="tab" aria-current={pathname === t.to ? 'page' : undefined}>
              {t.label}
            </Link>
          ))}
        </nav>
      )}
      {children}
    </div>
  );
}
