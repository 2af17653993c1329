/**
 * What one `ChatRoom` keeps in its SQLite storage: messages (with a gapless sequence number
 * beside the public time-sortable id), reactions, the members it admits, and what the D1
 * membership index still has to learn (`dirty` versions). Synchronous: the object is the only
 * writer, so each method is one atomic step between two awaits.
 */
import type { z } from 'zod';
import type { ChatRoomMessage, ChatReaction } from '../../shared/schemas/chats';
import type { E2eeEnvelope } from '../../shared/schemas/e2ee';
import type { MediaAttachment } from '../../shared/schemas/media';
import { newId } from '../../workers/api/lib/ids';

export interface RoomMember {
  accountId: string;
  kind: 'person' | 'agent' | 'business';
  username: string;
}

type MessageRow = {
  seq: number;
  id: string;
  account_id: string;
  client_id: string | null;
  text: string;
  envelope: string | null;
  media: string;
  reply_to_id: string | null;
  agent: number;
  created_at: number;
  edited_at: number | null;
};
type MemberRow = { account_id: string; kind: string; username: string; read_seq: number; last_read_id: string | null; dirty: number };

export interface NewMessage {
  accountId: string;
  clientId: string | null;
  text: string;
  /** An encrypted chat's message: stored as the client sent it, opaque. */
  envelope: E2eeEnvelope | null;
  media: z.input<typeof MediaAttachment>[];
  replyToId: string | null;
  agent: boolean;
}

export interface Stored {
  message: ChatRoomMessage;
  seq: number;
}

