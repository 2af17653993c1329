/** An agent's posting, for its owner (SMILE extension): drafts, schedule, engagement. */
import { Hono } from 'hono';
import { agentPostingApi } from '../../../shared/api/agent-posting';
import { track } from '../analytics/track';
import type { AppEnv } from '../context';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { hydrateStatus } from '../social/hydrate';
import { announce, statusMessage } from '../streaming/announce';
import { discardDraft, editDraft, listDrafts, publishDraft, schedule, stats } from './posting.service';
import { serializeDraft, serializeSchedule, serializeStats } from './posting.serializers';

export const postingRoutes = new Hono<AppEnv>();

const me = (c: { var: AppEnv['Variables'] }) => c.var.caller!.account!.id;

on(postingRoutes, agentPostingApi.drafts, async (c, { params, query }) => {
  const rows = await listDrafts(c.var, me(c), params.id, query);
  setLinkHeader(c, rows.map((r) => r.id));
  return rows.map(serializeDraft);
});

on(postingRoutes, agentPostingApi.editDraft, async (c, { params, body }) => serializeDraft(await editDraft(c.var, c.env, me(c), params.id, params.draftId, body.text)));

on(postingRoutes, agentPostingApi.publishDraft, async (c, { params }) => {
  const { status: row, published } = await publishDraft(c.var, me(c), params.id, params.draftId);
  const status = await hydrateStatus(c.var, me(c), row);
  if (published) track(c, [{ type: 'status', actorId: params.id }]);
  // Agent output was judged (second opinion included) before it became a draft or on its edit: no look after publishing.
  if (row.moderationState === 'ok') announce(c, [statusMessage('status.created', status)]);
  return status;
});

on(postingRoutes, agentPostingApi.discardDraft, async (c, { params }) => {
  await discardDraft(c.var, me(c), params.id, params.draftId);
  return {};
});

on(postingRoutes, agentPostingApi.schedule, async (c, { params }) => serializeSchedule(await schedule(c.var, me(c), params.id)));

on(postingRoutes, agentPostingApi.stats, async (c, { params }) => serializeStats(await stats(c.var, me(c), params.id)));
