import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../workers/env';

/**
 * One account's live event stream (the Mastodon streaming API): the account's open WebSockets,
 * kept with the Hibernation API so an idle connection costs nothing. The social issue (#3)
 * routes `/api/v1/streaming` here and publishes notifications and timeline updates.
 */
export class UserStream extends DurableObject<Env> {
  /** Accepts a WebSocket upgrade; `stream` tags the socket so events can target a subset. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return new Response('Expected a WebSocket upgrade', { status: 426 });
    const stream = new URL(request.url).searchParams.get('stream') ?? 'user';
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [stream]);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Sends an event to every socket listening to `stream`; returns how many received it. */
  publish(stream: string, event: string, payload: unknown): number {
    const sockets = this.ctx.getWebSockets(stream);
    const frame = JSON.stringify({ stream: [stream], event, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
    for (const ws of sockets) ws.send(frame);
    return sockets.length;
  }

  /** Completes the closing handshake; 1005/1006 only describe a close and cannot be sent back. */
  override webSocketClose(ws: WebSocket, code: number, reason: string): void {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  }
}
