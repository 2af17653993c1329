/** Mastodon's Web Push subscription API: one subscription per access token. */
import { Hono } from 'hono';
import { pushApi } from '../../../shared/api/push';
import type { AppEnv } from '../context';
import { bearerToken } from '../middleware/auth';
import { on } from '../lib/route';
import { createSubscription, deleteSubscription, sessionSubscription, updateSubscription } from './push.service';
import { serializeSubscription } from './serializers';

export const pushRoutes = new Hono<AppEnv>();

const session = (c: { var: AppEnv['Variables'] }) => c.var.caller!.sessionId;

on(pushRoutes, pushApi.create, async (c, { body }) => {
  const row = await createSubscription(c.var, c.var.caller!, bearerToken(c.req.header('authorization'))!, body);
  return serializeSubscription(c.var.config, row);
});

on(pushRoutes, pushApi.get, async (c) => serializeSubscription(c.var.config, await sessionSubscription(c.var, session(c))));

on(pushRoutes, pushApi.update, async (c, { body }) => serializeSubscription(c.var.config, await updateSubscription(c.var, session(c), body)));

on(pushRoutes, pushApi.delete, async (c) => {
  await deleteSubscription(c.var, session(c));
  return {};
});
