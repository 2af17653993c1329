/**
 * The room's side of the D1 membership index: after it stores, a `ChatRoom` writes its newest
 * activity, last message and members' read positions here in one batch. Every statement only
 * moves forward (`last_seq`, `read_seq` never go back), so a late or repeated batch is harmless.
 */
import { and, eq, lte } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { IndexState } from '../../../durable-objects/chat-room/store';
import type { Db } from '../context';
import { chatMembers, chats } from '../db/chats';

export async function writeIndex(db: Db, chatId: string, state: IndexState): Promise<void> {
  const chat = db
    .update(chats)
    .set({ lastSeq: state.lastSeq, lastMessage: state.lastMessage ? JSON.stringify(state.lastMessage) : null, ...(state.activityId && { activityId: state.activityId }) })
    .where(and(eq(chats.id, chatId), lte(chats.lastSeq, state.lastSeq)));
  const members = state.members.map((m) =>
    db
      .update(chatMembers)
      .set({ readSeq: m.readSeq, lastReadId: m.lastReadId })
      .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.accountId, m.accountId), lte(chatMembers.readSeq, m.readSeq))),
  );
  await db.batch([chat, ...members] as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}
