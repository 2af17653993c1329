/**
 * Entitlements: what an account has of an agent. This module writes `free` ones ("get" on a
 * free listing); the payments module writes purchase, rental and subscription ones through
 * `grantWrites`, inside its own batch, with the ledger transaction that paid. Wherever an agent
 * is used — its chat, adding it to a room — `accessQuery` / `assertEntitled` is the check (its
 * owner needs none); a per-interaction agent's replies are metered with `takeInteraction`.
 */
import { and, desc, eq, gt, gte, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { PageQuery } from '../../../shared/schemas/pagination';
import type { Db, Services } from '../context';
import { agents } from '../db/agents';
import { type EntitlementRow, marketEntitlements, marketListings, meteredInteractions } from '../db/market';
import { ApiError, invalidField } from '../lib/errors';
import { newId } from '../lib/ids';
import { newestFirst, page } from '../lib/pagination';
import { visibleListing } from './listings.service';

type Deps = Pick<Services, 'db'>;

/** In force at `at`: started, not ended, and — a pack of interactions — not used up. */
const inForce = (at: number) =>
  and(lte(marketEntitlements.startsAt, at), or(isNull(marketEntitlements.endsAt), gt(marketEntitlements.endsAt, at)), or(isNull(marketEntitlements.interactionsLeft), gt(marketEntitlements.interactionsLeft, 0)));

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
 * What `accountId` may do with the agent, if it is sold for money: its listing (purchase,
 * rental, subscription, per interaction — published, or delisted with buyers) and whether the
 * account holds an entitlement in force. Nothing for the agent's owner, and for unlisted, free
 * and draft agents, which whoever may see them may use. One query, for the caller's batch.
 */
export function accessQuery(db: Db, accountId: string, agentId: string, at = Date.now()) {
  return db
    .select({
      listingId: marketListings.id,
      pricingModel: marketListings.pricingModel,
      entitled: sql<number>`EXISTS (SELECT 1 FROM ${marketEntitlements} WHERE ${and(eq(marketEntitlements.accountId, accountId), eq(marketEntitlements.agentId, agentId), inForce(at))})`.mapWith(Boolean),
    })
    .from(marketListings)
    .innerJoin(agents, eq(agents.accountId, marketListings.agentId))
    .where(and(eq(marketListings.agentId, agentId), ne(marketListings.pricingModel, 'free'), ne(marketListings.state, 'draft'), ne(agents.ownerId, accountId)))
    .limit(1);
}

export type Access = Awaited<ReturnType<typeof accessQuery>>;

/** 403 naming the listing when the agent is sold and the account has no entitlement in force. */
export function requireEntitlement(access: Access): void {
  const [listing] = access;
  if (!listing || listing.entitled) return;
  const why = listing.pricingModel === 'per_interaction' ? 'buy replies from its listing to talk to it' : 'get it from its listing to use it';
  throw new ApiError(403, `This agent is sold on the marketplace (${listing.pricingModel}): ${why}`, { listing: [{ error: 'ERR_ENTITLEMENT_REQUIRED', description: listing.listingId }] });
}

/** `accessQuery` + `requireEntitlement`, for callers without a batch of their own. */
export async function assertEntitled(db: Db, accountId: string, agentId: string): Promise<void> {
  requireEntitlement(await accessQuery(db, accountId, agentId));
}

/**
 * One reply of a per-interaction agent: taken from the oldest pack with replies left (one
 * statement, so two replies at once cannot both take the last one), or else recorded on the
 * account's metered subscription, within its monthly limit (one statement too). Neither is 403.
 */
export async function takeInteraction(db: Db, access: Access, accountId: string, agentId: string, at = Date.now()): Promise<void> {
  const [listing] = access;
  if (listing?.pricingModel !== 'per_interaction') return;
  const e = marketEntitlements;
  const mine = and(eq(e.accountId, accountId), eq(e.agentId, agentId), eq(e.kind, 'per_interaction'), inForce(at));
  const oldest = db.select({ id: e.id }).from(e).where(and(mine, gt(e.interactionsLeft, 0))).orderBy(e.createdAt).limit(1);
  const taken = await db
    .update(e)
    .set({ interactionsLeft: sql`${e.interactionsLeft} - 1` })
    .where(and(sql`${e.id} = (${oldest})`, gt(e.interactionsLeft, 0)))
    .returning({ left: e.interactionsLeft });
  if (taken.length > 0) return;
  const m = meteredInteractions;
  const used = sql`(SELECT count(*) FROM ${m} WHERE ${m.subscriptionId} = ${e.subscriptionId} AND ${m.at} >= ${e.periodStart})`;
  const metered = await db
    .insert(m)
    .select(
      db
        .select({ id: sql<string>`${newId()}`.as('id'), subscriptionId: sql<string>`${e.subscriptionId}`.as('subscription_id'), at: sql<number>`${at}`.as('at') })
        .from(e)
        .where(and(mine, isNotNull(e.subscriptionId), sql`${used} < ${e.usageLimit}`))
        .limit(1),
    )
    .returning({ id: m.id });
  if (metered.length > 0) return;
  const [capped] = await db.select({ limit: e.usageLimit }).from(e).where(and(mine, isNotNull(e.subscriptionId))).limit(1);
  if (capped) {
    throw new ApiError(403, `You have used this month's ${capped.limit} replies of your metered plan: raise its limit (Settings → Purchases) or wait for the next period`, {
      subscription: [{ error: 'ERR_USAGE_LIMIT', description: `${capped.limit}` }],
    });
  }
  requireEntitlement([{ ...listing, entitled: false }]);
}

/** Replies recorded on metered subscriptions, each counted in its own [from, until): one statement, by subscription id. */
export async function meteredUsage(db: Db, periods: { subscriptionId: string; from: number; until: number }[]): Promise<Map<string, number>> {
  if (periods.length === 0) return new Map();
  const m = meteredInteractions;
  const field = (i: number) => sql`json_extract(p.value, ${`$[${i}]`})`;
  const rows = await db
    .select({ id: m.subscriptionId, count: sql<number>`count(*)` })
    .from(sql`json_each(${JSON.stringify(periods.map((p) => [p.subscriptionId, p.from, p.until]))}) AS p`)
    .innerJoin(m, and(eq(m.subscriptionId, field(0)), gte(m.at, field(1)), lt(m.at, field(2))))
    .groupBy(m.subscriptionId);
  return new Map(rows.map((r) => [r.id, Number(r.count)]));
}

export type MeteredEntitlement = Pick<NewEntitlement, 'accountId' | 'listingId' | 'agentId' | 'startsAt' | 'endsAt' | 'usageLimit' | 'periodStart'> & { subscriptionId: string };

/**
 * The one entitlement of a metered subscription, written as the subscription says now (its end,
 * limit and counted period): created the first time, updated after. Safe to repeat.
 */
export async function syncMeteredEntitlement(db: Db, m: MeteredEntitlement): Promise<void> {
  const e = marketEntitlements;
  const [row, count] = grantWrites(db, { ...m, kind: 'per_interaction' });
  await db.batch([
    row,
    db.update(e).set({ endsAt: m.endsAt ?? null, usageLimit: m.usageLimit, periodStart: m.periodStart }).where(eq(e.subscriptionId, m.subscriptionId)),
    count,
  ]);
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
  if (listing.pricingModel !== 'free') throw invalidField('pricing_model', `is ${listing.pricingModel}: paid listings are bought through checkout (POST /api/v1/market/listings/:id/checkout)`, 'ERR_PAID_LISTING');
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
