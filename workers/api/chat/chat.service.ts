/**
 * Chats: rooms and their members, in the D1 membership index. Creating, renaming, inviting,
 * removing, leaving and muting write D1 in one batch and then tell the room (`ChatRoom`) its
 * new member list, which closes the sockets of whoever is no longer in it. Messages are the
 * room's business: the routes call it directly.
 */
import { type SQL, and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ChatRoom } from '../../../durable-objects/ChatRoom';
import { CHAT_MAX_MEMBERS, type CreateChatBody } from '../../../shared/schemas/chats';
import type { Env } from '../../env';
import { visibleAgent } from '../agents/agents.service';
import type { Db, Services } from '../context';
import { type ChatMemberRow, type ChatRow, chatMembers, chats } from '../db/chats';
import { type AccountRow, accounts } from '../db/schema';
import { ApiError, forbidden, invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { addressees, assertMayMessage } from './permissions';
import { assertEntitled } from '../market/entitlements.service';
import { serializeChat } from './serializers';

type Deps = Pick<Services, 'db' | 'config'>;

export interface LoadedChat {
  chat: ChatRow;
  me: ChatMemberRow;
  members: { member: ChatMemberRow; account: AccountRow }[];
}

export type RoomStub = DurableObjectStub<ChatRoom>;

export const roomOf = (env: Env, chatId: string): RoomStub => env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chatId));

/** One plain and one encrypted direct chat per pair at most. */
const directKey = (a: string, b: string, encrypted: boolean) => `${a < b ? `${a}:${b}` : `${b}:${a}`}${encrypted ? ':e2ee' : ''}`;

/** 7 bound parameters a member row at most: 14 rows stay under D1's 100 a statement. */
const MEMBERS_PER_INSERT = 14;

/** The inserts of a group's member rows (up to 100), as statements for one batch. */
function memberInserts(db: Db, rows: (typeof chatMembers.$inferInsert)[]) {
  const insert = (from: number) => db.insert(chatMembers).values(rows.slice(from, from + MEMBERS_PER_INSERT)).onConflictDoNothing();
  const rest = [];
  for (let i = MEMBERS_PER_INSERT; i < rows.length; i += MEMBERS_PER_INSERT) rest.push(insert(i));
  return [insert(0), ...rest] as const;
}

/** The viewer's chats matching `where`, newest activity first (one query), with their members (a second one, in parallel). */
async function loadChats(db: Db, viewerId: string, where: SQL | undefined, limit: number): Promise<LoadedChat[]> {
  const mine = and(eq(chatMembers.accountId, viewerId), where);
  const pageIds = db.select({ id: chats.id }).from(chatMembers).innerJoin(chats, eq(chats.id, chatMembers.chatId)).where(mine).orderBy(desc(chats.activityId)).limit(limit);
  // Not one D1 batch: drizzle maps a batch's joined rows by column name, and accounts and chat_members both have `role`.
  const [rows, members] = await Promise.all([
    db.select({ chat: chats, me: chatMembers }).from(chatMembers).innerJoin(chats, eq(chats.id, chatMembers.chatId)).where(mine).orderBy(desc(chats.activityId)).limit(limit),
    db
      .select({ member: chatMembers, account: accounts })
      .from(chatMembers)
      .innerJoin(accounts, eq(accounts.id, chatMembers.accountId))
      .where(inArray(chatMembers.chatId, pageIds))
      .orderBy(asc(chatMembers.joinedAt), asc(chatMembers.accountId)),
  ]);
  return rows.map((r) => ({ ...r, members: members.filter((m) => m.member.chatId === r.chat.id) }));
}

/** The viewer's chats, newest activity first; `maxId` is the activity cursor of the previous page. */
export function listChats(deps: Deps, viewerId: string, q: { max_id?: string | undefined; limit?: number | undefined }): Promise<LoadedChat[]> {
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 40);
  return loadChats(deps.db, viewerId, q.max_id ? lt(chats.activityId, q.max_id) : undefined, limit);
}

/** A chat the viewer is a member of: 404 when it does not exist, 403 when they are not in it. */
export async function memberChat(deps: Deps, viewerId: string, id: string): Promise<LoadedChat> {
  const [loaded] = await loadChats(deps.db, viewerId, eq(chats.id, id), 1);
  if (loaded) return loaded;
  const [exists] = await deps.db.select({ id: chats.id }).from(chats).where(eq(chats.id, id)).limit(1);
  if (!exists) throw notFound();
  throw forbidden('You are not a member of this chat');
}

