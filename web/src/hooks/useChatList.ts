/**
 * My chats (newest activity first), shared by the chat list and the nav badge. Without a socket
 * per room, the list is refetched: on focus, on every navigation and every `everyMs` while the
 * tab is visible (the list page asks often, the badge each minute).
 */
import { useEffect, useSyncExternalStore } from 'react';
import { type Chat, listChats } from '../api/chats';
import { ApiError } from '../api/http';
import { useSession } from '../auth/SessionProvider';
import { useLocation } from '../router';
import type { Resource } from './useResource';

let snapshot: Resource<Chat[]> = { state: 'loading' };
const listeners = new Set<() => void>();
const set = (next: Resource<Chat[]>) => {
  snapshot = next;
  listeners.forEach((l) => l());
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Fetches the list now; keeps the last good list on a transient failure. */
export function refreshChats(): Promise<void> {
  return listChats().then(
    (chats) => set({ state: 'ready', data: chats }),
    (err: unknown) => {
      if (snapshot.state !== 'ready') set({ state: 'error', error: err instanceof ApiError ? err : new ApiError(0, String(err)) });
    },
  );
}

export function useChatList(everyMs: number): Resource<Chat[]> {
  const signedIn = Boolean(useSession().account);
  const { pathname } = useLocation();
  useEffect(() => {
    if (!signedIn) return set({ state: 'loading' });
    void refreshChats();
    const load = () => void refreshChats();
    window.addEventListener('focus', load);
    const timer = window.setInterval(() => document.visibilityState === 'visible' && load(), everyMs);
    return () => {
      window.removeEventListener('focus', load);
      window.clearInterval(timer);
    };
  }, [signedIn, pathname, everyMs]);
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** Unread messages over all my chats that are not muted, for the nav badge. */
export function useUnreadChats(): number {
  const chats = useChatList(60_000);
  return chats.state === 'ready' ? chats.data.reduce((n, c) => n + (c.muted ? 0 : c.unread_count), 0) : 0;
}
