/**
 * Entitlements: what an account has of an agent. This module writes `free` ones ("get" on a
 * free listing); the payments module writes purchase, rental and subscription ones through
 * `grantWrites`, inside its own batch, with the ledger transaction that paid. Wherever an agent
 * is used — its chat, adding it to a room — `lockedListingQuery` / `assertEntitled` is the check
 * (its owner needs none).
 */
import { and, desc, eq, gt, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { PageQuery } from '../../../shared/schemas/pagination';
import type { Db, Services } from '../context';
import { agents } from '../db/agents';
import { type EntitlementRow, marketEntitlements, marketListings } from '../db/market';
import { ApiError, invalidField } from '../lib/errors';
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

/**
 * The agent's paid listing that `accountId` has no entitlement to, or nothing: an agent sold on
 * the marketplace (purchase, rental, subscription, per interaction — published, or delisted
 * with buyers) is used only by its owner and those entitled to it; unlisted, free and draft
 * agents by anyone who may see them. One query, for the caller's batch.
 */
export function lockedListingQuery(db: Db, accountId: string, agentId: string, at = Date.now()) {
  return db
    .select({ listingId: marketListings.id, pricingModel: marketListings.pricingModel })
    .from(marketListings)
    .innerJoin(agents, eq(agents.accountId, marketListings.agentId))
    .where(
      and(
        eq(marketListings.agentId, agentId),
        ne(marketListings.pricingModel, 'free'),
        ne(marketListings.state, 'draft'),
        ne(agents.ownerId, accountId),
        sql`NOT EXISTS (SELECT 1 FROM ${marketEntitlements} e WHERE e.account_id = ${accountId} AND e.agent_id = ${agentId} AND e.starts_at <= ${at} AND (e.ends_at IS NULL OR e.ends_at > ${at}))`,
      ),
    )
    .limit(1);
}

/** 403 naming the listing when `lockedListingQuery` found one. */
export function requireEntitlement(locked: { listingId: string; pricingModel: string }[]): void {
  const [listing] = locked;
  if (!listing) return;
  throw new ApiError(403, `This agent is sold on the marketplace (${listing.pricingModel}): get it from its listing to use it`, { listing: [{ error: 'ERR_ENTITLEMENT_REQUIRED', description: listing.listingId }] });
}

/** `lockedListingQuery` + `requireEntitlement`, for callers without a batch of their own. */
export async function assertEntitled(db: Db, accountId: string, agentId: string): Promise<void> {
  requireEntitlement(await lockedListingQuery(db, accountId, agentId));
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
