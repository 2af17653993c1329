/**
 * Who opens a WebSocket, for every socket route (streaming, chats, live). Browsers cannot send
 * headers on a WebSocket, so besides the Authorization header (already resolved by the auth
 * middleware) the token may come as `Sec-WebSocket-Protocol` — as Mastodon clients send it — or
 * as `?access_token=`. A refusal is an HTTP error before the upgrade.
 */
import type { Context } from 'hono';
import { resolveSession } from '../auth/sessions.service';
import type { AppEnv, Caller } from '../context';
import { ApiError, unauthorized } from '../lib/errors';

export interface SocketCaller {
  /** Null for an anonymous socket. */
  caller: Caller | null;
  /** The subprotocol to echo in the 101 answer, or browsers drop the socket. */
  protocol: string | null;
}

/** The caller of an upgrade request: 400 when it is not one, 401 when a token was sent and is not valid. */
export async function socketCaller(c: Context<AppEnv>, accessToken?: string): Promise<SocketCaller> {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(400, 'Expected a WebSocket upgrade');
  const protocol = c.req.header('sec-websocket-protocol')?.trim() || null;
  let caller = c.var.caller;
  const token = protocol ?? accessToken;
  if (!caller && token) {
    caller = await resolveSession(c.var, token);
    if (!caller) throw unauthorized();
  }
  return { caller, protocol };
}

/** Hands the client the socket a Durable Object accepted, or passes on the object's refusal. */
export async function upgraded(res: Response, protocol: string | null): Promise<Response> {
  if (!res.webSocket) return new Response(await res.text(), { status: res.status });
  return new Response(null, { status: 101, webSocket: res.webSocket, headers: protocol ? { 'Sec-WebSocket-Protocol': protocol } : {} });
}
