/**
 * The web client as a registered OAuth app, needed for sign-up (POST /api/v1/accounts takes an
 * app token). Its credentials are cached in localStorage; an app token is kept in memory.
 */
import { OOB_REDIRECT_URI } from '../../../shared/constants';
import { ApiError, request } from './http';
import type { CredentialApplication, Token } from './types';

const KEY = 'smile.app';
const SCOPES = 'read write follow push';

export interface AppCredentials {
  client_id: string;
  client_secret: string;
}

export function loadAppCredentials(): AppCredentials | null {
  try {
    const app = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<AppCredentials> | null;
    return app?.client_id && app.client_secret ? { client_id: app.client_id, client_secret: app.client_secret } : null;
  } catch {
    return null;
  }
}

async function registerApp(): Promise<AppCredentials> {
  const app = await request<CredentialApplication>('/api/v1/apps', {
    body: { client_name: 'SMILE Web', redirect_uris: OOB_REDIRECT_URI, scopes: SCOPES, website: window.location.origin },
  });
  const creds = { client_id: app.client_id, client_secret: app.client_secret };
  localStorage.setItem(KEY, JSON.stringify(creds));
  return creds;
}

let cached: { app: AppCredentials; token: string; expiresAt: number } | null = null;

/** An app token (client_credentials) and the app it belongs to; registers the app on first use. */
export async function appToken(): Promise<{ app: AppCredentials; token: string }> {
  if (cached && cached.expiresAt > Date.now() + 60_000) return cached;
  let app = loadAppCredentials() ?? (await registerApp());
  const grant = (creds: AppCredentials) =>
    request<Token>('/oauth/token', { body: { grant_type: 'client_credentials', client_id: creds.client_id, client_secret: creds.client_secret, scope: SCOPES } });
  let token: Token;
  try {
    token = await grant(app);
  } catch (err) {
    // The server no longer knows the cached app (a reset development database): register again.
    if (!(err instanceof ApiError) || err.status !== 401) throw err;
    app = await registerApp();
    token = await grant(app);
  }
  cached = { app, token: token.access_token, expiresAt: Date.now() + (token.expires_in ?? 3600) * 1000 };
  return cached;
}

/** Forgets the in-memory app token (after the server refused it). */
export function dropAppToken(): void {
  cached = null;
}
