import { DurableObject } from 'cloudflare:workers';
import { Explanation } from '../shared/schemas/agent-chat';
import type { ChatTurn, Memory } from '../workers/api/ai/types';
import { contradicts, extractFacts } from '../workers/api/agents/memory/extract-facts';
import { relevant } from '../workers/api/agents/memory/recall';
import { SUMMARY_EVERY, summarize } from '../workers/api/agents/memory/summary';
import { newId } from '../workers/api/lib/ids';
import type { Env } from '../workers/env';

/** A message as stored; the API serializes it (`agents/chat.serializers.ts`). */
export interface SessionMessage {
  id: string;
  role: 'person' | 'agent';
  text: string;
  createdAt: number;
  explanation: Explanation | null;
}

export interface SessionFact {
  id: string;
  text: string;
  createdAt: number;
  updatedAt: number;
}

export interface Recall {
  memories: Memory[];
  /** The latest turns still in context, oldest first. */
  history: ChatTurn[];
}

export interface HistoryQuery {
  limit: number;
  maxId?: string;
  /** Oldest first from here (then reversed), as Mastodon's `min_id`. */
  minId?: string;
  /** Newest first down to here, as `since_id`. */
  sinceId?: string;
}

/** Turns of recent history given to the generator. */
const HISTORY_TURNS = 10;
/** Memories given to the generator: the relevant facts, and the summary when it bears on the message. */
const RECALLED_FACTS = 5;

type MessageRow = { id: string; role: string; text: string; created_at: number; explanation: string | null };
type FactRow = { id: string; key: string; object: string; text: string; created_at: number; updated_at: number; source_message_id: string | null };

/**
 * One agent × one person (name `${agentId}:${personId}`): their conversation, a rolling summary
 * and the facts the agent learned about the person, in this object's SQLite storage. Single
 * writer, so a message and the facts it teaches are stored together, in order, and recalled in
 * any later request, however much later.
 *
 * Forgetting is real: a deleted or corrected fact takes out of the agent's context the message
 * it came from and every reply that used it (`in_context = 0`), so neither the old wording nor
 * the agent's earlier answers bring it back; the person still sees their own history.
 */
