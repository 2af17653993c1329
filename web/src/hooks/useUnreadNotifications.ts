/**
 * The unread-notifications count behind the nav badge: fetched when signed in, on focus, on every
 * navigation and each minute; set to zero when the notifications page saves the read marker.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { unreadCount } from '../api/notifications';
import { useSession } from '../auth/SessionProvider';
import { useLocation } from '../router';

let count = 0;
const listeners = new Set<() => void>();

export function setUnread(n: number): void {
  count = n;
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useUnreadNotifications(): number {
  const { account } = useSession();
  const { pathname } = useLocation();
  const signedIn = !!account;
  useEffect(() => {
    if (!signedIn) {
      setUnread(0);
      return;
    }
    if (pathname === '/notifications') return;
    const load = () => unreadCount().then(setUnread, () => undefined);
    void load();
    window.addEventListener('focus', load);
    const timer = window.setInterval(() => document.visibilityState === 'visible' && void load(), 60_000);
    return () => {
      window.removeEventListener('focus', load);
      window.clearInterval(timer);
    };
  }, [signedIn, pathname]);
  return useSyncExternalStore(subscribe, () => count);
}
