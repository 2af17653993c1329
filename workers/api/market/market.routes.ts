/** The marketplace (SMILE extension): listings, discovery, compare, promotion, entitlements, reviews. */
import { Hono } from 'hono';
import { marketApi } from '../../../shared/api/market';
import { MARKET_CATEGORIES } from '../../../shared/market/catalog';
import { trackAgentView } from '../analytics/agent-views';
import type { AppEnv } from '../context';
import { setLinkHeader, setOffsetLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { window } from '../search/search.service';
import { compare, discover, highlights } from './discovery.service';
import { acquireFree, myEntitlements } from './entitlements.service';
import { createListing, delistListing, myListings, promoteListing, publishListing, updateListing, visibleListing } from './listings.service';
import { listingReviews, replyToReview, writeReview } from './reviews.service';
import { serializeEntitlement, serializeListing, serializeReview } from './serializers';

export const marketRoutes = new Hono<AppEnv>();

type C = { var: AppEnv['Variables'] };
const me = (c: C) => c.var.caller!.account!.id;
const viewer = (c: C) => c.var.caller?.account?.id ?? null;

on(marketRoutes, marketApi.categories, () => MARKET_CATEGORIES.map((c) => ({ ...c })));

on(marketRoutes, marketApi.create, async (c, { body }) => serializeListing(c.var.config, await createListing(c.var, me(c), body), me(c)));

on(marketRoutes, marketApi.discover, async (c, { query }) => {
  const w = window(query.limit, query.offset);
  const rows = await discover(c.var, viewer(c), query, w);
  setOffsetLinkHeader(c, w.offset, w.limit, rows.length);
  return rows.map((r) => serializeListing(c.var.config, r, viewer(c)));
});

// Before `get`: "mine" is not an id.
on(marketRoutes, marketApi.mine, async (c, { query }) => {
  const rows = await myListings(c.var, me(c), query);
  setLinkHeader(c, rows.map((r) => r.listing.id));
  return rows.map((r) => serializeListing(c.var.config, r, me(c)));
});

on(marketRoutes, marketApi.highlights, async (c, { query }) => {
  const h = await highlights(c.var, viewer(c), query.category);
  return { sponsored: h.sponsored.map((r) => serializeListing(c.var.config, r, viewer(c))), featured: h.featured.map((r) => serializeListing(c.var.config, r, viewer(c))) };
});

on(marketRoutes, marketApi.compare, async (c, { query }) => (await compare(c.var, viewer(c), query.ids)).map((r) => serializeListing(c.var.config, r, viewer(c))));

on(marketRoutes, marketApi.get, async (c, { params }) => {
  const loaded = await visibleListing(c.var, viewer(c), params.id);
  trackAgentView(c, { id: loaded.agent.accountId, kind: 'agent', ownerId: loaded.agent.ownerId }, loaded.listing.id);
  return serializeListing(c.var.config, loaded, viewer(c));
});

on(marketRoutes, marketApi.update, async (c, { params, body }) => serializeListing(c.var.config, await updateListing(c.var, me(c), params.id, body), me(c)));

on(marketRoutes, marketApi.publish, async (c, { params }) => serializeListing(c.var.config, await publishListing(c.var, me(c), params.id), me(c)));

on(marketRoutes, marketApi.delist, async (c, { params }) => serializeListing(c.var.config, await delistListing(c.var, me(c), params.id), me(c)));

on(marketRoutes, marketApi.promote, async (c, { params, body }) => serializeListing(c.var.config, await promoteListing(c.var, me(c), params.id, body), me(c)));

on(marketRoutes, marketApi.acquire, async (c, { params }) => serializeEntitlement(await acquireFree(c.var, me(c), params.id)));

on(marketRoutes, marketApi.entitlements, async (c, { query }) => {
  const rows = await myEntitlements(c.var, me(c), query);
  setLinkHeader(c, rows.map((r) => r.id));
  return rows.map(serializeEntitlement);
});

on(marketRoutes, marketApi.reviews, async (c, { params, query }) => {
  const rows = await listingReviews(c.var, viewer(c), params.id, query);
  setLinkHeader(c, rows.map((r) => r.review.id));
  return rows.map((r) => serializeReview(c.var.config, r));
});

on(marketRoutes, marketApi.review, async (c, { params, body }) => serializeReview(c.var.config, await writeReview(c.var, me(c), params.id, body, 'create')));

on(marketRoutes, marketApi.editReview, async (c, { params, body }) => serializeReview(c.var.config, await writeReview(c.var, me(c), params.id, body, 'replace')));

on(marketRoutes, marketApi.reply, async (c, { params, body }) => serializeReview(c.var.config, await replyToReview(c.var, me(c), params.id, body)));
