/** Chats (SMILE extension): create, list, read, rename, members, leave, mute. Messages are in messages.routes.ts. */
import { Hono } from 'hono';
import { chatsApi } from '../../../shared/api/chats';
import type { AppEnv } from '../context';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { createChat, inviteMembers, leaveChat, listChats, memberChat, removeMember, renameChat, setMuted } from './chat.service';
import { serializeChat } from './serializers';

export const chatsRoutes = new Hono<AppEnv>();

const me = (c: { var: AppEnv['Variables'] }) => c.var.caller!.account!;

on(chatsRoutes, chatsApi.create, async (c, { body }) => {
  const { loaded, created } = await createChat(c.var, c.env, me(c), body);
  return c.json(serializeChat(c.var.config, loaded), created ? 201 : 200);
});

on(chatsRoutes, chatsApi.list, async (c, { query }) => {
  const rows = await listChats(c.var, me(c).id, query);
  setLinkHeader(c, rows.map((r) => r.chat.activityId));
  return rows.map((r) => serializeChat(c.var.config, r));
});

on(chatsRoutes, chatsApi.get, async (c, { params }) => serializeChat(c.var.config, await memberChat(c.var, me(c).id, params.id)));

on(chatsRoutes, chatsApi.rename, async (c, { params, body }) => serializeChat(c.var.config, await renameChat(c.var, c.env, me(c), params.id, body.title, body.encrypted)));

on(chatsRoutes, chatsApi.invite, async (c, { params, body }) => serializeChat(c.var.config, await inviteMembers(c.var, c.env, me(c), params.id, body.account_ids)));

on(chatsRoutes, chatsApi.remove, async (c, { params }) => serializeChat(c.var.config, await removeMember(c.var, c.env, me(c), params.id, params.account_id)));

on(chatsRoutes, chatsApi.leave, async (c, { params }) => {
  await leaveChat(c.var, c.env, me(c), params.id);
  return {};
});

on(chatsRoutes, chatsApi.mute, async (c, { params }) => serializeChat(c.var.config, await setMuted(c.var, me(c), params.id, true)));

on(chatsRoutes, chatsApi.unmute, async (c, { params }) => serializeChat(c.var.config, await setMuted(c.var, me(c), params.id, false)));
