/** The OAuth consent page's two calls. */
import { api } from './client';
import { request } from './http';
import type { AuthorizeDecision, AuthorizeInfo } from './types';

/** The authorization request's parameters, exactly as the app sent them. */
export const AUTHORIZE_FIELDS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'force_login', 'lang'] as const;

export function authorizeParams(search: string): Record<string, string> {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const field of AUTHORIZE_FIELDS) {
    const value = params.get(field);
    if (value !== null) out[field] = value;
  }
  return out;
}

export function authorizeInfo(params: Record<string, string>): Promise<AuthorizeInfo> {
  return request<AuthorizeInfo>('/api/v1/oauth/authorize', { query: params });
}

export function decideAuthorization(params: Record<string, string>, approve: boolean): Promise<AuthorizeDecision> {
  return api<AuthorizeDecision>('/api/v1/oauth/authorize', { body: { ...params, approve } });
}