export class AgentSession extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.createTables();
  }

  private createTables(): void {
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS messages (
        id TEXT PRIMARY KEY, role TEXT NOT NULL, text TEXT NOT NULL, created_at INTEGER NOT NULL,
        explanation TEXT, in_context INTEGER NOT NULL DEFAULT 1);
      CREATE TABLE IF NOT EXISTS facts (
        id TEXT PRIMARY KEY, key TEXT NOT NULL, object TEXT NOT NULL, text TEXT NOT NULL,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, source_message_id TEXT);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
  }

  /**
   * Stores the person's message, learns the facts it states, and recalls what bears on it: one
   * call, so a turn costs one round trip to this object before the reply. The message itself is
   * the prompt, not part of the returned history.
   */
  takeMessage(text: string): { message: SessionMessage; recall: Recall } {
    const message = this.appendPersonMessage(text);
    const recall = this.recall(text);
    const history = recall.history.at(-1)?.text === text ? recall.history.slice(0, -1) : recall.history;
    return { message, recall: { ...recall, history } };
  }

  private appendPersonMessage(text: string): SessionMessage {
    const message = this.insertMessage('person', text, null);
    const now = message.createdAt;
    for (const fact of extractFacts(text)) {
      const earlier =
        this.rows<FactRow>('SELECT * FROM facts WHERE key = ? AND object = ? LIMIT 1', fact.key, fact.object)[0] ??
        (fact.replaces ? this.rows<FactRow>('SELECT * FROM facts WHERE key = ? ORDER BY updated_at DESC, id DESC LIMIT 1', fact.key)[0] : undefined) ??
        this.rows<FactRow>('SELECT * FROM facts ORDER BY updated_at DESC').find((f) => contradicts(f, fact));
      if (earlier) {
        if (earlier.text !== fact.text || earlier.key !== fact.key) this.retire(earlier.id);
        this.sql.exec('UPDATE facts SET key = ?, object = ?, text = ?, updated_at = ?, source_message_id = ? WHERE id = ?', fact.key, fact.object, fact.text, now, message.id, earlier.id);
      } else {
        this.sql.exec('INSERT INTO facts (id, key, object, text, created_at, updated_at, source_message_id) VALUES (?, ?, ?, ?, ?, ?, ?)', newId(now), fact.key, fact.object, fact.text, now, now, message.id);
      }
    }
    this.touch(now);
    return message;
  }

  /** What the agent remembers that bears on `query`, and the conversation so far. */
  recall(query: string): Recall {
    const facts = this.rows<FactRow>('SELECT * FROM facts ORDER BY updated_at DESC, id DESC');
    const memories: Memory[] = relevant(query, facts, RECALLED_FACTS).map((f) => ({ id: f.id, text: f.text }));
    const summary = this.meta('summary');
    if (summary && relevant(query, [{ id: 'summary', text: summary }], 1).length) memories.push({ id: 'summary', text: summary });
    const history = this.rows<MessageRow>('SELECT * FROM messages WHERE in_context = 1 ORDER BY id DESC LIMIT ?', HISTORY_TURNS)
      .reverse()
      .map((m) => ({ role: m.role as ChatTurn['role'], text: m.text }));
    return { memories, history };
  }

  /** Stores the agent's reply (after moderation: what the person was shown) with its explanation. */
  recordAgentReply(id: string, text: string, explanation: Explanation): SessionMessage {
    const message = this.insertMessage('agent', text, explanation, id);
    this.touch(message.createdAt);
    return message;
  }

  /** The conversation, newest first, paged by id as the API pages everything. */
  history(q: HistoryQuery): SessionMessage[] {
    const ascending = q.minId !== undefined;
    const rows = this.rows<MessageRow>(
      `SELECT * FROM messages WHERE id < ? AND id > ? ORDER BY id ${ascending ? 'ASC' : 'DESC'} LIMIT ?`,
      q.maxId ?? '99999999999999999999',
      q.minId ?? q.sinceId ?? '',
      q.limit,
    ).map((r) => this.toMessage(r));
    return ascending ? rows.reverse() : rows;
  }

  memory(): { summary: string; facts: SessionFact[]; updatedAt: number | null } {
    const facts = this.rows<FactRow>('SELECT * FROM facts ORDER BY id DESC').map((f) => ({ id: f.id, text: f.text, createdAt: f.created_at, updatedAt: f.updated_at }));
    const updated = this.meta('updated_at');
    return { summary: this.meta('summary') ?? '', facts, updatedAt: updated ? Number(updated) : null };
  }

  /** The person's correction of a fact; null when there is no such fact. */
  patchFact(id: string, text: string): SessionFact | null {
    const [fact] = this.rows<FactRow>('SELECT * FROM facts WHERE id = ?', id);
    if (!fact) return null;
    const now = Date.now();
    if (fact.text !== text) this.retire(id);
    // Corrected by hand, the fact has no object a later statement could match: it is the person's own wording.
    this.sql.exec('UPDATE facts SET text = ?, object = ?, updated_at = ? WHERE id = ?', text, text.toLowerCase(), now, id);
    this.touch(now);
    return { id, text, createdAt: fact.created_at, updatedAt: now };
  }

  /** Forgets one fact, and takes what it came from and what used it out of the agent's context. */
  deleteFact(id: string): boolean {
    const [fact] = this.rows<FactRow>('SELECT id FROM facts WHERE id = ?', id);
    if (!fact) return false;
    this.retire(id);
    this.sql.exec('DELETE FROM facts WHERE id = ?', id);
    this.touch(Date.now());
    return true;
  }

  /** Forgets everything: history, summary and facts (the person's request, or the agent's deletion). */
  async forgetAll(): Promise<void> {
    await this.ctx.storage.deleteAll();
    // The object lives on (the person may talk to the agent again): it starts from empty tables.
    this.createTables();
  }

  /** `wanted`: the id the caller already used (the moderation item of a reply names it), unless it would break the order. */
  private insertMessage(role: SessionMessage['role'], text: string, explanation: Explanation | null, wanted?: string): SessionMessage {
    const createdAt = Date.now();
    const id = this.nextId(wanted ?? newId(createdAt));
    this.sql.exec('INSERT INTO messages (id, role, text, created_at, explanation) VALUES (?, ?, ?, ?, ?)', id, role, text, createdAt, explanation ? JSON.stringify(explanation) : null);
    const since = Number(this.meta('since_summary') ?? 0) + 1;
    if (since >= SUMMARY_EVERY) this.resummarize();
    else this.setMeta('since_summary', String(since));
    return { id, role, text, createdAt, explanation };
  }

  /** Ids in this object only grow, even when two messages fall in one millisecond (history pages by id). */
  private nextId(id: string): string {
    const last = this.rows<{ id: string }>('SELECT id FROM messages ORDER BY id DESC LIMIT 1')[0]?.id;
    if (last && BigInt(id) <= BigInt(last)) id = (BigInt(last) + 1n).toString();
    return id;
  }

  /** The fact's source message and every reply that used it leave the context; the summary is rebuilt without them. */
  private retire(factId: string): void {
    this.sql.exec(
      `UPDATE messages SET in_context = 0
       WHERE id = (SELECT source_message_id FROM facts WHERE id = ?)
          OR EXISTS (SELECT 1 FROM json_each(messages.explanation, '$.memories') m WHERE json_extract(m.value, '$.id') = ?)`,
      factId,
      factId,
    );
    this.resummarize();
  }

  private resummarize(): void {
    const texts = this.rows<{ text: string }>("SELECT text FROM messages WHERE role = 'person' AND in_context = 1 ORDER BY id").map((m) => m.text);
    this.setMeta('summary', summarize(texts));
    this.setMeta('since_summary', '0');
  }

  private touch(at: number): void {
    this.setMeta('updated_at', String(at));
  }

  private meta(key: string): string | undefined {
    return this.rows<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)[0]?.value;
  }

  private setMeta(key: string, value: string): void {
    this.sql.exec('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, value);
  }

  private rows<T extends Record<string, SqlStorageValue>>(query: string, ...binds: unknown[]): T[] {
    return this.sql.exec<T>(query, ...binds).toArray();
  }

  private toMessage(r: MessageRow): SessionMessage {
    const parsed = r.explanation === null ? null : Explanation.safeParse(JSON.parse(r.explanation));
    return { id: r.id, role: r.role as SessionMessage['role'], text: r.text, createdAt: r.created_at, explanation: parsed?.success ? parsed.data : null };
  }
}
