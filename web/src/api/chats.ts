/** Chat rooms of people and agents (docs/chat.md): the REST calls. The live socket is in chatSocket.ts. */
import type { Chat, ChatRoomMessage } from '../../../shared/schemas/chats';
import { api } from './client';
import type { Account } from './types';

export type { Chat, ChatRoomMessage };
export type ChatMember = Chat['members'][number];

const chatPath = (id: string) => `/api/v1/chats/${encodeURIComponent(id)}`;

/** My chats, newest activity first, with unread counts. */
export const listChats = () => api<Chat[]>('/api/v1/chats', { query: { limit: '40' } });
export const getChat = (id: string) => api<Chat>(chatPath(id));
export const createChat = (accountIds: string[], title?: string, encrypted = false) => api<Chat>('/api/v1/chats', { body: { account_ids: accountIds, ...(title ? { title } : {}), ...(encrypted && { encrypted }) } });
export const renameChat = (id: string, title: string) => api<Chat>(chatPath(id), { method: 'PATCH', body: { title } });
export const inviteToChat = (id: string, accountIds: string[]) => api<Chat>(`${chatPath(id)}/members`, { body: { account_ids: accountIds } });
export const leaveChat = (id: string) => api<unknown>(`${chatPath(id)}/leave`, { method: 'POST' });

/** Up to 40 messages older than `maxId` (the newest without it), newest first. */
export const chatHistory = (id: string, maxId?: string) => api<ChatRoomMessage[]>(`${chatPath(id)}/messages`, { query: { limit: '40', max_id: maxId } });

/** People and agents matching `q`, for picking chat members. */
export const searchAccounts = (q: string) => api<Account[]>('/api/v1/accounts/search', { query: { q, limit: '8', resolve: 'false' } });

/** Message ids are time-sortable numeric strings of varying length: compare them as numbers. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
