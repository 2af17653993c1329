/**
 * The streaming API (docs/streaming.md) for the whole page: one WebSocket, shared by every
 * component that listens, carrying the access token as its subprotocol (browsers cannot send
 * headers on a WebSocket). Subscriptions are counted, so the server hears `subscribe` for the
 * first listener of a stream and `unsubscribe` after the last. A dropped socket comes back
 * after an exponential, jittered delay and subscribes again; a new token (refresh, sign-in)
 * reopens it, sign-out closes it (public streams go on anonymously).
 */
import { loadSession, subscribeSession } from '../auth/session';
import { api, currentToken } from './client';
import type { Notification, Status } from './types';

/** A stream a component can ask for; `tag` goes with `hashtag`. */
export type StreamSpec = { stream: 'user' | 'user:notification' | 'public:local' } | { stream: 'hashtag'; tag: string };

export type StreamEvent =
  | { event: 'update' | 'status.update'; status: Status }
  | { event: 'delete'; id: string }
  | { event: 'notification'; notification: Notification };

export interface StreamListener {
  onEvent(event: StreamEvent): void;
  /** The socket is back after a drop: events sent meanwhile were missed. */
  onReconnect?(): void;
}

const USER_STREAMS = new Set(['user', 'user:notification']);
const MAX_DELAY_MS = 30_000;
/** How long a socket nobody listens to stays open, so moving between pages does not reconnect. */
const IDLE_CLOSE_MS = 5_000;

/** The key the server publishes a stream under: `public:local` folds into `public`, tags are lower case. */
export function streamKey(spec: StreamSpec): string {
  if (spec.stream === 'hashtag') return `hashtag:${spec.tag.replace(/^#/, '').toLowerCase()}`;
  return spec.stream === 'public:local' ? 'public' : spec.stream;
}

/** The same key from a frame's `stream` array (`["hashtag","cats"]`, `["public:local"]`). */
function frameKey(stream: string[]): string {
  const [name = '', tag] = stream;
  if (name.startsWith('hashtag')) return `hashtag:${(tag ?? '').toLowerCase()}`;
  return name === 'public:local' ? 'public' : name;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const hasId = (v: unknown): boolean => isObject(v) && typeof v.id === 'string';

/** Reads a server frame; null for error frames and anything this client does not use. */
export function parseFrame(data: unknown): { key: string; event: StreamEvent } | null {
  if (typeof data !== 'string') return null;
  let frame: unknown;
  let payload: unknown;
  try {
    frame = JSON.parse(data);
    if (!isObject(frame) || !Array.isArray(frame.stream) || typeof frame.payload !== 'string') return null;
    if (frame.event === 'delete') return { key: frameKey(frame.stream.map(String)), event: { event: 'delete', id: frame.payload } };
    payload = JSON.parse(frame.payload);
  } catch {
    return null;
  }
  if (!hasId(payload)) return null;
  const key = frameKey(frame.stream.map(String));
  if (frame.event === 'update' || frame.event === 'status.update') return { key, event: { event: frame.event, status: payload as Status } };
  if (frame.event === 'notification') return { key, event: { event: 'notification', notification: payload as Notification } };
  return null;
}

/** Full jitter between half and all of the doubled delay, so many tabs do not return at once. */
export function backoffDelay(attempt: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

interface Subscription {
  spec: StreamSpec;
  listeners: Set<StreamListener>;
}

class StreamingConnection {
  private readonly subs = new Map<string, Subscription>();
  private socket: WebSocket | null = null;
  /** The token the socket was opened with; null for an anonymous one. */
  private token: string | null = null;
  private attempt = 0;
  /** True once a socket has been open, so the next open is a reconnection. */
  private wasOpen = false;
  private retryTimer: number | undefined;
  private idleTimer: number | undefined;
  /** True while the token for a socket about to open is fetched. */
  private opening = false;
  private watching = false;
  /** Bumped by every open and close, so an open that waited for a token while things changed gives up. */
  private generation = 0;

  /** Listens to a stream; returns the function that stops listening. */
  subscribe(spec: StreamSpec, listener: StreamListener): () => void {
    this.watch();
    const key = streamKey(spec);
    let sub = this.subs.get(key);
    if (!sub) {
      sub = { spec, listeners: new Set() };
      this.subs.set(key, sub);
      this.send('subscribe', spec);
    }
    sub.listeners.add(listener);
    window.clearTimeout(this.idleTimer);
    if (!this.socket && !this.opening && this.retryTimer === undefined) void this.open();
    return () => {
      if (!sub.listeners.delete(listener) || sub.listeners.size > 0) return;
      this.subs.delete(key);
      this.send('unsubscribe', spec);
      if (this.subs.size === 0) this.idleTimer = window.setTimeout(() => this.closeIdle(), IDLE_CLOSE_MS);
    };
  }

  /** Reopens the socket when the stored token changes: a refresh, a sign-in, a sign-out. */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    subscribeSession((session) => {
      if ((session?.accessToken ?? null) === this.token) return;
      this.close();
      this.attempt = 0;
      if (this.wanted(session !== null)) void this.open();
    });
    window.addEventListener('online', () => {
      if (this.retryTimer === undefined) return;
      window.clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      this.attempt = 0;
      void this.open();
    });
  }

  /** Whether anything subscribed can be served: user streams need a token. */
  private wanted(signedIn: boolean): boolean {
    return [...this.subs.values()].some((s) => signedIn || !USER_STREAMS.has(s.spec.stream));
  }

  private async open(): Promise<void> {
    this.retryTimer = undefined;
    const gen = ++this.generation;
    this.opening = true;
    const token = loadSession() ? await currentToken().catch(() => loadSession()?.accessToken ?? null) : null;
    if (gen !== this.generation) return;
    this.opening = false;
    if (this.socket || !this.wanted(token !== null)) return;
    const url = `${window.location.origin.replace(/^http/, 'ws')}/api/v1/streaming`;
    const ws = token ? new WebSocket(url, token) : new WebSocket(url);
    this.socket = ws;
    this.token = token;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.attempt = 0;
      for (const sub of this.subs.values()) this.send('subscribe', sub.spec);
      if (this.wasOpen) for (const sub of this.subs.values()) for (const l of sub.listeners) l.onReconnect?.();
      this.wasOpen = true;
    };
    ws.onmessage = (e: MessageEvent) => {
      const frame = parseFrame(e.data);
      if (!frame) return;
      for (const l of [...(this.subs.get(frame.key)?.listeners ?? [])]) l.onEvent(frame.event);
    };
    ws.onclose = () => {
      if (this.socket !== ws) return;
      this.socket = null;
      // Refused before opening with a token: it may have expired. Any API call refreshes it (or
      // ends the session), and the session change reopens the socket.
      if (!opened && token) void api('/api/v1/accounts/verify_credentials').catch(() => undefined);
      if (this.subs.size === 0) return;
      this.retryTimer = window.setTimeout(() => void this.open(), backoffDelay(this.attempt++));
    };
  }

  /** Closes a socket nobody listens to any more; whoever listens next starts afresh. */
  private closeIdle(): void {
    if (this.subs.size > 0) return;
    this.close();
    this.wasOpen = false;
  }

  private close(): void {
    this.generation++;
    this.opening = false;
    window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const ws = this.socket;
    this.socket = null;
    this.token = null;
    ws?.close(1000);
  }

  private send(type: 'subscribe' | 'unsubscribe', spec: StreamSpec): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    if (USER_STREAMS.has(spec.stream) && !this.token) return;
    this.socket.send(JSON.stringify({ type, ...spec }));
  }
}

/** The page's one connection. */
export const streaming = new StreamingConnection();
