/** What the marketplace deletes with an agent. */
import { eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../context';
import { marketListingMedia, marketListings, marketReviews } from '../db/market';

/**
 * The agent's deletion takes its listing, the listing's reviews and screenshot claims with it
 * (batch items for `eraseAccount`). Entitlements stay: they record what people had.
 */
export function listingErasure(db: Db, agentId: string): BatchItem<'sqlite'>[] {
  const ofAgent = sql`(SELECT ${marketListings.id} FROM ${marketListings} WHERE ${marketListings.agentId} = ${agentId})`;
  return [
    db.delete(marketListingMedia).where(sql`${marketListingMedia.listingId} IN ${ofAgent}`),
    db.delete(marketReviews).where(sql`${marketReviews.listingId} IN ${ofAgent}`),
    db.delete(marketListings).where(eq(marketListings.agentId, agentId)),
  ];
}
