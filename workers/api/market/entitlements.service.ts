/**
 * Entitlements: what an account has of an agent. This module writes `free` ones ("get" on a
 * free listing); the payments module writes purchase, rental and subscription ones through
 * `grantWrites`, inside its own batch, with the ledger transaction that paid. Wherever an agent
 * is used, `entitlementOf` is the check to consult (its owner needs none).
 */
import { and, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { PageQuery } from '../../../shared/schemas/pagination';
import type { Db, Services } from '../context';
import { type EntitlementRow, marketEntitlements, marketListings } from '../db/market';
import { invalidField } from '../lib/errors';
import { newId } from '../lib/ids';
import { newestFirst, page } from '../lib/pagination';
import { visibleListing } from './listings.service';

type Deps = Pick<Services, 'db'>;

/** In force at `at`: started, and not ended. */
const inForce = (at: number) => and(lte(marketEntitlements.startsAt, at), or(isNull(marketEntitlements.endsAt), gt(marketEntitlements.endsAt, at)));

/** The account's entitlement to the agent in force at `at` (the one lasting longest), or null. */
export async function entitlementOf(db: Db, accountId: string, agentId: string, at = Date.now()): Promise<EntitlementRow | null> {
  const [row] = await db
    .select()
    .from(marketEntitlements)
    .where(and(eq(marketEntitlements.accountId, accountId), eq(marketEntitlements.agentId, agentId), inForce(at)))
    .orderBy(sql`${marketEntitlements.endsAt} IS NULL DESC`, desc(marketEntitlements.endsAt))
    .limit(1);
  return row ?? null;
}

/** Has the account ever had an entitlement to the listing (a buyer, even of an ended rental)? */
export async function everEntitled(db: Db, accountId: string, listingId: string): Promise<boolean> {
  const [row] = await db.select({ id: marketEntitlements.id }).from(marketEntitlements).where(and(eq(marketEntitlements.accountId, accountId), eq(marketEntitlements.listingId, listingId))).limit(1);
  return Boolean(row);
}

export type NewEntitlement = Omit<typeof marketEntitlements.$inferInsert, 'id' | 'createdAt'>;

/**
 * The writes that grant an entitlement, for the caller's batch: the row (a second free one for
 * the same listing, or a second one for the same source transaction, is ignored: retries are
 * safe) and the listing's entitlement count, recomputed.
 */
export function grantWrites(db: Db, e: NewEntitlement): [BatchItem<'sqlite'>, BatchItem<'sqlite'>] {
  return [
    db.insert(marketEntitlements).values({ id: newId(), ...e }).onConflictDoNothing(),
    db
      .update(marketListings)
      .set({ entitlementsCount: sql`(SELECT count(DISTINCT account_id) FROM ${marketEntitlements} e WHERE e.listing_id = ${e.listingId})` })
      .where(eq(marketListings.id, e.listingId)),
  ];
}

/** "Get" a free listing: an entitlement at once; getting it again returns the same one. */
export async function acquireFree(deps: Deps, viewerId: string, listingId: string): Promise<EntitlementRow> {
  const { listing, agent } = await visibleListing(deps, viewerId, listingId);
  if (agent.ownerId === viewerId) throw invalidField('listing', 'is yours: you already have your own agent', 'ERR_OWN_LISTING');
  const mine = and(eq(marketEntitlements.accountId, viewerId), eq(marketEntitlements.listingId, listingId), eq(marketEntitlements.kind, 'free'));
  if (listing.pricingModel !== 'free') throw invalidField('pricing_model', `is ${listing.pricingModel}: paid listings go through checkout, which is not available yet`, 'ERR_PAID_LISTING');
  if (listing.state !== 'published') {
    const [kept] = await deps.db.select().from(marketEntitlements).where(mine).limit(1);
    if (kept) return kept;
    throw invalidField('listing', 'is not published', 'ERR_NOT_PUBLISHED');
  }
  const [, , rows] = await deps.db.batch([...grantWrites(deps.db, { accountId: viewerId, listingId, agentId: listing.agentId, kind: 'free', startsAt: Date.now() }), deps.db.select().from(marketEntitlements).where(mine).limit(1)]);
  return rows[0]!;
}

/** The viewer's entitlements, newest first, paged by id. */
export async function myEntitlements(deps: Deps, viewerId: string, q: PageQuery): Promise<EntitlementRow[]> {
  const p = page(marketEntitlements.id, q);
  const rows = await deps.db.select().from(marketEntitlements).where(and(eq(marketEntitlements.accountId, viewerId), p.where)).orderBy(p.order).limit(p.limit);
  return newestFirst(p, rows);
}
