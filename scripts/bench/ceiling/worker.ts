/**
 * The real-time benchmark's ceiling, not part of SMILE: one Durable Object that accepts
 * hibernatable WebSockets and relays every frame, unread, to every other socket of the room — no
 * parsing, storage, ordering or acknowledgement. What a one-object room costs at the least on
 * this runtime, measured beside the real `ChatRoom` (scripts/bench/realtime.mjs starts it with
 * the wrangler.toml beside this file).
 */
import { DurableObject } from 'cloudflare:workers';

interface Env {
  ROOM: DurableObjectNamespace<Room>;
}

export class Room extends DurableObject<Env> {
  override async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server!);
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(from: WebSocket, message: string | ArrayBuffer) {
    for (const ws of this.ctx.getWebSockets()) if (ws !== from) ws.send(message);
  }
}

export default {
  fetch(request: Request, env: Env): Promise<Response> | Response {
    if (request.headers.get('upgrade') !== 'websocket') return new Response('ceiling room');
    // One object per path: the bench opens its rooms by name.
    return env.ROOM.get(env.ROOM.idFromName(new URL(request.url).pathname)).fetch(request);
  },
} satisfies ExportedHandler<Env>;
