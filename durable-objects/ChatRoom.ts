import { DurableObject } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { z } from 'zod';
import { CHAT_FRAME_MAX_BYTES, type Chat, ChatClientFrame, type ChatRoomMessage, type ChatServerFrame, type SendMessage } from '../shared/schemas/chats';
import { E2EE_FRAME_MAX_BYTES } from '../shared/schemas/e2ee';
import type { PageQuery } from '../shared/schemas/pagination';
import { DELETED_USER_ID } from '../shared/schemas/privacy';
import { loadCommonConfig, type Env } from '../workers/env';
import { claimChatMedia } from '../workers/api/chat/chat-media';
import { addressees, assertMayMessage } from '../workers/api/chat/permissions';
import { agentsToAnswer, answerAsAgent } from '../workers/api/chat/room-agents';
import { writeIndex } from '../workers/api/chat/room-index';
import type { Db } from '../workers/api/context';
import { ApiError, type FieldErrors, forbidden, invalidField, notFound } from '../workers/api/lib/errors';
import { createLogger } from '../workers/api/lib/logger';
import { classifyText } from '../workers/api/moderation/classifier';
import { type RoomMember, RoomStore } from './chat-room/store';

/** Sends one member may make in `FLOOD.windowMs` before the room answers 429. */
const FLOOD = { max: 20, windowMs: 10_000 } as const;
/**
 * How long the room gathers index changes before writing them to D1, and the retry delay after a
 * failure. Each write is a D1 transaction: with 100 busy rooms (the benchmark's 100 × 10 members,
 * 300 messages a second), writing 250 ms after a change put p50 2.6 s between a send and its
 * delivery on this machine, 1 s still 0.6 s, 2 s 5 ms. A chat list is up to 2 s behind its rooms.
 */
const INDEX_DELAY_MS = 2_000;
const INDEX_RETRY_MS = 5_000;
/** Resume backlog read per step. */
const BACKLOG_PAGE = 500;
/** Close code for a socket whose account is no longer a member. */
export const CLOSE_NOT_MEMBER = 4403;

/** The outcome of a room operation: RPC carries data, not error classes, so failures travel as values. */
export type Outcome<T> = { ok: true; value: T; created?: boolean } | { ok: false; status: number; error: string; details?: FieldErrors };

/** What each socket carries through hibernation. */
const Attachment = z.object({ account: z.string() });

/** The internal upgrade request the Worker sends after checking the token and membership. */
const OpenParams = z.object({ account: z.string(), after: z.string().optional() });

/**
 * One conversation (1-to-1 or group), named by its chat id: its messages in SQLite storage
 * (`RoomStore`) and its members' hibernatable WebSockets. The room is the single writer of its
 * messages, so ids and order are decided here; a message is stored before it is acknowledged or
 * broadcast. REST routes call the same methods over RPC as the socket frames do.
 *
 * The D1 membership index (newest activity, last message, read positions) is written after the
 * fact by the alarm, in batches; until D1 has accepted a change it stays marked in storage and
 * the alarm retries, so an index failure never loses or delays a message.
 */
