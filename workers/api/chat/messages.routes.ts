/**
 * Chat messages over REST and the room socket. Every operation is the room's (`ChatRoom`, over
 * RPC), so REST and the socket behave the same; the room checks membership itself, and the
 * socket upgrade is refused (403) before it happens for anyone who is not a member.
 */
import { Hono } from 'hono';
import { chatsApi } from '../../../shared/api/chats';
import type { ChatRoomMessage } from '../../../shared/schemas/chats';
import { scopeSatisfies } from '../../../shared/scopes';
import type { Outcome } from '../../../durable-objects/ChatRoom';
import type { AppEnv } from '../context';
import { ApiError, forbidden, unauthorized } from '../lib/errors';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { socketCaller, upgradeAnswer } from '../middleware/socket-auth';
import { memberChat, roomOf } from './chat.service';
import { serializeChat } from './serializers';

export const chatMessagesRoutes = new Hono<AppEnv>();

const me = (c: { var: AppEnv['Variables'] }) => c.var.caller!.account!.id;

/** A room's refusal as the API's error. */
function unwrap<O extends Outcome<unknown>>(outcome: O): Extract<O, { ok: true }>['value'] {
  if (!outcome.ok) throw new ApiError(outcome.status as 400, outcome.error, outcome.details);
  return outcome.value;
}

on(chatMessagesRoutes, chatsApi.messages, async (c, { params, query }) => {
  // RPC's serialized type of a message array loses its shape; it is the room's Outcome as declared.
  const rows = unwrap((await roomOf(c.env, params.id).history(me(c), query)) as Outcome<ChatRoomMessage[]>);
  setLinkHeader(c, rows.map((m) => m.id));
  return rows;
});

on(chatMessagesRoutes, chatsApi.send, async (c, { params, body }) => {
  const outcome = await roomOf(c.env, params.id).send(me(c), body);
  return c.json(unwrap(outcome), outcome.ok && 'created' in outcome && outcome.created ? 201 : 200);
});

on(chatMessagesRoutes, chatsApi.edit, async (c, { params, body }) => unwrap(await roomOf(c.env, params.id).edit(me(c), params.message_id, body.text)));

on(chatMessagesRoutes, chatsApi.delete, async (c, { params }) => unwrap(await roomOf(c.env, params.id).delete(me(c), params.message_id)));

on(chatMessagesRoutes, chatsApi.react, async (c, { params }) => unwrap(await roomOf(c.env, params.id).react(me(c), params.message_id, params.emoji, true)));

on(chatMessagesRoutes, chatsApi.unreact, async (c, { params }) => unwrap(await roomOf(c.env, params.id).react(me(c), params.message_id, params.emoji, false)));

on(chatMessagesRoutes, chatsApi.read, async (c, { params, body }) => {
  unwrap(await roomOf(c.env, params.id).read(me(c), body.message_id));
  return serializeChat(c.var.config, await memberChat(c.var, me(c), params.id));
});

on(chatMessagesRoutes, chatsApi.socket, async (c, { params, query }) => {
  const { caller, protocol } = await socketCaller(c, query.access_token);
  if (!caller?.account) throw unauthorized('A chat socket needs an access token');
  if (!scopeSatisfies(caller.scopes, 'read:statuses')) throw forbidden('This action is outside the authorized scopes');
  const url = new URL('https://chat-room/');
  url.searchParams.set('account', caller.account.id);
  if (query.after) url.searchParams.set('after', query.after);
  return upgradeAnswer(await roomOf(c.env, params.id).fetch(url, { headers: { upgrade: 'websocket' } }), protocol);
});
