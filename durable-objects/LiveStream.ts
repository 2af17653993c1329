import { DurableObject } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { z } from 'zod';
import { LIVE } from '../shared/constants';
import { LiveChatMessage, LiveClientFrame, type LiveServerFrame } from '../shared/schemas/live';
import { liveStreams } from '../workers/api/db/live';
import { newId } from '../workers/api/lib/ids';
import { createLogger } from '../workers/api/lib/logger';
import { replayUrl } from '../workers/api/live/serializers';
import { classifyText } from '../workers/api/moderation/classifier';
import { type Env, loadConfig } from '../workers/env';
import { Recording } from './live-recording';

/**
 * One live broadcast (name = the stream's id): the owner's broadcast socket and the viewers'
 * watch sockets, with the Hibernation API so an idle room costs nothing.
 *
 * Media: each binary frame of the broadcast socket is a WebM chunk. It is sent to every viewer
 * before anything is awaited, so viewers receive the chunks in the order they came, and
 * recorded to R2 as it goes (`Recording`). The first frame of each broadcast socket is the
 * initialisation segment, kept in storage: a viewer who joins later receives it first, then
 * the chunks from then on.
 *
 * Text frames (chat, reactions) from any socket with an account go to every socket; the
 * viewer count is sent on every join and leave, and written to D1 (for the REST entity) at most
 * every few seconds by an alarm.
 */
type Role = 'broadcaster' | 'viewer';

/** What each socket carries through hibernation. */
const Attachment = z.object({
  /** Who chats and reacts from this socket; null for an anonymous viewer (watch only). */
  author: LiveChatMessage.shape.account.nullable(),
  /** Broadcaster: has its first binary frame, the initialisation segment, arrived? */
  initReceived: z.boolean(),
  /** When this socket's recent chat messages were sent (epoch ms), for the flood limit. */
  chats: z.array(z.number()),
});
type Attachment = z.output<typeof Attachment>;

/** The internal upgrade request the Worker sends after its checks (never reachable from outside). */
const OpenParams = z.object({ stream: z.string(), author: z.string().optional() });

/** How long a change of the viewer count may wait before it reaches D1. */
const COUNT_FLUSH_MS = 2000;

