import type { IconName } from './Icon';

export interface NavItem {
  to: string;
  label: string;
  /** Shown on the phone's bottom bar where space is short. */
  short?: string;
  icon: IconName;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Home', icon: 'home' },
  { to: '/explore', label: 'Explore', icon: 'explore' },
  { to: '/chats', label: 'Chats', icon: 'chats' },
  { to: '/agents', label: 'Agents', icon: 'agents' },
  { to: '/marketplace', label: 'Marketplace', short: 'Market', icon: 'marketplace' },
  { to: '/purchases', label: 'My purchases', short: 'Bought', icon: 'receipt' },
  { to: '/creator', label: 'Earnings', icon: 'earnings' },
  { to: '/live', label: 'Live', icon: 'live' },
  { to: '/notifications', label: 'Notifications', short: 'Alerts', icon: 'notifications' },
];

/** Shown only to staff (role moderator or admin); the server refuses everyone else anyway. */
export const ADMIN_NAV_ITEM: NavItem = { to: '/admin', label: 'Admin', icon: 'shield' };

export function isActive(item: NavItem, pathname: string): boolean {
  return item.to === '/' ? pathname === '/' : pathname === item.to || pathname.startsWith(`${item.to}/`);
}
