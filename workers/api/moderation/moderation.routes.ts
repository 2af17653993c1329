import { Hono } from 'hono';
import { moderationApi } from '../../../shared/api/moderation';
import type { AppEnv } from '../context';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { hydrateStatuses } from '../social/hydrate';
import { announce, statusMessage } from '../streaming/announce';
import { type Decision, decide, getItem, listItems } from './moderation.service';
import { serializeItems } from './serializers';

export const moderationRoutes = new Hono<AppEnv>();

on(moderationRoutes, moderationApi.list, async (c, { query }) => {
  const rows = await listItems(c.var, query);
  setLinkHeader(c, rows.map((r) => r.id));
  return serializeItems(c.var, c.var.caller!.account!.id, rows);
});

on(moderationRoutes, moderationApi.get, async (c, { params }) => (await serializeItems(c.var, c.var.caller!.account!.id, [await getItem(c.var, params.id)]))[0]!);

for (const [ep, decision] of [[moderationApi.approve, 'approved'], [moderationApi.remove, 'removed']] as const) {
  on(moderationRoutes, ep, async (c, { params, body }) => {
    const moderator = c.var.caller!.account!;
    const { item, released } = await decide(c.var, moderator, params.id, decision satisfies Decision, body.note);
    // An approved status goes out as a new post does: into followers' homes, streams and notifications.
    const entities = await hydrateStatuses(c.var, null, released);
    announce(c, entities.map((s) => statusMessage('status.created', s)));
    return (await serializeItems(c.var, moderator.id, [item]))[0]!;
  });
}
