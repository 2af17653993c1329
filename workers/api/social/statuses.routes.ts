import { type Context, Hono } from 'hono';
import { statusesApi } from '../../../shared/api/statuses';
import { serializeAccount } from '../accounts/serializers';
import { track } from '../analytics/track';
import type { AppEnv } from '../context';
import type { AccountRow } from '../db/schema';
import type { StatusRow } from '../db/social';
import { setLinkHeader } from '../lib/pagination';
import { viewerId } from '../lib/request';
import { on } from '../lib/route';
import { announce, notificationMessage, statusMessage } from '../streaming/announce';
import { requestSecondLook } from '../moderation/second-opinion';
import { moderationEvent } from '../moderation/statuses';
import { requestMentionReplies } from '../agents/mention-replies';
import { threadOf } from './context.service';
import { hydrateStatus, hydrateStatuses } from './hydrate';
import { trackAgentView } from '../analytics/agent-views';
import { actors, bookmark, favourite, pin, reblog, unreblog } from './interactions.service';
import { createStatus, deleteStatus, editStatus, ownStatus, statusHistory, viewableStatus } from './statuses.service';

export const statusesRoutes = new Hono<AppEnv>();


on(statusesRoutes, statusesApi.create, async (c, { body }) => {
  const caller = c.var.caller!;
  const key = c.req.header('idempotency-key')?.slice(0, 200) || null;
  const row = await createStatus(c.var, caller.account!, body, { applicationId: caller.appId, idempotencyKey: key });
  const status = await hydrateStatus(c.var, caller.account!.id, row);
  // A held status reaches no one until a moderator approves it (which then announces it); its author is told.
  if (row.moderationState === 'ok') {
    announce(c, [statusMessage('status.created', status)]);
    requestSecondLook(c, row.id);
  } else announce(c, [notificationMessage(moderationEvent(row))]);
  requestMentionReplies(c, row, caller.account!, status.mentions.map((m) => m.id));
  track(c, [{ type: 'status', actorId: caller.account!.id }]);
  return status;
});

on(statusesRoutes, statusesApi.get, async (c, { params }) => {
  const status = await hydrateStatus(c.var, viewerId(c), await viewableStatus(c.var, viewerId(c), params.id));
  trackAgentView(c, { id: status.account.id, kind: status.account.smile.type, ownerId: status.account.smile.owner_id });
  return status;
});

on(statusesRoutes, statusesApi.edit, async (c, { params, body }) => {
  const row = await editStatus(c.var, c.var.caller!.account!, params.id, body);
  const status = await hydrateStatus(c.var, viewerId(c), row);
  if (row.moderationState === 'ok') {
    announce(c, [statusMessage('status.updated', status)]);
    requestSecondLook(c, row.id);
  } else announce(c, [notificationMessage(moderationEvent(row))]);
  return status;
});

on(statusesRoutes, statusesApi.delete, async (c, { params }) => {
  // Serialized before it goes, with its mentions and tags, which the streams need too; the source text is for "delete and redraft".
  const before = await hydrateStatus(c.var, viewerId(c), await ownStatus(c.var, c.var.caller!.account!.id, params.id));
  const row = await deleteStatus(c.var, c.var.caller!.account!, params.id);
  announce(c, [statusMessage('status.deleted', before)]);
  return { ...before, text: row.text };
});

on(statusesRoutes, statusesApi.history, async (c, { params }) => {
  const status = await viewableStatus(c.var, viewerId(c), params.id);
  const [hydrated, versions] = await Promise.all([hydrateStatus(c.var, viewerId(c), status), statusHistory(c.var, status)]);
  return versions.map((v) => ({ content: v.content, spoiler_text: v.spoilerText, sensitive: v.sensitive, created_at: new Date(v.createdAt).toISOString(), account: hydrated.account, media_attachments: [], emojis: [], poll: null }));
});

on(statusesRoutes, statusesApi.source, async (c, { params }) => {
  const status = await ownStatus(c.var, c.var.caller!.account!.id, params.id);
  return { id: status.id, text: status.text, spoiler_text: status.spoilerText };
});

on(statusesRoutes, statusesApi.context, async (c, { params }) => {
  const status = await viewableStatus(c.var, viewerId(c), params.id);
  const { ancestors, descendants } = await threadOf(c.var, viewerId(c), status);
  const [a, d] = await Promise.all([hydrateStatuses(c.var, viewerId(c), ancestors), hydrateStatuses(c.var, viewerId(c), descendants)]);
  return { ancestors: a, descendants: d };
});

type Action = (c: Context<AppEnv>, viewer: AccountRow, id: string) => Promise<StatusRow>;
const actions: Array<[typeof statusesApi.favourite, Action]> = [
  [
    statusesApi.favourite,
    async (c, v, id) => {
      const { status, changed } = await favourite(c.var, v, id, true);
      if (changed) track(c, [{ type: 'favourite', actorId: v.id }]);
      return status;
    },
  ],
  [statusesApi.unfavourite, async (c, v, id) => (await favourite(c.var, v, id, false)).status],
  [statusesApi.bookmark, (c, v, id) => bookmark(c.var, v, id, true)],
  [statusesApi.unbookmark, (c, v, id) => bookmark(c.var, v, id, false)],
  [statusesApi.pin, (c, v, id) => pin(c.var, v, id, true)],
  [statusesApi.unpin, (c, v, id) => pin(c.var, v, id, false)],
];
for (const [ep, run] of actions) {
  on(statusesRoutes, ep, async (c, { params }) => {
    const row = await run(c, c.var.caller!.account!, params.id);
    if (ep === statusesApi.favourite) announce(c, [notificationMessage({ recipientId: row.accountId, fromId: viewerId(c)!, type: 'favourite', statusId: row.id })]);
    return hydrateStatus(c.var, viewerId(c), row);
  });
}

on(statusesRoutes, statusesApi.reblog, async (c, { params, body }) => {
  const status = await hydrateStatus(c.var, viewerId(c), await reblog(c.var, c.var.caller!.account!, params.id, body.visibility));
  if (status.reblog) announce(c, [statusMessage('status.created', status), notificationMessage({ recipientId: status.reblog.account.id, fromId: viewerId(c)!, type: 'reblog', statusId: status.reblog.id })]);
  return status;
});

// Followers' streams drop the removed reblog, as Mastodon sends `delete` for it.
on(statusesRoutes, statusesApi.unreblog, async (c, { params }) => {
  const { original, removed } = await unreblog(c.var, c.var.caller!.account!, params.id);
  if (removed) announce(c, [{ kind: 'status.deleted', statusId: removed.id, authorId: removed.accountId, visibility: removed.visibility, tags: [], mentionIds: [] }]);
  return hydrateStatus(c.var, viewerId(c), original);
});

for (const [ep, kind] of [[statusesApi.favouritedBy, 'favourites'], [statusesApi.rebloggedBy, 'reblogs']] as const) {
  on(statusesRoutes, ep, async (c, { params, query }) => {
    const rows = await actors(c.var, viewerId(c), params.id, kind, query);
    setLinkHeader(c, rows.map((r) => r.cursor));
    return rows.map((r) => serializeAccount(c.var.config, r.account));
  });
}
