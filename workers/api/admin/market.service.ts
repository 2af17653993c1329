/**
 * Marketplace oversight: an admin delists a listing (out of browse and search, checkout
 * refused, and its creator cannot publish it again) or relists it, and decides disputes —
 * the buyer refunded, or the escrow released to the creator. Money moves through the payments
 * module's own services; the ledger keeps its audit trail, D1 keeps the staff's.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Services } from '../context';
import { type ListingRow, marketListings } from '../db/market';
import type { AccountRow } from '../db/schema';
import { conflict, invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { type LoadedListing, selectListings, withScreenshots } from '../market/listings.query';
import type { PaymentDeps } from '../payments/checkout.service';
import { findOrder, releaseOrder } from '../payments/orders';
import { refundPaidOrder } from '../payments/refunds';
import type { PaymentOrderRow } from '../payments/schema';
import { auditWrite } from './audit';

type Deps = Pick<Services, 'db'>;

async function loadListing(deps: Deps, viewerId: string, id: string): Promise<LoadedListing> {
  const [row] = await selectListings(deps.db, viewerId).where(eq(marketListings.id, id)).limit(1);
  if (!row) throw notFound();
  return (await withScreenshots(deps.db, [row]))[0]!;
}

/** Takes a listing off the marketplace, for good until an admin relists it. */
export async function delist(deps: Deps, admin: AccountRow, id: string, reason: string): Promise<LoadedListing> {
  const { listing } = await loadListing(deps, admin.id, id);
  if (listing.adminDelistedAt !== null) throw conflict('This listing is already delisted by an admin');
  const at = Date.now();
  await deps.db.batch([
    deps.db
      .update(marketListings)
      .set({ state: 'delisted', adminDelistedAt: at, updatedAt: at })
      .where(and(eq(marketListings.id, id), isNull(marketListings.adminDelistedAt))),
    auditWrite(deps.db, { actorId: admin.id, action: 'listing.delist', targetType: 'listing', targetId: id, reason, details: { previous_state: listing.state } }, sql`EXISTS (SELECT 1 FROM market_listings WHERE id = ${id} AND admin_delisted_at = ${at})`, newId(), at),
  ]);
  return loadListing(deps, admin.id, id);
}

/** Puts an admin-delisted listing back as it was before (published, or a draft if it never was). */
export async function relist(deps: Deps, admin: AccountRow, id: string, reason: string): Promise<LoadedListing> {
  const { listing } = await loadListing(deps, admin.id, id);
  if (listing.adminDelistedAt === null) throw conflict('This listing was not delisted by an admin');
  const at = Date.now();
  const state: ListingRow['state'] = listing.publishedAt === null ? 'draft' : 'published';
  await deps.db.batch([
    deps.db
      .update(marketListings)
      .set({ state, adminDelistedAt: null, updatedAt: at })
      .where(and(eq(marketListings.id, id), eq(marketListings.adminDelistedAt, listing.adminDelistedAt))),
    auditWrite(deps.db, { actorId: admin.id, action: 'listing.relist', targetType: 'listing', targetId: id, reason, details: { state } }, sql`EXISTS (SELECT 1 FROM market_listings WHERE id = ${id} AND admin_delisted_at IS NULL AND updated_at = ${at})`, newId(), at),
  ]);
  return loadListing(deps, admin.id, id);
}

/**
 * Decides a dispute. `refund` is the refund an admin may always make (the entitlement ends in
 * the batch of the audit row); `release` pays the creator as acceptance would. The ledger step
 * comes first and is idempotent, so a retry after a failure finishes the job.
 */
export async function decideDispute(deps: PaymentDeps, admin: AccountRow, id: string, outcome: 'refund' | 'release', reason: string): Promise<PaymentOrderRow> {
  const order = await findOrder(deps.ledger, id);
  if (!order) throw notFound();
  if (!order.disputedAt) throw invalidField('order', 'is not disputed', 'ERR_NOT_DISPUTED');
  if (order.settlement !== 'held') throw invalidField('order', `is ${order.settlement ?? order.state}: the dispute is settled`, 'ERR_NOT_HELD');
  const entry = { actorId: admin.id, action: `order.${outcome}`, targetType: 'order' as const, targetId: id, reason, details: { amount: order.amount, currency: order.currency, buyer_id: order.buyerAccountId, creator_id: order.creatorAccountId } };
  if (outcome === 'refund') {
    const { refunded, endEntitlement } = await refundPaidOrder(deps, order, reason);
    await deps.db.batch([endEntitlement, auditWrite(deps.db, entry, sql`1 = 1`)]);
    return refunded;
  }
  const released = await releaseOrder(deps.ledger, id, 'dispute_resolved');
  await auditWrite(deps.db, entry, sql`1 = 1`);
  return released;
}
