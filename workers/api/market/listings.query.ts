/**
 * Reading listings: one select gives a listing with its agent's account and agents row and
 * whether the viewer has it; screenshots come in a second query for the whole page. Who may see
 * a listing is a SQL condition, so every read applies the same rule.
 */
import { type SQL, and, asc, eq, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../context';
import { agents } from '../db/agents';
import { type MediaRow, mediaAttachments } from '../db/media';
import { marketEntitlements, marketListingMedia, marketListings } from '../db/market';
import { accounts } from '../db/schema';
import { idSet } from '../lib/sql';

export function selectListings(db: Db, viewerId: string | null) {
  return db
    .select({
      listing: marketListings,
      account: accounts,
      agent: agents,
      acquired: sql<number>`EXISTS (SELECT 1 FROM ${marketEntitlements} e WHERE e.account_id = ${viewerId ?? ''} AND e.listing_id = ${marketListings.id})`.mapWith(Boolean),
    })
    .from(marketListings)
    .innerJoin(agents, eq(agents.accountId, marketListings.agentId))
    .innerJoin(accounts, eq(accounts.id, marketListings.agentId));
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectListings>['all']>>[number];
export type LoadedListing = Selected & { screenshots: MediaRow[] };

/** Discoverable: published, and the agent is not private (nobody but its owner could talk to it). */
export const discoverable = () => and(eq(marketListings.state, 'published'), ne(agents.visibility, 'private'));

/**
 * Who may open a listing: anyone when discoverable, its creator always, and those who have it
 * when it was delisted (they keep what they got).
 */
export function listingVisibleTo(viewerId: string | null): SQL {
  const own = viewerId ? eq(agents.ownerId, viewerId) : undefined;
  const entitled = viewerId
    ? and(eq(marketListings.state, 'delisted'), sql`EXISTS (SELECT 1 FROM ${marketEntitlements} e WHERE e.account_id = ${viewerId} AND e.listing_id = ${marketListings.id})`)
    : undefined;
  return or(discoverable(), own, entitled)!;
}

/** Adds the screenshots, in order, to the rows of one page (one query). */
export async function withScreenshots(db: Db, rows: Selected[]): Promise<LoadedListing[]> {
  if (rows.length === 0) return [];
  const media = await db
    .select({ listingId: marketListingMedia.listingId, media: mediaAttachments })
    .from(marketListingMedia)
    .innerJoin(mediaAttachments, eq(mediaAttachments.id, marketListingMedia.mediaId))
    .where(sql`${marketListingMedia.listingId} IN ${idSet(rows.map((r) => r.listing.id))}`)
    .orderBy(asc(marketListingMedia.position));
  return rows.map((r) => ({ ...r, screenshots: media.filter((m) => m.listingId === r.listing.id).map((m) => m.media) }));
}

/** Is the sponsorship in force at `at`? */
export const isSponsored = (row: { sponsoredUntil: number | null }, at = Date.now()) => row.sponsoredUntil !== null && row.sponsoredUntil > at;
