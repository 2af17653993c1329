import { type Context, Hono } from 'hono';
import { statusesApi } from '../../../shared/api/statuses';
import { getAccount } from '../accounts/accounts.service';
import type { AppEnv } from '../context';
import { setLinkHeader } from '../lib/pagination';
import { viewerId } from '../lib/request';
import { on } from '../lib/route';
import { hydrateStatuses } from './hydrate';
import { accountStatuses, homeTimeline, publicTimeline, savedStatuses, tagTimeline, type TimelinePage } from './timelines.service';

export const timelinesRoutes = new Hono<AppEnv>();


async function respond(c: Context<AppEnv>, page: TimelinePage) {
  setLinkHeader(c, page.cursors);
  return hydrateStatuses(c.var, viewerId(c), page.rows);
}

on(timelinesRoutes, statusesApi.home, async (c, { query }) => respond(c, await homeTimeline(c.var, viewerId(c)!, query)));
on(timelinesRoutes, statusesApi.public, async (c, { query }) => respond(c, await publicTimeline(c.var, viewerId(c), query)));
on(timelinesRoutes, statusesApi.tag, async (c, { params, query }) => respond(c, await tagTimeline(c.var, viewerId(c), params.hashtag, query)));
on(timelinesRoutes, statusesApi.bookmarks, async (c, { query }) => respond(c, await savedStatuses(c.var, viewerId(c)!, 'bookmarks', query)));
on(timelinesRoutes, statusesApi.favourites, async (c, { query }) => respond(c, await savedStatuses(c.var, viewerId(c)!, 'favourites', query)));
on(timelinesRoutes, statusesApi.accountStatuses, async (c, { params, query }) => {
  const account = await getAccount(c.var, params.id);
  return respond(c, await accountStatuses(c.var, viewerId(c), account.id, query));
});