export class LiveStream extends DurableObject<Env> {
  private readonly recording: Recording;
  /**
   * Chunks relayed in this turn and recorded in the next. Held in memory for that moment only: an
   * object that dies in between loses them from the replay (viewers already had them).
   */
  private readonly unrecorded: ArrayBuffer[] = [];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value)');
    this.recording = new Recording(ctx.storage.sql, env.MEDIA, createLogger(loadConfig(env).LOG_LEVEL, { object: 'LiveStream' }));
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return new Response('Expected a WebSocket upgrade', { status: 426 });
    const url = new URL(request.url);
    const role = url.pathname.slice(1);
    const parsed = OpenParams.safeParse(Object.fromEntries(url.searchParams));
    if ((role !== 'broadcaster' && role !== 'viewer') || !parsed.success) return new Response('Bad stream parameters', { status: 400 });
    if (this.meta('ended')) return new Response('This stream has ended', { status: 410 });
    this.setMeta('stream', parsed.data.stream);
    const author = parsed.data.author ? LiveChatMessage.shape.account.safeParse(JSON.parse(parsed.data.author)) : null;

    const { 0: client, 1: server } = new WebSocketPair();
    // One broadcaster at a time: a reconnecting broadcaster replaces its dropped socket.
    if (role === 'broadcaster') for (const old of this.ctx.getWebSockets('broadcaster')) old.close(4000, 'Replaced by a new broadcast socket');
    this.ctx.acceptWebSocket(server, [role]);
    server.serializeAttachment({ author: author?.success ? author.data : null, initReceived: false, chats: [] } satisfies Attachment);
    if (role === 'viewer') {
      const init = this.ctx.storage.sql.exec<{ value: ArrayBuffer }>("SELECT value FROM meta WHERE key = 'init'").toArray()[0];
      if (init) server.send(init.value);
    }
    await this.viewersChanged();
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (typeof message === 'string') return this.text(ws, message);
    if (!this.ctx.getTags(ws).includes('broadcaster')) return send(ws, { type: 'error', error: 'Only the broadcaster sends media', status: 403 });
    if (message.byteLength > LIVE.chunkMaxBytes) return send(ws, { type: 'error', error: `A media chunk is larger than ${LIVE.chunkMaxBytes} bytes`, status: 413 });
    if (this.meta('ended')) return;
    const attachment = attachmentOf(ws);
    if (!attachment.initReceived) {
      this.setMeta('init', message);
      ws.serializeAttachment({ ...attachment, initReceived: true });
    }
    for (const viewer of this.ctx.getWebSockets('viewer')) trySend(viewer, message);
    // Recorded in a later turn: frames sent in a turn that writes storage wait until the write is
    // durable (the output gate), and viewers need the chunk now, not after a 250 KB write.
    this.unrecorded.push(message);
    if (this.unrecorded.length === 1) setTimeout(() => this.record(), 0);
  }

  /** Chat and reactions; anything else is answered with an error frame and the socket stays open. */
  private text(ws: WebSocket, message: string): void {
    if (new TextEncoder().encode(message).byteLength > LIVE.textFrameMaxBytes) return send(ws, { type: 'error', error: `A text frame is larger than ${LIVE.textFrameMaxBytes} bytes`, status: 413 });
    let raw: unknown;
    try {
      raw = JSON.parse(message);
    } catch {
      return send(ws, { type: 'error', error: 'Invalid JSON', status: 400 });
    }
    const frame = LiveClientFrame.safeParse(raw);
    if (!frame.success) return send(ws, { type: 'error', error: `Invalid frame: ${frame.error.issues.map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`).join('; ')}`, status: 400 });
    const attachment = attachmentOf(ws);
    const author = attachment.author;
    if (!author) return send(ws, { type: 'error', error: 'Chatting and reacting need an access token', status: 401 });
    if (frame.data.type === 'react') return this.broadcast({ type: 'reaction', emoji: frame.data.emoji, account_id: author.id });

    const now = Date.now();
    const recent = attachment.chats.filter((t) => t > now - LIVE.chatWindowSeconds * 1000);
    if (recent.length >= LIVE.chatPerWindow) return send(ws, { type: 'error', error: `Too many chat messages: at most ${LIVE.chatPerWindow} every ${LIVE.chatWindowSeconds} seconds`, status: 429 });
    ws.serializeAttachment({ ...attachment, chats: [...recent, now] });
    // The same inline check as a status: a held or refused text is not shown to the room.
    const verdict = classifyText(frame.data.text);
    if (verdict.action !== 'allow') return send(ws, { type: 'error', error: `The message was refused by moderation: ${verdict.reason ?? 'not allowed'}`, status: 422 });
    this.broadcast({ type: 'chat', message: { id: newId(now), account_id: author.id, account: author, text: frame.data.text, created_at: new Date(now).toISOString() } });
  }

  /** Completes the closing handshake; 1005/1006 only describe a close and cannot be sent back. */
  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    await this.viewersChanged(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.viewersChanged(ws);
  }

  /**
   * Ends the stream (the Worker has checked the owner): no more media is taken, the recording
   * is completed, the D1 row marked ended with its replay, then every socket gets `ended` and is
   * closed. A second call does nothing.
   */
  async end(streamId: string): Promise<void> {
    if (this.meta('ended')) return;
    this.record();
    this.setMeta('stream', streamId);
    this.setMeta('ended', 1);
    const replayKey = await this.recording.complete(streamId);
    await drizzle(this.env.DB)
      .update(liveStreams)
      .set({ state: 'ended', endedAt: Date.now(), replayKey, viewerCount: 0 })
      .where(eq(liveStreams.id, streamId));
    this.broadcast({ type: 'ended', replay_url: replayKey ? replayUrl(loadConfig(this.env), streamId) : null });
    for (const ws of this.ctx.getWebSockets()) ws.close(1000, 'The stream has ended');
    this.ctx.storage.sql.exec("DELETE FROM meta WHERE key = 'init'");
  }

  /** Writes the viewer count to the stream's row, while it is live. */
  override async alarm(): Promise<void> {
    const id = this.meta('stream');
    if (typeof id !== 'string' || this.meta('ended')) return;
    await drizzle(this.env.DB)
      .update(liveStreams)
      .set({ viewerCount: this.ctx.getWebSockets('viewer').length })
      .where(and(eq(liveStreams.id, id), eq(liveStreams.state, 'live')));
  }

  /** Tells every socket the viewer count (a closing socket may still be listed) and schedules its write to D1. */
  private async viewersChanged(closing?: WebSocket): Promise<void> {
    const count = this.ctx.getWebSockets('viewer').filter((ws) => ws !== closing).length;
    this.broadcast({ type: 'viewers', count }, closing);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + COUNT_FLUSH_MS);
  }

  private broadcast(frame: LiveServerFrame, except?: WebSocket): void {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets()) if (ws !== except) trySend(ws, text);
  }

  /** Stores the relayed chunks not yet recorded, in the order they came. */
  private record(): void {
    for (const chunk of this.unrecorded.splice(0)) this.recording.append(this.streamId(), chunk);
  }

  private streamId(): string {
    return String(this.meta('stream'));
  }

  private meta(key: string): SqlStorageValue | undefined {
    return this.ctx.storage.sql.exec<{ value: SqlStorageValue }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0]?.value;
  }

  private setMeta(key: string, value: SqlStorageValue): void {
    this.ctx.storage.sql.exec('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, value);
  }
}

function attachmentOf(ws: WebSocket): Attachment {
  const parsed = Attachment.safeParse(ws.deserializeAttachment());
  return parsed.success ? parsed.data : { author: null, initReceived: true, chats: [] };
}

const send = (ws: WebSocket, frame: LiveServerFrame) => trySend(ws, JSON.stringify(frame));

/** A socket that is closing throws on send; the others still get the frame. */
function trySend(ws: WebSocket, data: string | ArrayBuffer): void {
  try {
    ws.send(data);
  } catch {
    // Its close event follows and updates the viewer count.
  }
}
