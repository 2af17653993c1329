import { type Context, Hono } from 'hono';
import { conversationsApi } from '../../../shared/api/conversations';
import type { AppEnv } from '../context';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { listConversations, markConversationRead, removeConversation } from './conversations.service';
import { serializeConversations } from './serializers';

export const conversationsRoutes = new Hono<AppEnv>();

const me = (c: Context<AppEnv>) => c.var.caller!.account!.id;

on(conversationsRoutes, conversationsApi.list, async (c, { query }) => {
  const rows = await listConversations(c.var, me(c), query);
  setLinkHeader(c, rows.map((r) => r.lastStatusId));
  return serializeConversations(c.var, me(c), rows);
});

on(conversationsRoutes, conversationsApi.read, async (c, { params }) => (await serializeConversations(c.var, me(c), [await markConversationRead(c.var, me(c), params.id)]))[0]!);

on(conversationsRoutes, conversationsApi.remove, async (c, { params }) => {
  await removeConversation(c.var, me(c), params.id);
  return {};
});
