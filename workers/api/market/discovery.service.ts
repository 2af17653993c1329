/**
 * Discovery: published listings filtered by category, full text (FTS5, migration 0021), pricing
 * model, price range and rating, in one of four orders. Sponsorship never changes the organic
 * order: sponsored listings have their own slot (`highlights`), always labelled.
 */
import { type SQL, and, desc, eq, gt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { MARKET_LIMITS } from '../../../shared/market/catalog';
import type { ListingsQuery } from '../../../shared/schemas/market';
import type { Services } from '../context';
import { marketEntitlements, marketListings } from '../db/market';
import { notFound } from '../lib/errors';
import { idSet } from '../lib/sql';
import { type Window, ftsQuery } from '../search/search.service';
import { type LoadedListing, discoverable, listingVisibleTo, selectListings, withScreenshots } from './listings.query';

type Deps = Pick<Services, 'db'>;

const DAY = 86_400_000;
const effectivePrice = sql`coalesce(${marketListings.price}, 0)`;

function order(sort: z.output<typeof ListingsQuery>['sort'], at: number): SQL[] {
  switch (sort) {
    case 'newest':
      return [desc(marketListings.publishedAt), desc(marketListings.id)];
    case 'top_rated':
      return [sql`CASE WHEN ${marketListings.ratingCount} = 0 THEN NULL ELSE ${marketListings.ratingSum} * 1.0 / ${marketListings.ratingCount} END DESC NULLS LAST`, desc(marketListings.ratingCount), desc(marketListings.id)];
    case 'trending': {
      const since = at - MARKET_LIMITS.trendingDays * DAY;
      return [sql`(SELECT count(*) FROM ${marketEntitlements} e WHERE e.listing_id = ${marketListings.id} AND e.created_at > ${since}) DESC`, desc(marketListings.entitlementsCount), desc(marketListings.id)];
    }
    default:
      return [desc(marketListings.entitlementsCount), desc(marketListings.id)];
  }
}

export async function discover(deps: Deps, viewerId: string | null, q: z.output<typeof ListingsQuery>, w: Window, at = Date.now()): Promise<LoadedListing[]> {
  const match = q.q === undefined ? null : ftsQuery(q.q);
  const where = and(
    discoverable(),
    q.category ? eq(marketListings.category, q.category) : undefined,
    q.pricing_model ? eq(marketListings.pricingModel, q.pricing_model) : undefined,
    q.currency ? eq(marketListings.currency, q.currency) : undefined,
    q.min_price !== undefined ? sql`${effectivePrice} >= ${q.min_price}` : undefined,
    q.max_price !== undefined ? sql`${effectivePrice} <= ${q.max_price}` : undefined,
    q.min_rating !== undefined ? and(gt(marketListings.ratingCount, 0), sql`${marketListings.ratingSum} >= ${q.min_rating} * ${marketListings.ratingCount}`) : undefined,
    match ? sql`${marketListings.id} IN (SELECT listing_id FROM market_listings_fts WHERE market_listings_fts MATCH ${match})` : undefined,
  );
  const rows = await selectListings(deps.db, viewerId)
    .where(where)
    .orderBy(...order(q.sort, at))
    .limit(w.limit)
    .offset(w.offset);
  return withScreenshots(deps.db, rows);
}

/** The sponsored slot (sponsorships in force) and the featured listings, discoverable ones only. */
export async function highlights(deps: Deps, viewerId: string | null, category: string | undefined, at = Date.now()) {
  const inCategory = category ? eq(marketListings.category, category) : undefined;
  // Not one batch: drizzle's D1 batch maps joined rows by column name, and these share names (id).
  const [sponsored, featured] = await Promise.all([
    selectListings(deps.db, viewerId).where(and(discoverable(), inCategory, gt(marketListings.sponsoredUntil, at))).orderBy(desc(marketListings.sponsoredUntil)).limit(MARKET_LIMITS.sponsoredSlot),
    selectListings(deps.db, viewerId).where(and(discoverable(), inCategory, eq(marketListings.featured, true))).orderBy(desc(marketListings.entitlementsCount), desc(marketListings.id)).limit(MARKET_LIMITS.featuredMax),
  ]);
  return { sponsored: await withScreenshots(deps.db, sponsored), featured: await withScreenshots(deps.db, featured) };
}

/** 2–3 listings side by side, in the order asked; 404 when one is not visible to the viewer. */
export async function compare(deps: Deps, viewerId: string | null, ids: string[]): Promise<LoadedListing[]> {
  const rows = await selectListings(deps.db, viewerId).where(and(sql`${marketListings.id} IN ${idSet(ids)}`, listingVisibleTo(viewerId)));
  if (rows.length !== ids.length) throw notFound('One of the listings was not found');
  const loaded = await withScreenshots(deps.db, rows);
  return ids.map((id) => loaded.find((r) => r.listing.id === id)!);
}
