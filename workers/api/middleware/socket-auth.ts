/**
 * WebSocket upgrades (the streaming API, chat rooms, live streams): who is calling, and the 101 answer.
 * Browsers cannot send headers on a WebSocket, so besides the Authorization header the token
 * may come as the subprotocol (Mastodon clients' way; it must then be echoed back, or browsers
 * drop the socket) or as `?access_token=`.
 */
import type { Context } from 'hono';
import { resolveSession } from '../auth/sessions.service';
import type { AppEnv, Caller } from '../context';
import { ApiError, unauthorized } from '../lib/errors';

export interface SocketCaller {
  caller: Caller | null;
  /** The subprotocol the client offered, to echo in the answer. */
  protocol: string | null;
}

/** The caller of an upgrade request (null without a token); 400 without `Upgrade: websocket`, 401 for a bad token. */
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

/** Passes on a Durable Object's answer to the upgrade: its socket with the subprotocol echoed, or its refusal as is. */
export async function upgradeAnswer(res: Response, protocol: string | null): Promise<Response> {
  if (!res.webSocket) return new Response(await res.text(), { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'text/plain' } });
  return new Response(null, { status: 101, webSocket: res.webSocket, headers: protocol ? { 'Sec-WebSocket-Protocol': protocol } : {} });
}
