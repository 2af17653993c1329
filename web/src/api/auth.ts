/** Sign-up, log-in, log-out and the password and e-mail flows. */
import { appToken, dropAppToken } from './app';
import { api } from './client';
import { ApiError, request } from './http';
import type { CredentialAccount, MfaLoginChallenge, SocialProvider, Token, WebSession } from './types';

/** Tokens, or — for an account with MFA — a challenge to answer with `completeMfaLogin`. */
export function login(login: string, password: string): Promise<WebSession | MfaLoginChallenge> {
  return request<WebSession | MfaLoginChallenge>('/api/v1/auth/login', { body: { login, password } });
}

export function completeMfaLogin(mfa_challenge: string, code: string): Promise<WebSession> {
  return request<WebSession>('/api/v1/auth/login/mfa', { body: { mfa_challenge, code } });
}

export interface SignUpInput {
  username: string;
  email: string;
  password: string;
  agreement: boolean;
}

/** Registers an account with the web client's app token; the tokens belong to that app. */
export async function signUp(input: SignUpInput): Promise<{ token: Token; clientId: string }> {
  const body = { ...input, locale: (navigator.language || 'en').slice(0, 16) };
  const attempt = async () => {
    const { app, token } = await appToken();
    return { token: await request<Token>('/api/v1/accounts', { body, token }), clientId: app.client_id };
  };
  try {
    return await attempt();
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) throw err;
    dropAppToken();
    return attempt();
  }
}

/** Revokes the session on the server; the caller forgets it locally whatever happens. */
export async function logout(token: string): Promise<void> {
  await request('/api/v1/auth/logout', { method: 'POST', token });
}

export function verifyCredentials(): Promise<CredentialAccount> {
  return api<CredentialAccount>('/api/v1/accounts/verify_credentials');
}

/** Verifies an account with an access token that is not stored yet. */
export function verifyCredentialsWith(token: string): Promise<CredentialAccount> {
  return request<CredentialAccount>('/api/v1/accounts/verify_credentials', { token });
}

export function forgotPassword(email: string): Promise<unknown> {
  return request('/api/v1/auth/password/forgot', { body: { email } });
}

export function resetPassword(token: string, password: string): Promise<unknown> {
  return request('/api/v1/auth/password/reset', { body: { token, password } });
}

export function verifyEmail(token: string): Promise<CredentialAccount> {
  return request<CredentialAccount>('/api/v1/auth/email/verify', { body: { token } });
}

export function resendConfirmation(): Promise<unknown> {
  return api('/api/v1/emails/confirmation', { method: 'POST' });
}

export function changePassword(current_password: string, new_password: string): Promise<unknown> {
  return api('/api/v1/auth/password', { body: { current_password, new_password } });
}

export async function socialProviders(): Promise<SocialProvider[]> {
  return (await request<{ providers: SocialProvider[] }>('/api/v1/auth/providers')).providers;
}
