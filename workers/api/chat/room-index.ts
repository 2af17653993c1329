/**
 * The room's side of the D1 membership index: after it stores, a `ChatRoom` writes its newest
 * activity, last message and members' read positions here in one batch. Every statement only
 * moves forward (`last_seq`, `read_seq` never go back), so a late or repeated batch is harmless.
 */
import { and, eq, lte, sql } from 'drizzle-orm';
import type { IndexState } from '../../../durable-objects/chat-room/store';
import type { Db } from '../context';
import { chatMembers, chats } from '../db/chats';

export async function writeIndex(db: Db, chatId: string, state: IndexState): Promise<void> {
  const chat = db
    .update(chats)
    .set({ lastSeq: state.lastSeq, lastMessage: state.lastMessage ? JSON.stringify(state.lastMessage) : null, ...(state.activityId && { activityId: state.activityId }) })
    .where(and(eq(chats.id, chatId), lte(chats.lastSeq, state.lastSeq)));
  if (state.members.length === 0) return void (await chat);
  // Every member's read position in one statement, the positions as one JSON parameter: a batch
  // of one update a member (up to 100) held the local database long enough to delay the rooms.
  const read = (i: number) => sql`json_extract(read.value, ${`$[${i}]`})`;
  const members = db
    .update(chatMembers)
    .set({ readSeq: sql`${read(1)}`, lastReadId: sql`${read(2)}` })
    .from(sql`json_each(${JSON.stringify(state.members.map((m) => [m.accountId, m.readSeq, m.lastReadId]))}) AS read`)
    .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.accountId, read(0)), lte(chatMembers.readSeq, read(1))));
  await db.batch([chat, members]);
}
