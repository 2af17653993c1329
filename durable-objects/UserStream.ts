import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import { ClientFrame, STREAM_NAMES, type StreamRequest } from '../shared/schemas/streaming';
import type { Env } from '../workers/env';

/**
 * Live event streams (the Mastodon streaming API), with the Hibernation API so an idle
 * connection costs nothing. Two kinds of instance share this class:
 *
 * - one per account (name = account id): all of that account's sockets, whatever they
 *   subscribe to. Events for the account (home timeline, notifications, direct) are published
 *   here, each hydrated for the account.
 * - `channel:public`: the anonymous sockets, plus two registries: the accounts with any socket
 *   open (`online`), and those with a socket subscribed to a public or hashtag stream
 *   (`listeners`). The fan-out asks it for them, so it reaches exactly the account objects
 *   that have someone to send to, instead of every follower's. One object is a deliberate simplification: it holds only
 *   anonymous sockets and a list of ids, and can be sharded by name later.
 *
 * A socket's subscriptions live in its attachment (`serializeAttachment`), not in memory, so
 * they survive hibernation. Subscription keys are `user`, `public`, `hashtag:<tag>`, ...
 */
export const PUBLIC_CHANNEL = 'channel:public';

/** What each socket carries through hibernation. */
const Attachment = z.object({
  /** The account the socket was opened for; null for anonymous sockets. */
  account: z.string().nullable(),
  /** The user streams its token's scopes allow (`user`, `user:notification`, `direct`). */
  allowed: z.array(z.string()),
  /** Subscription keys. */
  subs: z.array(z.string()),
});
type Attachment = z.output<typeof Attachment>;

/** The internal upgrade request the Worker sends (never reachable from outside). */
const OpenParams = z.object({
  account: z.string().optional(),
  allowed: z.string().optional(),
  stream: z.enum(STREAM_NAMES).optional(),
  tag: z.string().optional(),
});

/** The key a subscription is stored and published under; all posts are local, so `:local` folds into its stream. */
export function streamKey(r: StreamRequest): string {
  if (r.stream === 'hashtag' || r.stream === 'hashtag:local') return `hashtag:${r.tag}`;
  if (r.stream === 'public:local') return 'public';
  return r.stream;
}

/** The `stream` array of an outbound frame, as Mastodon writes it (`["hashtag","tag"]`). */
function frameStream(key: string): string[] {
  return key.startsWith('hashtag:') ? ['hashtag', key.slice('hashtag:'.length)] : [key];
}

const isPublicKey = (key: string) => key === 'public' || key.startsWith('hashtag:');

/** What `channel:public` knows of an account object. */
interface Presence {
  online: boolean;
  listening: boolean;
}