export interface IndexState {
  lastSeq: number;
  lastMessage: ChatRoomMessage | null;
  activityId: string | null;
  members: { accountId: string; readSeq: number; lastReadId: string | null }[];
  version: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class RoomStore {
  /** The room's chat id, set once by the first `setMembers`. */
  chatId: string;

  constructor(private readonly sql: SqlStorage) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS messages (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL, client_id TEXT,
        text TEXT NOT NULL, media TEXT NOT NULL, reply_to_id TEXT, agent INTEGER NOT NULL,
        created_at INTEGER NOT NULL, edited_at INTEGER);
      CREATE UNIQUE INDEX IF NOT EXISTS messages_client ON messages (account_id, client_id);
      CREATE TABLE IF NOT EXISTS reactions (
        message_id TEXT NOT NULL, account_id TEXT NOT NULL, emoji TEXT NOT NULL, created_at INTEGER NOT NULL,
        PRIMARY KEY (message_id, emoji, account_id));
      CREATE TABLE IF NOT EXISTS members (
        account_id TEXT PRIMARY KEY, kind TEXT NOT NULL, username TEXT NOT NULL,
        read_seq INTEGER NOT NULL DEFAULT 0, last_read_id TEXT, dirty INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
    // Rooms made before encrypted chats existed have no envelope column.
    if (!sql.exec<{ name: string }>('PRAGMA table_info(messages)').toArray().some((c) => c.name === 'envelope')) sql.exec('ALTER TABLE messages ADD COLUMN envelope TEXT');
    this.chatId = this.meta('chat_id') ?? '';
  }

  setChatId(id: string): void {
    if (this.chatId === id) return;
    this.setMeta('chat_id', id);
    this.chatId = id;
  }

  meta(key: string): string | null {
    return this.sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0]?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql.exec('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, value);
  }

  // --- members ---

  member(accountId: string): RoomMember | null {
    const row = this.sql.exec<MemberRow>('SELECT * FROM members WHERE account_id = ?', accountId).toArray()[0];
    return row ? { accountId: row.account_id, kind: row.kind as RoomMember['kind'], username: row.username } : null;
  }

  members(): RoomMember[] {
    return this.sql.exec<MemberRow>('SELECT * FROM members').toArray().map((r) => ({ accountId: r.account_id, kind: r.kind as RoomMember['kind'], username: r.username }));
  }

  /** Makes the member list exactly `members`; returns the account ids that are no longer in it. */
  setMembers(members: RoomMember[]): string[] {
    const keep = new Set(members.map((m) => m.accountId));
    const gone = this.members().filter((m) => !keep.has(m.accountId)).map((m) => m.accountId);
    for (const id of gone) this.sql.exec('DELETE FROM members WHERE account_id = ?', id);
    for (const m of members) {
      this.sql.exec('INSERT INTO members (account_id, kind, username) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET kind = excluded.kind, username = excluded.username', m.accountId, m.kind, m.username);
    }
    return gone;
  }

  /** Moves a member's read position forward to `message` (never back); false when it did not move. */
  markRead(accountId: string, message: { seq: number; id: string }): boolean {
    const version = this.nextVersion();
    const changed = this.sql.exec('UPDATE members SET read_seq = ?, last_read_id = ?, dirty = ? WHERE account_id = ? AND read_seq < ?', message.seq, message.id, version, accountId, message.seq).rowsWritten;
    return changed > 0;
  }

  // --- messages ---

  lastId(): string | null {
    return this.sql.exec<{ id: string }>('SELECT id FROM messages ORDER BY seq DESC LIMIT 1').toArray()[0]?.id ?? this.meta('last_id');
  }

  /** The message a sender already stored under `clientId`, for retried sends. */
  byClientId(accountId: string, clientId: string): ChatRoomMessage | null {
    const row = this.sql.exec<MessageRow>('SELECT * FROM messages WHERE account_id = ? AND client_id = ?', accountId, clientId).toArray()[0];
    return row ? this.toMessage(row) : null;
  }

  row(id: string): Stored | null {
    const row = this.sql.exec<MessageRow>('SELECT * FROM messages WHERE id = ?', id).toArray()[0];
    return row ? { message: this.toMessage(row), seq: row.seq } : null;
  }

  /** Stores a message with the next sequence number and an id above every earlier one (deleted ones included). */
  insert(m: NewMessage, at = Date.now()): Stored {
    const last = this.meta('last_id');
    let id = newId(at);
    if (last && BigInt(id) <= BigInt(last)) id = (BigInt(last) + 1n).toString();
    this.setMeta('last_id', id);
    const seq = Number(this.meta('last_seq') ?? '0') + 1;
    this.setMeta('last_seq', String(seq));
    this.sql.exec(
      'INSERT INTO messages (seq, id, account_id, client_id, text, envelope, media, reply_to_id, agent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      seq, id, m.accountId, m.clientId, m.text, m.envelope && JSON.stringify(m.envelope), JSON.stringify(m.media), m.replyToId, m.agent ? 1 : 0, at,
    );
    this.touchIndex();
    const message: ChatRoomMessage = { id, chat_id: this.chatId, account_id: m.accountId, client_id: m.clientId, text: m.text, envelope: m.envelope, media_attachments: m.media, reply_to_id: m.replyToId, reactions: [], agent: m.agent, created_at: iso(at), edited_at: null };
    return { message, seq };
  }

  edit(id: string, text: string, at = Date.now()): ChatRoomMessage {
    this.sql.exec('UPDATE messages SET text = ?, edited_at = ? WHERE id = ?', text, at, id);
    this.touchIndex();
    return this.row(id)!.message;
  }

  delete(id: string): void {
    this.sql.exec('DELETE FROM messages WHERE id = ?', id);
    this.sql.exec('DELETE FROM reactions WHERE message_id = ?', id);
    this.touchIndex();
  }

  /** Adds or removes one reaction; false when nothing changed. */
  react(id: string, accountId: string, emoji: string, on: boolean): boolean {
    const cursor = on
      ? this.sql.exec('INSERT INTO reactions (message_id, account_id, emoji, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', id, accountId, emoji, Date.now())
      : this.sql.exec('DELETE FROM reactions WHERE message_id = ? AND account_id = ? AND emoji = ?', id, accountId, emoji);
    return cursor.rowsWritten > 0;
  }

  reactions(id: string): z.input<typeof ChatReaction>[] {
    const rows = this.sql.exec<{ emoji: string; account_id: string }>('SELECT emoji, account_id FROM reactions WHERE message_id = ? ORDER BY created_at, account_id', id).toArray();
    const byEmoji = new Map<string, string[]>();
    for (const r of rows) byEmoji.set(r.emoji, [...(byEmoji.get(r.emoji) ?? []), r.account_id]);
    return [...byEmoji].map(([name, ids]) => ({ name, count: ids.length, account_ids: ids }));
  }

  /** Every message, oldest first: a member's data export. */
  all(): ChatRoomMessage[] {
    return this.sql.exec<MessageRow>('SELECT * FROM messages ORDER BY seq').toArray().map((r) => this.toMessage(r));
  }

  /**
   * An erased account's trace in the room: its messages stay for the others (the conversation
   * keeps its shape and replies their target) but are authored by `as`, the "deleted user", and
   * lose their media (the files are deleted); its reactions and membership go. Returns how many
   * messages changed.
   */
  anonymise(accountId: string, as: string): number {
    const changed = this.sql.exec("UPDATE messages SET account_id = ?, client_id = NULL, media = '[]' WHERE account_id = ?", as, accountId).rowsWritten;
    this.sql.exec('DELETE FROM reactions WHERE account_id = ?', accountId);
    this.sql.exec('DELETE FROM members WHERE account_id = ?', accountId);
    this.touchIndex();
    return changed;
  }

  /** Messages with id > `after`, oldest first: the resume backlog. */
  after(after: string, limit: number): ChatRoomMessage[] {
    return this.sql.exec<MessageRow>('SELECT * FROM messages WHERE id > ? ORDER BY seq LIMIT ?', after, limit).toArray().map((r) => this.toMessage(r));
  }

  /** History, newest first, paged by id as the API pages everything. */
  page(q: { limit: number; maxId?: string; minId?: string; sinceId?: string }): ChatRoomMessage[] {
    const ascending = q.minId !== undefined;
    const rows = this.sql
      .exec<MessageRow>(`SELECT * FROM messages WHERE id < ? AND id > ? ORDER BY seq ${ascending ? 'ASC' : 'DESC'} LIMIT ?`, q.maxId ?? '99999999999999999999', q.minId ?? q.sinceId ?? '', q.limit)
      .toArray()
      .map((r) => this.toMessage(r));
    return ascending ? rows.reverse() : rows;
  }

  /** The most recent messages, oldest first: an agent's view of the conversation. */
  recent(limit: number): ChatRoomMessage[] {
    return this.page({ limit }).reverse();
  }

  // --- the D1 index ---

  /** What the index must show now, or null when it already does. */
  indexState(): IndexState | null {
    const version = Number(this.meta('version') ?? '0');
    const chatDirty = Number(this.meta('chat_dirty') ?? '0') > 0;
    const members = this.sql.exec<MemberRow>('SELECT * FROM members WHERE dirty > 0').toArray();
    if (!chatDirty && members.length === 0) return null;
    const last = this.sql.exec<MessageRow>('SELECT * FROM messages ORDER BY seq DESC LIMIT 1').toArray()[0];
    return {
      lastSeq: Number(this.meta('last_seq') ?? '0'),
      lastMessage: last ? this.toMessage(last) : null,
      activityId: this.meta('last_id'),
      members: members.map((m) => ({ accountId: m.account_id, readSeq: m.read_seq, lastReadId: m.last_read_id })),
      version,
    };
  }

  /** The index has what `indexState` returned at `version`; later changes stay dirty. */
  indexed(version: number): void {
    if (Number(this.meta('chat_dirty') ?? '0') <= version) this.setMeta('chat_dirty', '0');
    this.sql.exec('UPDATE members SET dirty = 0 WHERE dirty <= ?', version);
  }

  private nextVersion(): number {
    const version = Number(this.meta('version') ?? '0') + 1;
    this.setMeta('version', String(version));
    return version;
  }

  private touchIndex(): void {
    this.setMeta('chat_dirty', String(this.nextVersion()));
  }

  private toMessage(r: MessageRow): ChatRoomMessage {
    return {
      id: r.id,
      chat_id: this.chatId,
      account_id: r.account_id,
      client_id: r.client_id,
      text: r.text,
      envelope: r.envelope === null ? null : (JSON.parse(r.envelope) as E2eeEnvelope),
      media_attachments: JSON.parse(r.media) as ChatRoomMessage['media_attachments'],
      reply_to_id: r.reply_to_id,
      reactions: this.reactions(r.id),
      agent: r.agent === 1,
      created_at: iso(r.created_at),
      edited_at: r.edited_at === null ? null : iso(r.edited_at),
    };
  }
}
