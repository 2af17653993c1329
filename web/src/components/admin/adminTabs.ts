/**
 * The admin area's sections and the least role each needs (the server's role on its endpoints).
 * A new admin screen adds its entry here.
 */
import type { AccountRole } from '../../api/admin';

export interface AdminTab {
  to: string;
  label: string;
  role: Exclude<AccountRole, 'user'>;
}

export const ADMIN_TABS: readonly AdminTab[] = [
  { to: '/admin', label: 'Overview', role: 'moderator' },
  { to: '/admin/queue', label: 'Moderation queue', role: 'moderator' },
  { to: '/admin/accounts', label: 'Accounts', role: 'moderator' },
  { to: '/admin/business', label: 'Business verifications', role: 'admin' },
  { to: '/admin/market', label: 'Marketplace', role: 'admin' },
  { to: '/admin/audit', label: 'Audit log', role: 'admin' },
  { to: '/admin/analytics', label: 'Analytics', role: 'admin' },
];