export class UserStream extends DurableObject<Env> {
  /** Accepts a WebSocket upgrade forwarded by the Worker, which has already checked the token. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return new Response('Expected a WebSocket upgrade', { status: 426 });
    const parsed = OpenParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return new Response('Bad stream parameters', { status: 400 });
    const p = parsed.data;
    const attachment: Attachment = { account: p.account ?? null, allowed: p.allowed ? p.allowed.split(',') : [], subs: [] };
    if (p.stream) {
      const key = streamKey({ stream: p.stream, tag: p.tag?.replace(/^#/, '').toLowerCase() });
      if (!this.permits(attachment, p.stream)) return new Response('This stream needs a user token with read access', { status: 401 });
      attachment.subs.push(key);
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment(attachment);
    await this.syncListening();
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Subscribe and unsubscribe frames; anything else is answered with an error frame. */
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const text = typeof message === 'string' ? message : new TextDecoder().decode(message);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.fail(ws, 'Invalid JSON');
    }
    const frame = ClientFrame.safeParse(raw);
    if (!frame.success) return this.fail(ws, `Invalid frame: ${frame.error.issues.map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`).join('; ')}`);
    const attachment = this.attachmentOf(ws);
    if (!this.permits(attachment, frame.data.stream)) return this.fail(ws, 'This stream needs a user token with read access', 401);
    const key = streamKey(frame.data);
    const subs = new Set(attachment.subs);
    if (frame.data.type === 'subscribe') subs.add(key);
    else subs.delete(key);
    ws.serializeAttachment({ ...attachment, subs: [...subs] });
    await this.syncListening();
  }

  /**
   * Sends an event to every socket subscribed to `key` (a subscription key such as `user` or
   * `hashtag:cats`); returns how many sockets received it. A payload that is not a string is
   * JSON-encoded, as Mastodon's frames carry the entity as a JSON string.
   */
  publish(key: string, event: string, payload: unknown): number {
    const frame = JSON.stringify({ stream: frameStream(key), event, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
    let sent = 0;
    for (const ws of this.ctx.getWebSockets()) {
      if (!this.attachmentOf(ws).subs.includes(key)) continue;
      ws.send(frame);
      sent++;
    }
    return sent;
  }

  /** Which of `keys` have a subscribed socket here: the fan-out hydrates a status only for objects that will send it. */
  wants(keys: string[]): string[] {
    const subscribed = new Set(this.ctx.getWebSockets().flatMap((ws) => this.attachmentOf(ws).subs));
    return keys.filter((k) => subscribed.has(k));
  }

  /** `channel:public` only: records whether an account object has sockets, and public listeners among them. */
  async register(accountId: string, state: Presence): Promise<void> {
    await (state.online ? this.ctx.storage.put(`online:${accountId}`, true) : this.ctx.storage.delete(`online:${accountId}`));
    await (state.listening ? this.ctx.storage.put(`listener:${accountId}`, true) : this.ctx.storage.delete(`listener:${accountId}`));
  }

  /** `channel:public` only: the accounts with a socket on a public or hashtag stream. */
  listeners(): Promise<string[]> {
    return this.registered('listener:');
  }

  /** `channel:public` only: the accounts with any socket open. */
  online(): Promise<string[]> {
    return this.registered('online:');
  }

  private async registered(prefix: string): Promise<string[]> {
    const entries = await this.ctx.storage.list({ prefix });
    return [...entries.keys()].map((k) => k.slice(prefix.length));
  }

  /** Completes the closing handshake; 1005/1006 only describe a close and cannot be sent back. */
  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    await this.syncListening(ws);
  }

  private attachmentOf(ws: WebSocket): Attachment {
    const parsed = Attachment.safeParse(ws.deserializeAttachment());
    return parsed.success ? parsed.data : { account: null, allowed: [], subs: [] };
  }

  private permits(a: Attachment, stream: string): boolean {
    return !['user', 'user:notification', 'direct'].includes(stream) || (a.account !== null && a.allowed.includes(stream));
  }

  /**
   * An account object tells `channel:public` when it gains its first or loses its last socket,
   * or public listener, so events are only sent to accounts that can use them. A stale entry
   * (an object evicted without a close) costs one publish that reaches nobody.
   */
  private async syncListening(closing?: WebSocket): Promise<void> {
    const all = this.ctx.getWebSockets();
    // A closing socket may already be gone from getWebSockets(); its attachment still names the account.
    const account = [...(closing ? [closing] : []), ...all].map((ws) => this.attachmentOf(ws).account).find((a) => a !== null);
    if (!account) return;
    const sockets = all.filter((ws) => ws !== closing);
    const now: Presence = { online: sockets.length > 0, listening: sockets.some((ws) => this.attachmentOf(ws).subs.some(isPublicKey)) };
    const was = (await this.ctx.storage.get<Presence>('presence')) ?? { online: false, listening: false };
    if (now.online === was.online && now.listening === was.listening) return;
    await this.ctx.storage.put('presence', now);
    await this.env.USER_STREAM.get(this.env.USER_STREAM.idFromName(PUBLIC_CHANNEL)).register(account, now);
  }

  private fail(ws: WebSocket, error: string, status = 400): void {
    ws.send(JSON.stringify({ error, status }));
  }
}
