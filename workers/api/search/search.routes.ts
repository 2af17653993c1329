import { type Context, Hono } from 'hono';
import { searchApi } from '../../../shared/api/search';
import { serializeAccount } from '../accounts/serializers';
import type { AppEnv } from '../context';
import { viewerId } from '../lib/request';
import { on } from '../lib/route';
import { hydrateStatuses } from '../social/hydrate';
import { directory, searchAccounts, searchStatuses, searchTags, suggestions, window } from './search.service';
import { type TagTrend, tagHistories, trendingStatuses, trendingTags } from './trends';

export const searchRoutes = new Hono<AppEnv>();


const tagEntity = (c: Context<AppEnv>, { name, history }: TagTrend) => ({ name, url: `${c.var.config.PUBLIC_URL}/tags/${encodeURIComponent(name)}`, history });

async function tagEntities(c: Context<AppEnv>, names: string[]) {
  const histories = await tagHistories(c.var, names);
  return names.map((name) => tagEntity(c, { name, history: histories.get(name) ?? [] }));
}

on(searchRoutes, searchApi.search, async (c, { query }) => {
  const w = window(query.limit, query.offset);
  const want = (type: 'accounts' | 'statuses' | 'hashtags') => !query.type || query.type === type;
  const [accountRows, statusRows, tagNames] = await Promise.all([
    want('accounts') ? searchAccounts(c.var, viewerId(c), query.q, w, query.following) : [],
    want('statuses') ? searchStatuses(c.var, viewerId(c), query.q, w, query.account_id) : [],
    want('hashtags') ? searchTags(c.var, query.q, w) : [],
  ]);
  const [statusesOut, hashtags] = await Promise.all([hydrateStatuses(c.var, viewerId(c), statusRows), tagEntities(c, tagNames)]);
  return { accounts: accountRows.map((a) => serializeAccount(c.var.config, a)), statuses: statusesOut, hashtags };
});

on(searchRoutes, searchApi.accounts, async (c, { query }) =>
  (await searchAccounts(c.var, viewerId(c), query.q, window(query.limit, query.offset), query.following)).map((a) => serializeAccount(c.var.config, a)),
);

on(searchRoutes, searchApi.directory, async (c, { query }) =>
  (await directory(c.var, viewerId(c), query.order ?? 'active', window(query.limit, query.offset, 80))).map((a) => serializeAccount(c.var.config, a)),
);

on(searchRoutes, searchApi.trendingTags, async (c, { query }) => (await trendingTags(c.var, window(query.limit ?? 10, query.offset, 20))).map((t) => tagEntity(c, t)));

on(searchRoutes, searchApi.trendingStatuses, async (c, { query }) => hydrateStatuses(c.var, viewerId(c), await trendingStatuses(c.var, viewerId(c), window(query.limit, query.offset))));

on(searchRoutes, searchApi.suggestions, async (c, { query }) =>
  (await suggestions(c.var, viewerId(c)!, query.limit ?? 40)).map((a) => ({ source: 'global', sources: ['global'], account: serializeAccount(c.var.config, a) })),
);
