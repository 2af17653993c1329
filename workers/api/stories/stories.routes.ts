/** Stories (SMILE extension): post, feed, an account's stories, one story, views, viewers, delete. */
import { Hono } from 'hono';
import { storiesApi } from '../../../shared/api/stories';
import type { AppEnv } from '../context';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { serializeFeedEntry, serializeStory, serializeViewer } from './serializers';
import { accountStories, createStory, deleteStory, storiesFeed, storyViewers, viewStory, viewableStory } from './stories.service';

export const storiesRoutes = new Hono<AppEnv>();

const me = (c: { var: AppEnv['Variables'] }) => c.var.caller!.account!;

on(storiesRoutes, storiesApi.create, async (c, { body }) => serializeStory(c.var.config, await createStory(c.var, me(c), body)));

on(storiesRoutes, storiesApi.feed, async (c) => (await storiesFeed(c.var, me(c).id)).map((e) => serializeFeedEntry(c.var.config, e)));

on(storiesRoutes, storiesApi.account, async (c, { params }) => (await accountStories(c.var, me(c).id, params.id)).map((s) => serializeStory(c.var.config, s)));

on(storiesRoutes, storiesApi.get, async (c, { params }) => serializeStory(c.var.config, await viewableStory(c.var, me(c).id, params.id)));

on(storiesRoutes, storiesApi.view, async (c, { params }) => serializeStory(c.var.config, await viewStory(c.var, me(c).id, params.id)));

on(storiesRoutes, storiesApi.viewers, async (c, { params, query }) => {
  const rows = await storyViewers(c.var, me(c).id, params.id, query);
  setLinkHeader(c, rows.map((r) => r.cursor));
  return rows.map((r) => serializeViewer(c.var.config, r));
});

on(storiesRoutes, storiesApi.delete, async (c, { params }) => {
  await deleteStory(c.var, c.env.MEDIA, me(c).id, params.id);
  return {};
});
