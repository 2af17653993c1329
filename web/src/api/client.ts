/**
 * Requests on behalf of the signed-in user: adds the bearer token, refreshes it shortly before
 * it expires or when the server refuses it, and retries once.
 */
import { refreshSession } from '../auth/refresh';
import { loadSession } from '../auth/session';
import { ApiError, request, requestPage, type RequestOptions } from './http';

export const SESSION_ENDED = 'Your session has ended. Please log in again.';

/** The current access token, refreshed first if it is about to expire; null when logged out. */
export async function currentToken(): Promise<string | null> {
  const session = loadSession();
  if (!session) return null;
  if (session.expiresAt !== null && session.expiresAt - Date.now() < 60_000) {
    return (await refreshSession(session.accessToken))?.accessToken ?? null;
  }
  return session.accessToken;
}

/** Runs `send` with the user's token; on 401 refreshes and runs it once more. */
export async function withUserToken<T>(send: (token: string | null) => Promise<T>, requireUser = true): Promise<T> {
  const token = await currentToken();
  if (!token && requireUser) throw new ApiError(401, SESSION_ENDED);
  try {
    return await send(token);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401 || !token) throw err;
    const next = await refreshSession(token);
    if (!next) {
      if (requireUser) throw new ApiError(401, SESSION_ENDED);
      return send(null);
    }
    return send(next.accessToken);
  }
}

/** A request as the signed-in user (401 if nobody is). */
export function api<T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> {
  return withUserToken((token) => request<T>(path, { ...options, token }));
}

/** A request to a public endpoint, with the user's token when there is one. */
export function publicApi<T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> {
  return withUserToken((token) => request<T>(path, { ...options, token }), false);
}

/** One page of a list as the signed-in user (or anonymously when `requireUser` is false). */
export function apiPage<T>(path: string, requireUser = true): Promise<{ data: T; next: string | null }> {
  return withUserToken((token) => requestPage<T>(path, { token }), requireUser);
}
