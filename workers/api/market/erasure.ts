/** What the marketplace deletes with an agent, and with a person. */
import { eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../context';
import { marketEntitlements, marketListingMedia, marketListings, marketReviews, meteredInteractions } from '../db/market';

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

/**
 * A person's erasure (`privacy/erase-person.ts`): their reviews go, with the rating aggregates
 * of the listings they reviewed recomputed without them first, and their entitlements and metered
 * replies go (the purchase itself stays in the ledger under an opaque id, docs/privacy.md). Batch items for
 * `eraseAccount`.
 */
export function reviewerErasure(db: Db, accountId: string): BatchItem<'sqlite'>[] {
  const others = (extra = sql``) => sql`(SELECT count(*) FROM ${marketReviews} r WHERE r.listing_id = ${marketListings.id} AND r.account_id <> ${accountId}${extra})`;
  return [
    db
      .update(marketListings)
      .set({
        ratingCount: others(),
        ratingSum: sql`(SELECT coalesce(sum(rating), 0) FROM ${marketReviews} r WHERE r.listing_id = ${marketListings.id} AND r.account_id <> ${accountId})`,
        rating1: others(sql` AND r.rating = 1`),
        rating2: others(sql` AND r.rating = 2`),
        rating3: others(sql` AND r.rating = 3`),
        rating4: others(sql` AND r.rating = 4`),
        rating5: others(sql` AND r.rating = 5`),
      })
      .where(sql`${marketListings.id} IN (SELECT listing_id FROM ${marketReviews} WHERE account_id = ${accountId})`),
    db.delete(marketReviews).where(eq(marketReviews.accountId, accountId)),
    // The replies recorded for their metered subscriptions (which the ledger ends in the same erasure).
    db.delete(meteredInteractions).where(sql`${meteredInteractions.subscriptionId} IN (SELECT ${marketEntitlements.subscriptionId} FROM ${marketEntitlements} WHERE ${marketEntitlements.accountId} = ${accountId})`),
    db.delete(marketEntitlements).where(eq(marketEntitlements.accountId, accountId)),
  ];
}
