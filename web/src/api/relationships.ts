/** Following accounts and answering follow requests. */
import { api } from './client';
import type { Relationship } from './types';

const account = (id: string) => `/api/v1/accounts/${encodeURIComponent(id)}`;

export async function getRelationship(id: string): Promise<Relationship | null> {
  return (await getRelationships([id]))[0] ?? null;
}

/** The viewer's relationships to several accounts in one request. */
export function getRelationships(ids: string[]): Promise<Relationship[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const query = new URLSearchParams(ids.map((id) => ['id[]', id]));
  return api<Relationship[]>(`/api/v1/accounts/relationships?${query}`);
}

export const follow = (id: string) => api<Relationship>(`${account(id)}/follow`, { method: 'POST' });
export const unfollow = (id: string) => api<Relationship>(`${account(id)}/unfollow`, { method: 'POST' });
export const authorizeFollow = (id: string) => api<Relationship>(`/api/v1/follow_requests/${encodeURIComponent(id)}/authorize`, { method: 'POST' });
export const rejectFollow = (id: string) => api<Relationship>(`/api/v1/follow_requests/${encodeURIComponent(id)}/reject`, { method: 'POST' });
