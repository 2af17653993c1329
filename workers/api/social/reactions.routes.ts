import { Hono } from 'hono';
import { reactionsApi } from '../../../shared/api/reactions';
import { serializeAccount } from '../accounts/serializers';
import type { AppEnv } from '../context';
import { viewerId } from '../lib/request';
import { on } from '../lib/route';
import { hydrateStatus } from './hydrate';
import { createReport, reactionRows, reactionsByStatus, react } from './reactions.service';
import { idSet } from '../lib/sql';
import { announce, notificationMessage } from '../streaming/announce';
import { viewableStatus } from './statuses.service';

export const reactionsRoutes = new Hono<AppEnv>();

on(reactionsRoutes, reactionsApi.list, async (c, { params }) => {
  const viewer = viewerId(c);
  const status = await viewableStatus(c.var, viewer, params.id);
  return reactionsByStatus(await reactionRows(c.var.db, viewer, idSet([status.id]))).get(status.id) ?? [];
});

for (const [ep, onOff] of [[reactionsApi.react, true], [reactionsApi.unreact, false]] as const) {
  on(reactionsRoutes, ep, async (c, { params }) => {
    const viewer = c.var.caller!.account!;
    const status = await react(c.var, viewer, params.id, params.emoji, onOff);
    if (onOff) announce(c, [notificationMessage({ recipientId: status.accountId, fromId: viewer.id, type: 'reaction', statusId: status.id })]);
    return hydrateStatus(c.var, viewer.id, status);
  });
}

on(reactionsRoutes, reactionsApi.report, async (c, { body }) => {
  const { report, target } = await createReport(c.var, c.var.caller!.account!, body);
  return {
    id: report.id,
    action_taken: false,
    action_taken_at: null,
    category: report.category,
    comment: report.comment,
    forwarded: false,
    created_at: new Date(report.createdAt).toISOString(),
    status_ids: JSON.parse(report.statusIds) as string[],
    rule_ids: [],
    target_account: serializeAccount(c.var.config, target),
  };
});
