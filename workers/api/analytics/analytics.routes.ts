/** Analytics views (creator, business, admin) and the web client's session report. */
import { Hono } from 'hono';
import { analyticsApi } from '../../../shared/api/analytics';
import type { AppEnv } from '../context';
import { on } from '../lib/route';
import { businessAnalytics } from './business.service';
import { creatorAnalytics } from './creator.service';
import { platformAnalytics } from './platform.service';
import { track } from './track';

export const analyticsRoutes = new Hono<AppEnv>();

const me = (c: { var: AppEnv['Variables'] }) => c.var.caller!.account!;

on(analyticsRoutes, analyticsApi.creator, (c, { query }) => creatorAnalytics(c.var.db, me(c).id, query));

on(analyticsRoutes, analyticsApi.business, (c, { query }) => businessAnalytics(c.var.db, me(c), query));

on(analyticsRoutes, analyticsApi.platform, (c, { query }) => platformAnalytics(c.var.db, query));

on(analyticsRoutes, analyticsApi.session, (c, { body }) => {
  track(c, [{ type: 'session', actorId: me(c).id, value: body.duration_ms }]);
  return {};
});
