/**
 * The unread-notifications count behind the nav badge: fetched when signed in, on focus, on every
 * navigation and each minute (the fallback), raised live by `notification` events, and set to
 * zero when the notifications page saves the read marker.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { unreadCount } from '../api/notifications';
import type { StreamEvent } from '../api/streaming';
import { useSession } from '../auth/SessionProvider';
import { useLocation } from '../router';
import { useStream } from './useStream';

let count = 0;
/** Notifications already counted, as the server may deliver one twice (the latest few hundred). */
const counted = new Set<string>();
const listeners = new Set<() => void>();

export function setUnread(n: number): void {
  count = n;
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const NOTIFICATION_STREAM = { stream: 'user:notification' } as const;

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

  // On the notifications page the new one is shown and marked read there instead.
  const reading = pathname === '/notifications';
  const onEvent = (e: StreamEvent) => {
    if (e.event !== 'notification' || reading || counted.has(e.notification.id)) return;
    if (counted.size >= 500) counted.clear();
    counted.add(e.notification.id);
    setUnread(count + 1);
  };
  const onReconnect = () => {
    if (!reading) unreadCount().then(setUnread, () => undefined);
  };
  useStream(signedIn ? NOTIFICATION_STREAM : null, onEvent, onReconnect);
  return useSyncExternalStore(subscribe, () => count);
}