/**
 * The accounts `inviter` may bring into a chat: they exist, nobody is blocked either way, each
 * person's `dm_policy` admits the inviter, and each agent is one the inviter may see (a private
 * agent only by its owner) and use (a marketplace agent sold to them). No agent joins an
 * encrypted chat: it would need the plaintext, which the server never has.
 */
async function admissible(deps: Deps, inviter: AccountRow, ids: readonly string[], encrypted: boolean): Promise<string[]> {
  const unique = [...new Set(ids)].filter((id) => id !== inviter.id);
  if (unique.length === 0) throw invalidField('account_ids', 'must name someone other than yourself');
  const found = await addressees(deps.db, inviter.id, unique);
  if (found.length !== unique.length) throw invalidField('account_ids', 'contains accounts that do not exist');
  for (const to of found) {
    assertMayMessage(to);
    if (to.kind !== 'agent') continue;
    if (encrypted) throw invalidField('account_ids', `contains @${to.username}, an agent: agents cannot be members of an end-to-end encrypted chat, as they would need to read its messages`, 'ERR_E2EE_AGENT');
    try {
      await visibleAgent(deps, inviter.id, to.id);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) throw forbidden(`You cannot add @${to.username}: this agent is private`);
      throw err;
    }
    await assertEntitled(deps.db, inviter.id, to.id);
  }
  return unique;
}

function capCheck(count: number): void {
  if (count > CHAT_MAX_MEMBERS) throw invalidField('account_ids', `would make more than ${CHAT_MAX_MEMBERS} members`, 'ERR_LIMIT_REACHED');
}

/** Creates a chat, or returns the existing direct chat of the pair (`created: false`). */
export async function createChat(deps: Deps, env: Env, me: AccountRow, body: z.output<typeof CreateChatBody>): Promise<{ loaded: LoadedChat; created: boolean }> {
  const encrypted = body.encrypted ?? false;
  const others = await admissible(deps, me, body.account_ids, encrypted);
  capCheck(others.length + 1);
  const direct = others.length === 1 && body.title === undefined;
  if (direct) {
    const key = directKey(me.id, others[0]!, encrypted);
    const [existing] = await deps.db.select({ id: chats.id }).from(chats).where(eq(chats.directKey, key)).limit(1);
    if (existing) {
      // Someone who left a direct chat is back in it when either of the two starts it again.
      await deps.db.insert(chatMembers).values([me.id, others[0]!].map((accountId) => ({ chatId: existing.id, accountId }))).onConflictDoNothing();
      await syncRoom(deps, env, existing.id, me.id);
      return { loaded: await memberChat(deps, me.id, existing.id), created: false };
    }
  }
  const id = newId();
  const at = Date.now();
  const members = [{ chatId: id, accountId: me.id, role: 'owner' as const, joinedAt: at }, ...others.map((accountId) => ({ chatId: id, accountId, role: 'member' as const, joinedAt: at }))];
  try {
    await deps.db.batch([
      deps.db.insert(chats).values({ id, kind: direct ? 'direct' : 'group', title: body.title ?? null, ownerId: me.id, directKey: direct ? directKey(me.id, others[0]!, encrypted) : null, activityId: id, encrypted, createdAt: at }),
      ...memberInserts(deps.db, members),
    ]);
  } catch (err) {
    // Two people starting the same direct chat at once: the unique key lets one win; return it.
    if (direct) return createChat(deps, env, me, body);
    throw err;
  }
  await syncRoom(deps, env, id);
  return { loaded: await memberChat(deps, me.id, id), created: true };
}

const groupOnly = (loaded: LoadedChat) => {
  if (loaded.chat.kind !== 'group') throw invalidField('chat', 'is a direct chat; only groups can do this');
};

export async function renameChat(deps: Deps, env: Env, me: AccountRow, id: string, title: string, encrypted?: boolean): Promise<LoadedChat> {
  const loaded = await memberChat(deps, me.id, id);
  groupOnly(loaded);
  // Turning it off would expose later messages to the server; on later, earlier ones are already plain.
  if (encrypted !== undefined && encrypted !== loaded.chat.encrypted) throw invalidField('encrypted', 'is chosen when a chat is created and cannot change', 'ERR_E2EE_FIXED');
  await deps.db.update(chats).set({ title }).where(eq(chats.id, id));
  await syncRoom(deps, env, id, me.id);
  return memberChat(deps, me.id, id);
}

