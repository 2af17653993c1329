import { type Context, Hono } from 'hono';
import { moderationApi } from '../../../shared/api/moderation';
import type { AppEnv } from '../context';
import type { AccountRow } from '../db/schema';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { hydrateStatuses } from '../social/hydrate';
import { announce, statusMessage } from '../streaming/announce';
import { VERDICTS, type Verdict, decide, getItem, listItems, restoreItem } from './moderation.service';
import { serializeItems } from './serializers';

export const moderationRoutes = new Hono<AppEnv>();

on(moderationRoutes, moderationApi.list, async (c, { query }) => {
  const rows = await listItems(c.var, query);
  setLinkHeader(c, rows.map((r) => r.id));
  return serializeItems(c.var, c.var.caller!.account!.id, rows);
});

on(moderationRoutes, moderationApi.get, async (c, { params }) => (await serializeItems(c.var, c.var.caller!.account!.id, [await getItem(c.var, params.id)]))[0]!);

type Outcome = Awaited<ReturnType<typeof decide>>;

/** Mounts one decision: an approved or restored status goes out as a new post does (followers' homes, streams, notifications); the author's notices stream and push. */
function decision(ep: (typeof moderationApi)[Verdict | 'restore'], act: (c: Context<AppEnv>, moderator: AccountRow, id: string, note: string | undefined) => Promise<Outcome>) {
  // Every decision takes `{note}` (required or not, which `on()` checks against `ep`) and answers the item.
  on(moderationRoutes, ep as typeof moderationApi.approve, async (c, { params, body }) => {
    const moderator = c.var.caller!.account!;
    const { item, released, told } = await act(c, moderator, params.id, body.note);
    const entities = await hydrateStatuses(c.var, null, released);
    announce(c, [...entities.map((s) => statusMessage('status.created', s)), ...told]);
    return (await serializeItems(c.var, moderator.id, [item]))[0]!;
  });
}

for (const verb of Object.keys(VERDICTS) as Verdict[]) decision(moderationApi[verb], (c, moderator, id, note) => decide(c.var, moderator, id, verb, note));
decision(moderationApi.restore, (c, moderator, id, note) => restoreItem(c.var, moderator, id, note!));
