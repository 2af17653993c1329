/**
 * Refreshing the session's tokens. Refresh tokens rotate, so two tabs must never refresh with
 * the same one: a Web Lock serialises them, and a tab that finds the stored access token already
 * replaced simply adopts the new one.
 */
import { WEB_CLIENT_ID } from '../../../shared/constants';
import { loadAppCredentials } from '../api/app';
import { ApiError, request } from '../api/http';
import type { Token } from '../api/types';
import { loadSession, saveSession, sessionFromToken, type StoredSession } from './session';

async function exchange(stale: string): Promise<StoredSession | null> {
  const current = loadSession();
  if (!current) return null;
  if (current.accessToken !== stale) return current;
  if (!current.refreshToken) {
    saveSession(null);
    return null;
  }
  const body: Record<string, string> = { grant_type: 'refresh_token', refresh_token: current.refreshToken, client_id: current.clientId };
  if (current.clientId !== WEB_CLIENT_ID) {
    const app = loadAppCredentials();
    if (app?.client_id === current.clientId) body.client_secret = app.client_secret;
  }
  try {
    const token = await request<Token>('/oauth/token', { body });
    const next = sessionFromToken(token, current.clientId);
    saveSession(next);
    return next;
  } catch (err) {
    // The server said no (revoked, expired, rotated): the session is over. Network trouble is not.
    if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
      saveSession(null);
      return null;
    }
    throw err;
  }
}

/** Runs the exchange under a cross-tab lock where the browser has Web Locks. */
async function exchangeLocked(stale: string): Promise<StoredSession | null> {
  if (!navigator.locks) return exchange(stale);
  return navigator.locks.request('smile-refresh', () => exchange(stale));
}

let inflight: Promise<StoredSession | null> | null = null;

/** New tokens for the session whose access token `stale` stopped working; null when logged out. */
export function refreshSession(stale: string): Promise<StoredSession | null> {
  inflight ??= exchangeLocked(stale).finally(() => {
    inflight = null;
  });
  return inflight;
}
