import { Link, useLocation } from '../router';

const TABS = [
  { to: '/settings/profile', label: 'Profile' },
  { to: '/settings/privacy', label: 'Privacy' },
  { to: '/settings/notifications', label: 'Notifications' },
  { to: '/settings/account', label: 'Account' },
  { to: '/settings/plans', label: 'Plans' },
  { to: '/settings/data', label: 'Privacy & data' },
] as const;

/** The tabs above every settings page. */
export function SettingsNav() {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Settings" className="tabs">
      {TABS.map((t) => (
        <Link key={t.to} to={t.to} className="tab" aria-current={pathname === t.to ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