export class ChatRoom extends DurableObject<Env> {
  private readonly store: RoomStore;
  private readonly db: Db;
  /** Recent send times per member, for the flood limit (reset with the object; hibernation only comes when quiet). */
  private readonly sends = new Map<string, number[]>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new RoomStore(ctx.storage.sql);
    this.db = drizzle(env.DB);
  }

  /** Accepts a WebSocket upgrade forwarded by the Worker; sends the resume backlog, then `ready`. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return new Response('Expected a WebSocket upgrade', { status: 426 });
    const parsed = OpenParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return new Response('Bad socket parameters', { status: 400 });
    const { account, after } = parsed.data;
    if (!this.store.chatId) return Response.json({ error: 'Record not found' }, { status: 404 });
    if (!this.store.member(account)) return Response.json({ error: 'You are not a member of this chat' }, { status: 403 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ account });
    if (after !== undefined) {
      for (let cursor = after, page = this.store.after(cursor, BACKLOG_PAGE); page.length; cursor = page.at(-1)!.id, page = this.store.after(cursor, BACKLOG_PAGE)) {
        for (const message of page) this.sendTo(server, { type: 'message', message });
      }
    }
    this.sendTo(server, { type: 'ready', chat_id: this.store.chatId, last_id: this.store.lastId() });
    return new Response(null, { status: 101, webSocket: client });
  }

  // --- RPC, used by the routes (and by the socket frames below) ---

  /**
   * Makes the member list exactly `members` (the Worker has written D1 first). Sockets of
   * accounts no longer in it are closed with 4403; `chat`, when given, is announced as a
   * `members` frame.
   */
  setMembers(chatId: string, room: { kind: Chat['kind']; encrypted: boolean }, members: RoomMember[], chat?: Chat): void {
    this.store.setChatId(chatId);
    this.store.setMeta('kind', room.kind);
    this.store.setMeta('encrypted', room.encrypted ? '1' : '0');
    const gone = new Set(this.store.setMembers(members));
    for (const ws of this.ctx.getWebSockets()) {
      if (gone.has(this.accountOf(ws))) ws.close(CLOSE_NOT_MEMBER, 'You are no longer a member of this chat');
    }
    if (chat) this.broadcast({ type: 'members', chat });
  }

  async send(accountId: string, input: SendMessage, from?: WebSocket): Promise<Outcome<ChatRoomMessage>> {
    return this.attempt(async () => {
      const sender = this.requireMember(accountId);
      const earlier = this.store.byClientId(accountId, input.client_id);
      if (earlier) {
        if (from) this.sendTo(from, { type: 'ack', client_id: input.client_id, message: earlier });
        return { ok: true, value: earlier, created: false };
      }
      this.checkFlood(accountId);
      const encrypted = this.encrypted();
      const text = input.text ?? '';
      if (encrypted) {
        // Moderation cannot read an encrypted message, and nothing readable may be stored beside it.
        if (text) throw invalidField('text', 'must be empty in an end-to-end encrypted chat: send the content in `envelope`', 'ERR_E2EE_PLAINTEXT');
        if (!input.envelope) throw invalidField('envelope', "can't be blank in an end-to-end encrypted chat", 'ERR_BLANK');
      } else {
        if (input.envelope) throw invalidField('envelope', 'is only for end-to-end encrypted chats', 'ERR_INVALID');
        const verdict = classifyText(text);
        if (verdict.action === 'reject') throw invalidField('text', verdict.reason ?? 'was refused by moderation', 'ERR_MODERATION');
      }
      if (input.reply_to_id && !this.store.row(input.reply_to_id)) throw invalidField('reply_to_id', 'is not a message of this chat');
      if (this.store.meta('kind') === 'direct') await this.checkDirectPeer(accountId);
      const media = input.media_ids?.length ? await claimChatMedia(this.db, loadCommonConfig(this.env), accountId, this.store.chatId, input.media_ids, encrypted) : [];
      const stored = this.store.insert({ accountId, clientId: input.client_id, text, envelope: input.envelope ?? null, media, replyToId: input.reply_to_id ?? null, agent: false });
      this.store.markRead(accountId, { seq: stored.seq, id: stored.message.id });
      // Stored before it is acknowledged: the output gate holds these frames until the write is durable.
      if (from) this.sendTo(from, { type: 'ack', client_id: input.client_id, message: stored.message });
      this.broadcast({ type: 'message', message: stored.message }, from);
      await this.scheduleIndex();
      if (sender.kind !== 'agent' && !encrypted) {
        const agents = agentsToAnswer(this.store.meta('kind') === 'direct' ? 'direct' : 'group', this.store.members(), sender, text);
        for (const agent of agents) this.ctx.waitUntil(this.answer(agent, sender, stored.message));
      }
      return { ok: true, value: stored.message, created: true };
    });
  }

  history(accountId: string, q: PageQuery): Outcome<ChatRoomMessage[]> {
    return this.attemptSync(() => {
      this.requireMember(accountId);
      const limit = Math.min(Math.max(q.limit ?? 20, 1), 40);
      return { ok: true, value: this.store.page({ limit, maxId: q.max_id, minId: q.min_id, sinceId: q.since_id }) };
    });
  }

  edit(accountId: string, id: string, text: string): Outcome<ChatRoomMessage> {
    return this.attemptSync(() => {
      this.ownMessage(accountId, id);
      if (this.encrypted()) throw invalidField('text', 'cannot be edited in an end-to-end encrypted chat: delete the message and send it again', 'ERR_E2EE_PLAINTEXT');
      const verdict = classifyText(text);
      if (verdict.action === 'reject') throw invalidField('text', verdict.reason ?? 'was refused by moderation', 'ERR_MODERATION');
      const message = this.store.edit(id, text);
      void this.scheduleIndex();
      this.broadcast({ type: 'edited', message });
      return { ok: true, value: message };
    });
  }

  delete(accountId: string, id: string): Outcome<Record<string, never>> {
    return this.attemptSync(() => {
      this.ownMessage(accountId, id);
      this.store.delete(id);
      void this.scheduleIndex();
      this.broadcast({ type: 'deleted', id });
      return { ok: true, value: {} };
    });
  }

  react(accountId: string, id: string, emoji: string, on: boolean): Outcome<ChatRoomMessage> {
    return this.attemptSync(() => {
      this.requireMember(accountId);
      if (!this.store.row(id)) throw notFound('No such message in this chat');
      if (this.store.react(id, accountId, emoji, on)) this.broadcast({ type: 'reactions', message_id: id, reactions: this.store.reactions(id) });
      return { ok: true, value: this.store.row(id)!.message };
    });
  }

  /**
   * Read receipt: moves the member's read position. Over REST (`now`) it is written to the index
   * before answering, so the answer's unread count is current; a socket's receipts, one for
   * nearly every message a member sees, go with the room's next index write.
   */
  async read(accountId: string, id: string, now = true): Promise<Outcome<Record<string, never>>> {
    return this.attempt(async () => {
      this.requireMember(accountId);
      const row = this.store.row(id);
      if (!row) throw notFound('No such message in this chat');
      if (this.store.markRead(accountId, { seq: row.seq, id })) {
        this.broadcast({ type: 'read', account_id: accountId, message_id: id });
        await (now ? this.writeIndexNow() : this.scheduleIndex());
      }
      return { ok: true, value: {} };
    });
  }

  /** Every message of the room, oldest first, for a member's data export. */
  transcript(accountId: string): Outcome<ChatRoomMessage[]> {
    return this.attemptSync(() => {
      this.requireMember(accountId);
      return { ok: true, value: this.store.all() };
    });
  }

  /**
   * The hard delete of an account (docs/privacy.md): its messages become the "deleted user"'s,
   * its sockets close, and the index (last message) learns it. Idempotent.
   */
  async eraseAccount(accountId: string): Promise<number> {
    const changed = this.store.anonymise(accountId, DELETED_USER_ID);
    for (const ws of this.ctx.getWebSockets()) {
      if (this.accountOf(ws) === accountId) ws.close(CLOSE_NOT_MEMBER, 'This account was deleted');
    }
    await this.writeIndexNow();
    return changed;
  }

  /** The index writer: runs shortly after changes, and again later while D1 refuses them. */
  override async alarm(): Promise<void> {
    await this.writeIndexNow();
  }

  // --- the socket ---

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    try {
      await this.onFrame(ws, message);
    } catch (err) {
      this.log().error('chat frame failed', { chat_id: this.store.chatId, error: (err as Error).message });
      ws.close(1011, 'Server error');
    }
  }

  private async onFrame(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // An envelope carries one wrapped key per member device, so encrypted rooms take larger frames.
    const max = this.encrypted() ? E2EE_FRAME_MAX_BYTES : CHAT_FRAME_MAX_BYTES;
    const size = typeof message === 'string' ? (message.length * 3 <= max ? message.length : new TextEncoder().encode(message).byteLength) : message.byteLength;
    if (size > max) return this.fail(ws, { status: 413, error: `Frames are at most ${max} bytes` });
    let raw: unknown;
    try {
      raw = JSON.parse(typeof message === 'string' ? message : new TextDecoder().decode(message));
    } catch {
      return this.fail(ws, { status: 400, error: 'Invalid JSON' });
    }
    const parsed = ChatClientFrame.safeParse(raw);
    if (!parsed.success) {
      const clientId = typeof raw === 'object' && raw !== null && 'client_id' in raw && typeof raw.client_id === 'string' ? raw.client_id : undefined;
      return this.fail(ws, { status: 400, error: `Invalid frame: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`).join('; ')}` }, clientId);
    }
    const frame = parsed.data;
    const account = this.accountOf(ws);
    let outcome: Outcome<unknown>;
    switch (frame.type) {
      case 'send':
        outcome = await this.send(account, frame, ws);
        if (!outcome.ok) this.fail(ws, outcome, frame.client_id);
        return;
      case 'edit':
        outcome = this.edit(account, frame.id, frame.text);
        break;
      case 'delete':
        outcome = this.delete(account, frame.id);
        break;
      case 'react':
      case 'unreact':
        outcome = this.react(account, frame.id, frame.emoji, frame.type === 'react');
        break;
      case 'read':
        outcome = await this.read(account, frame.id, false);
        break;
      case 'typing':
        if (!this.store.member(account)) outcome = { ok: false, status: 403, error: 'You are not a member of this chat' };
        else {
          this.broadcast({ type: 'typing', account_id: account }, ws);
          outcome = { ok: true, value: null };
        }
        break;
    }
    if (!outcome.ok) this.fail(ws, outcome);
  }

  /** Completes the closing handshake; 1005/1006 only describe a close and cannot be sent back. */
  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  }

  // --- inside ---

  /** One agent's answer to `message`, streamed as `agent.delta` frames and then stored as a message. */
  private async answer(agent: RoomMember, sender: RoomMember, message: ChatRoomMessage): Promise<void> {
    try {
      await answerAsAgent(this.env, this.db, {
        agent,
        sender,
        message,
        direct: this.store.meta('kind') === 'direct',
        history: () => this.store.recent(10),
        delta: (delta) => this.broadcast({ type: 'agent.delta', account_id: agent.accountId, reply_to_id: message.id, delta }),
        store: async (text) => {
          if (!this.store.member(agent.accountId)) return null;
          const stored = this.store.insert({ accountId: agent.accountId, clientId: null, text, envelope: null, media: [], replyToId: message.id, agent: true });
          await this.scheduleIndex();
          this.broadcast({ type: 'message', message: stored.message });
          return stored.message;
        },
      });
    } catch (err) {
      this.log().error('agent reply in chat failed', { chat_id: this.store.chatId, agent_id: agent.accountId, error: (err as Error).message });
    }
  }

  private log() {
    return createLogger(loadCommonConfig(this.env).LOG_LEVEL);
  }

  private encrypted(): boolean {
    return this.store.meta('encrypted') === '1';
  }

  private requireMember(accountId: string): RoomMember {
    if (!this.store.chatId) throw notFound();
    const member = this.store.member(accountId);
    if (!member) throw forbidden('You are not a member of this chat');
    return member;
  }

  private ownMessage(accountId: string, id: string): void {
    this.requireMember(accountId);
    const row = this.store.row(id);
    if (!row) throw notFound('No such message in this chat');
    if (row.message.account_id !== accountId) throw forbidden('Only the author of a message can do this');
  }

  private checkFlood(accountId: string): void {
    const now = Date.now();
    const recent = (this.sends.get(accountId) ?? []).filter((t) => t > now - FLOOD.windowMs);
    if (recent.length >= FLOOD.max) throw new ApiError(429, `Too many messages: at most ${FLOOD.max} every ${FLOOD.windowMs / 1000} seconds`);
    recent.push(now);
    this.sends.set(accountId, recent);
  }

  /** A direct chat follows the two people's current relationship: a block or a changed DM setting stops new messages. */
  private async checkDirectPeer(senderId: string): Promise<void> {
    const peers = this.store.members().filter((m) => m.accountId !== senderId);
    for (const to of await addressees(this.db, senderId, peers.map((p) => p.accountId))) assertMayMessage(to);
  }

  private async scheduleIndex(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + INDEX_DELAY_MS);
  }

  private async writeIndexNow(): Promise<void> {
    const state = this.store.indexState();
    if (!state) return;
    try {
      await writeIndex(this.db, this.store.chatId, state);
      this.store.indexed(state.version);
    } catch (err) {
      this.log().warn('chat index write failed; retrying', { chat_id: this.store.chatId, error: (err as Error).message });
      await this.ctx.storage.setAlarm(Date.now() + INDEX_RETRY_MS);
    }
  }

  private async attempt<T>(run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    try {
      return await run();
    } catch (err) {
      return this.failure(err);
    }
  }

  private attemptSync<T>(run: () => Outcome<T>): Outcome<T> {
    try {
      return run();
    } catch (err) {
      return this.failure(err);
    }
  }

  private failure(err: unknown): Outcome<never> {
    if (err instanceof ApiError) return { ok: false, status: err.status, error: err.message, ...(err.details && { details: err.details }) };
    throw err;
  }

  private accountOf(ws: WebSocket): string {
    const parsed = Attachment.safeParse(ws.deserializeAttachment());
    return parsed.success ? parsed.data.account : '';
  }

  private sendTo(ws: WebSocket, frame: ChatServerFrame): void {
    try {
      ws.send(JSON.stringify(frame));
    } catch {
      // A socket closing at this moment misses the frame; its client resumes with ?after=.
    }
  }

  /** Sends a frame to every socket of the room but `except`; encoded once. */
  private broadcast(frame: ChatServerFrame, except?: WebSocket): void {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except) continue;
      try {
        ws.send(text);
      } catch {
        // As in sendTo.
      }
    }
  }

  private fail(ws: WebSocket, e: { status: number; error: string }, clientId?: string): void {
    this.sendTo(ws, { type: 'error', error: e.error, status: e.status, ...(clientId && { client_id: clientId }) });
  }
}
