import { type Context, Hono } from 'hono';
import { statusesApi } from '../../../shared/api/statuses';
import { getAccount } from '../accounts/accounts.service';
import type { AppEnv } from '../context';
import { setLinkHeader } from '../lib/pagination';
import { viewerId } from '../lib/request';
import { on } from '../lib/route';
import { type HydratedPage, readPage } from './hydrate';
import { accountStatuses, homeRegions, publicTimeline, savedStatuses, tagTimeline } from './timelines.service';

export const timelinesRoutes = new Hono<AppEnv>();

/** The reader's account: the token's subject on a route that confirms the session with its read. */
const reader = (c: Context<AppEnv>) => viewerId(c) ?? c.var.claims?.sub ?? null;

function respond(c: Context<AppEnv>, page: HydratedPage) {
  setLinkHeader(c, page.cursors);
  return page.statuses;
}

/** Reads the regions in turn until the page is full (`homeRegions`), and answers newest first. */
async function home(c: Context<AppEnv>, { limit, ascending, regions }: ReturnType<typeof homeRegions>): Promise<HydratedPage> {
  const pages: HydratedPage[] = [];
  let read = 0;
  for (const region of regions) {
    if (read >= limit) break;
    const page = await readPage(c, reader(c), region(limit - read));
    pages.push(page);
    read += page.statuses.length;
  }
  // An ascending page read the older region first.
  if (ascending) pages.reverse();
  return { statuses: pages.flatMap((p) => p.statuses), cursors: pages.flatMap((p) => p.cursors) };
}

const sessionWithRead = { sessionWithRead: true };

on(timelinesRoutes, statusesApi.home, async (c, { query }) => respond(c, await home(c, homeRegions(c.var, reader(c)!, query))), sessionWithRead);
on(timelinesRoutes, statusesApi.public, async (c, { query }) => respond(c, await readPage(c, reader(c), publicTimeline(c.var, reader(c), query))), sessionWithRead);
on(timelinesRoutes, statusesApi.tag, async (c, { params, query }) => respond(c, await readPage(c, reader(c), tagTimeline(c.var, reader(c), params.hashtag, query))), sessionWithRead);
on(timelinesRoutes, statusesApi.bookmarks, async (c, { query }) => respond(c, await readPage(c, reader(c), savedStatuses(c.var, reader(c)!, 'bookmarks', query))), sessionWithRead);
on(timelinesRoutes, statusesApi.favourites, async (c, { query }) => respond(c, await readPage(c, reader(c), savedStatuses(c.var, reader(c)!, 'favourites', query))), sessionWithRead);
on(timelinesRoutes, statusesApi.accountStatuses, async (c, { params, query }) => {
  const account = await getAccount(c.var, params.id);
  const page = await readPage(c, viewerId(c), accountStatuses(c.var, viewerId(c), account.id, query));
  // Pinned statuses are one list: no pages to link.
  return query.pinned ? page.statuses : respond(c, page);
});
