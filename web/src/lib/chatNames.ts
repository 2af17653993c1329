/** How a chat and its members are named on screen. */
import type { Chat, ChatMember } from '../api/chats';
import type { Account } from '../api/types';
import { displayName } from '../components/AccountName';

/** Everyone but me. */
export const othersIn = (chat: Chat, me: string): ChatMember[] => chat.members.filter((m) => m.account.id !== me);

/** The group's title, or the other people's names (agents with their 🤖). */
export function chatTitle(chat: Chat, me: string): string {
  if (chat.title) return chat.title;
  const names = othersIn(chat, me).map((m) => nameWithLabel(m.account));
  return names.length ? names.join(', ') : 'Just you';
}

export const nameWithLabel = (account: Pick<Account, 'display_name' | 'username' | 'smile'>) => (account.smile.label ? `${displayName(account)} ${account.smile.label}` : displayName(account));

/** The account behind each member id, for naming message authors. */
export const membersById = (chat: Chat | null): Map<string, Account> => new Map((chat?.members ?? []).map((m) => [m.account.id, m.account]));
