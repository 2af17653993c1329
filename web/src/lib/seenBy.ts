/**
 * Read receipts on screen: each other member's name goes under the newest loaded message they
 * have read, unless that message is their own (writing it says nothing about what they saw).
 */
import { type ChatRoomMessage, compareIds } from '../api/chats';

export function seenByMessage(messages: ChatRoomMessage[], reads: Record<string, string>, me: string, nameOf: (accountId: string) => string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  for (const [accountId, readId] of Object.entries(reads)) {
    if (accountId === me) continue;
    const last = messages.findLast((m) => compareIds(m.id, readId) <= 0);
    if (!last || last.account_id === accountId) continue;
    seen.set(last.id, [...(seen.get(last.id) ?? []), nameOf(accountId)]);
  }
  return seen;
}
