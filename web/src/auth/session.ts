/**
 * The signed-in session's tokens, kept in localStorage so they survive reloads and are shared
 * by tabs. `clientId` says which OAuth client issued them: refreshing must use the same one
 * (`smile-web` for password and social logins, the registered app for sign-ups).
 */
import type { Token } from '../api/types';

export interface StoredSession {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch milliseconds when the access token stops working, if known. */
  expiresAt: number | null;
  clientId: string;
}

const KEY = 'smile.session';
/** `otherTab` is true when another tab made the change. */
type Listener = (session: StoredSession | null, otherTab: boolean) => void;
const listeners = new Set<Listener>();

function isStoredSession(v: unknown): v is StoredSession {
  const s = v as Partial<StoredSession> | null;
  return typeof s?.accessToken === 'string' && typeof s.clientId === 'string';
}

export function loadSession(): StoredSession | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    return isStoredSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Stores (or, with null, forgets) the session and tells every subscriber in this tab. */
export function saveSession(session: StoredSession | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener(session, false);
}

export function sessionFromToken(token: Pick<Token, 'access_token' | 'refresh_token' | 'expires_in'>, clientId: string): StoredSession {
  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token ?? null,
    expiresAt: token.expires_in ? Date.now() + token.expires_in * 1000 : null,
    clientId,
  };
}

/** Calls `listener` whenever the session changes, in this tab or another. Returns the unsubscribe. */
export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY || e.key === null) listener(loadSession(), true);
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