export async function inviteMembers(deps: Deps, env: Env, me: AccountRow, id: string, ids: readonly string[]): Promise<LoadedChat> {
  const loaded = await memberChat(deps, me.id, id);
  groupOnly(loaded);
  const present = new Set(loaded.members.map((m) => m.member.accountId));
  const fresh = (await admissible(deps, me, ids, loaded.chat.encrypted)).filter((a) => !present.has(a));
  capCheck(present.size + fresh.length);
  if (fresh.length) {
    // The guard fails the batch (json('') raises) if concurrent invitations passed the cap together.
    await deps.db.batch([
      ...memberInserts(deps.db, fresh.map((accountId) => ({ chatId: id, accountId }))),
      deps.db.select({ ok: sql<number>`CASE WHEN count(*) <= ${CHAT_MAX_MEMBERS} THEN 1 ELSE json('') END` }).from(chatMembers).where(eq(chatMembers.chatId, id)),
    ]);
    await syncRoom(deps, env, id, me.id);
  }
  return memberChat(deps, me.id, id);
}

export async function removeMember(deps: Deps, env: Env, me: AccountRow, id: string, accountId: string): Promise<LoadedChat> {
  const loaded = await memberChat(deps, me.id, id);
  groupOnly(loaded);
  if (loaded.me.role !== 'owner') throw forbidden('Only the owner of a chat can remove members');
  if (accountId === me.id) throw invalidField('account_id', 'is you: leave the chat instead');
  if (!loaded.members.some((m) => m.member.accountId === accountId)) throw notFound('No such member');
  await deps.db.delete(chatMembers).where(and(eq(chatMembers.chatId, id), eq(chatMembers.accountId, accountId)));
  await syncRoom(deps, env, id, me.id);
  return memberChat(deps, me.id, id);
}

/** Leaves a chat; when the owner of a group leaves, the longest-standing person becomes its owner. */
export async function leaveChat(deps: Deps, env: Env, me: AccountRow, id: string): Promise<void> {
  const loaded = await memberChat(deps, me.id, id);
  const heir = loaded.me.role === 'owner' ? loaded.members.find((m) => m.member.accountId !== me.id && m.account.kind !== 'agent') : undefined;
  await deps.db.batch([
    deps.db.delete(chatMembers).where(and(eq(chatMembers.chatId, id), eq(chatMembers.accountId, me.id))),
    ...(heir
      ? [
          deps.db.update(chatMembers).set({ role: 'owner' }).where(and(eq(chatMembers.chatId, id), eq(chatMembers.accountId, heir.member.accountId))),
          deps.db.update(chats).set({ ownerId: heir.member.accountId }).where(eq(chats.id, id)),
        ]
      : []),
  ]);
  await syncRoom(deps, env, id, heir?.member.accountId);
}

export async function setMuted(deps: Deps, me: AccountRow, id: string, muted: boolean): Promise<LoadedChat> {
  await memberChat(deps, me.id, id);
  await deps.db.update(chatMembers).set({ muted }).where(and(eq(chatMembers.chatId, id), eq(chatMembers.accountId, me.id)));
  return memberChat(deps, me.id, id);
}

/**
 * Tells the room its member list as D1 has it. With `announceAs` (a member's view), the chat is
 * also announced to the room's sockets as a `members` frame.
 */
export async function syncRoom(deps: Deps, env: Env, id: string, announceAs?: string): Promise<void> {
  const [chat] = await deps.db.select().from(chats).where(eq(chats.id, id)).limit(1);
  if (!chat) return;
  const members = await deps.db
    .select({ accountId: accounts.id, kind: accounts.kind, username: accounts.username })
    .from(chatMembers)
    .innerJoin(accounts, eq(accounts.id, chatMembers.accountId))
    .where(eq(chatMembers.chatId, id));
  const view = announceAs ? (await loadChats(deps.db, announceAs, eq(chats.id, id), 1))[0] : undefined;
  await roomOf(env, id).setMembers(id, { kind: chat.kind, encrypted: chat.encrypted }, members, view && serializeChat(deps.config, view));
}
