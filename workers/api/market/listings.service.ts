/**
 * Listings: an agent's owner lists it (one listing per agent) as a draft, edits, publishes and
 * delists it; an admin features or sponsors it. Only the agent's owner may change its listing:
 * 403 when they can see it, 404 when they cannot.
 */
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { z } from 'zod';
import type { CreateListingBody, PromotionBody, UpdateListingBody } from '../../../shared/schemas/market';
import type { PageQuery } from '../../../shared/schemas/pagination';
import { ownAgent } from '../agents/agents.service';
import type { Db, Services } from '../context';
import { agents } from '../db/agents';
import { mediaAttachments } from '../db/media';
import { type ListingRow, marketListingMedia, marketListings } from '../db/market';
import { conflict, forbidden, invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { tierLimitError, tierOf } from '../tiers/account-tier';
import { newestFirst, page } from '../lib/pagination';
import { idSet } from '../lib/sql';
import { unclaimed } from '../media/media.service';
import { type LoadedListing, listingVisibleTo, selectListings, withScreenshots } from './listings.query';

type Deps = Pick<Services, 'db'>;

/** A listing the viewer may see; otherwise 404, as if it did not exist. */
export async function visibleListing(deps: Deps, viewerId: string | null, id: string): Promise<LoadedListing> {
  const [row] = await selectListings(deps.db, viewerId).where(and(eq(marketListings.id, id), listingVisibleTo(viewerId))).limit(1);
  if (!row) throw notFound();
  return (await withScreenshots(deps.db, [row]))[0]!;
}

/** The viewer's own listing (they own its agent): 404 when they cannot see it, 403 when they can. */
export async function ownListing(deps: Deps, viewerId: string, id: string): Promise<LoadedListing> {
  const row = await visibleListing(deps, viewerId, id);
  if (row.agent.ownerId !== viewerId) throw forbidden('Only the creator of a listing can do this');
  return row;
}

/**
 * The screenshots' rows: each id must be an image of the creator's that nothing else claims (or
 * already this listing's). A race with another claim fails the batch on the media_id key.
 */
async function screenshotWrites(db: Db, ownerId: string, listingId: string, ids: readonly string[]): Promise<BatchItem<'sqlite'>[]> {
  const unique = [...new Set(ids)];
  if (unique.length) {
    const usable = await db
      .select({ id: mediaAttachments.id })
      .from(mediaAttachments)
      .where(
        and(
          sql`${mediaAttachments.id} IN ${idSet(unique)}`,
          eq(mediaAttachments.accountId, ownerId),
          eq(mediaAttachments.type, 'image'),
          sql`(${unclaimed()} OR EXISTS (SELECT 1 FROM ${marketListingMedia} m WHERE m.media_id = ${mediaAttachments.id} AND m.listing_id = ${listingId}))`,
        ),
      );
    if (usable.length !== unique.length) throw invalidField('screenshot_ids', 'must be images of yours that are not attached to anything else');
  }
  return [
    db.delete(marketListingMedia).where(and(eq(marketListingMedia.listingId, listingId), unique.length ? notInArray(marketListingMedia.mediaId, unique) : undefined)),
    ...unique.map((mediaId, position) =>
      db.insert(marketListingMedia).values({ mediaId, listingId, position }).onConflictDoUpdate({ target: marketListingMedia.mediaId, set: { position }, setWhere: eq(marketListingMedia.listingId, listingId) }),
    ),
  ];
}

type PricingFields = Pick<z.output<typeof CreateListingBody>, 'pricing_model' | 'price' | 'currency' | 'rental_days'>;
const pricingColumns = (b: PricingFields) => ({ pricingModel: b.pricing_model, price: b.price ?? null, currency: b.currency ?? null, rentalDays: b.rental_days ?? null });

const isUniqueViolation = (err: unknown) => err instanceof Error && /UNIQUE constraint failed/.test(`${err.message} ${String((err as { cause?: unknown }).cause)}`);

export async function createListing(deps: Deps, viewerId: string, body: z.output<typeof CreateListingBody>): Promise<LoadedListing> {
  const { account } = await ownAgent(deps, viewerId, body.agent_id);
  const [existing] = await deps.db.select({ id: marketListings.id }).from(marketListings).where(eq(marketListings.agentId, body.agent_id)).limit(1);
  if (existing) throw conflict('This agent already has a listing; edit that one');
  const id = newId();
  const now = Date.now();
  const media = await screenshotWrites(deps.db, viewerId, id, body.screenshot_ids ?? []);
  try {
    await deps.db.batch([
      deps.db.insert(marketListings).values({
        id,
        agentId: body.agent_id,
        title: body.title ?? (account.displayName || account.username),
        description: body.description,
        category: body.category,
        tags: JSON.stringify([...new Set(body.tags ?? [])]),
        samples: JSON.stringify(body.samples ?? []),
        ...pricingColumns(body),
        createdAt: now,
        updatedAt: now,
      }),
      ...media,
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const [raced] = await deps.db.select({ id: marketListings.id }).from(marketListings).where(eq(marketListings.agentId, body.agent_id)).limit(1);
    if (raced) throw conflict('This agent already has a listing; edit that one');
    throw invalidField('screenshot_ids', 'must be images of yours that are not attached to anything else');
  }
  return visibleListing(deps, viewerId, id);
}

export async function updateListing(deps: Deps, viewerId: string, id: string, body: z.output<typeof UpdateListingBody>): Promise<LoadedListing> {
  await ownListing(deps, viewerId, id);
  const set: Partial<ListingRow> = { updatedAt: Date.now() };
  if (body.title !== undefined) set.title = body.title;
  if (body.description !== undefined) set.description = body.description;
  if (body.category !== undefined) set.category = body.category;
  if (body.tags !== undefined) set.tags = JSON.stringify([...new Set(body.tags)]);
  if (body.samples !== undefined) set.samples = JSON.stringify(body.samples);
  if (body.pricing_model !== undefined) Object.assign(set, pricingColumns({ ...body, pricing_model: body.pricing_model }));
  const media = body.screenshot_ids === undefined ? [] : await screenshotWrites(deps.db, viewerId, id, body.screenshot_ids);
  try {
    await deps.db.batch([deps.db.update(marketListings).set(set).where(eq(marketListings.id, id)), ...media]);
  } catch (err) {
    if (isUniqueViolation(err)) throw invalidField('screenshot_ids', 'must be images of yours that are not attached to anything else');
    throw err;
  }
  return visibleListing(deps, viewerId, id);
}

/** Publishes the creator's listing; the agent must be active and not private (422 saying which). */
export async function publishListing(deps: Deps, viewerId: string, id: string): Promise<LoadedListing> {
  const { agent, listing } = await ownListing(deps, viewerId, id);
  if (listing.adminDelistedAt !== null) throw invalidField('state', 'was delisted by the marketplace’s admins: it cannot be published again', 'ERR_DELISTED_BY_ADMIN');
  if (agent.status === 'paused') throw invalidField('agent', 'is paused: resume it before publishing its listing', 'ERR_AGENT_PAUSED');
  if (agent.visibility === 'private') throw invalidField('agent', 'is private: nobody else could talk to it; make it public or unlisted first', 'ERR_AGENT_PRIVATE');
  if (listing.state !== 'published') {
    const now = Date.now();
    const tier = await tierOf(deps.db, viewerId);
    // The count and the write in one statement: two publishes racing for the plan's last place cannot both get it.
    const published = sql`(SELECT count(*) FROM market_listings l JOIN agents a ON a.account_id = l.agent_id WHERE a.owner_id = ${viewerId} AND l.state = 'published')`;
    const done = await deps.db
      .update(marketListings)
      .set({ state: 'published', publishedAt: listing.publishedAt ?? now, updatedAt: now })
      .where(and(eq(marketListings.id, id), sql`${published} < ${tier.limits.publishedListings}`))
      .returning({ id: marketListings.id });
    if (!done.length) throw tierLimitError(tier, `${tier.limits.publishedListings} published listings`);
  }
  return visibleListing(deps, viewerId, id);
}

/** Takes the listing out of discovery; it stays reachable for its creator and those who have it. */
export async function delistListing(deps: Deps, viewerId: string, id: string): Promise<LoadedListing> {
  const { listing } = await ownListing(deps, viewerId, id);
  if (listing.state === 'draft') throw invalidField('state', 'is draft: only a published listing can be delisted', 'ERR_INVALID_STATE');
  if (listing.state === 'published') await deps.db.update(marketListings).set({ state: 'delisted', updatedAt: Date.now() }).where(eq(marketListings.id, id));
  return visibleListing(deps, viewerId, id);
}

/** The viewer's listings in every state, newest first, paged by id. */
export async function myListings(deps: Deps, viewerId: string, q: PageQuery): Promise<LoadedListing[]> {
  const p = page(marketListings.id, q);
  const rows = await selectListings(deps.db, viewerId).where(and(eq(agents.ownerId, viewerId), p.where)).orderBy(p.order).limit(p.limit);
  return withScreenshots(deps.db, newestFirst(p, rows));
}

/** An admin features a listing or sponsors it until a moment (null ends the sponsorship). */
export async function promoteListing(deps: Deps, adminId: string, id: string, body: z.output<typeof PromotionBody>): Promise<LoadedListing> {
  const [row] = await deps.db.select({ id: marketListings.id }).from(marketListings).where(eq(marketListings.id, id)).limit(1);
  if (!row) throw notFound();
  const set: Partial<ListingRow> = {};
  if (body.featured !== undefined) set.featured = body.featured;
  if (body.sponsored_until !== undefined) set.sponsoredUntil = body.sponsored_until === null ? null : Date.parse(body.sponsored_until);
  if (Object.keys(set).length) await deps.db.update(marketListings).set(set).where(eq(marketListings.id, id));
  const [loaded] = await selectListings(deps.db, adminId).where(eq(marketListings.id, id)).limit(1);
  return (await withScreenshots(deps.db, [loaded!]))[0]!;
}
