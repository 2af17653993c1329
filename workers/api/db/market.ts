/**
 * The marketplace catalog (money itself lives in the Postgres ledger): listings of agents, their
 * screenshots, entitlements (what an account has of an agent) and reviews. A listing's rating
 * aggregates and entitlement count are recomputed in the same batch as each review or
 * entitlement write, so discovery sorts and filters on plain columns.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PRICING_MODELS } from '../../../shared/market/catalog';
import { now } from './schema';

export const marketListings = sqliteTable(
  'market_listings',
  {
    id: text('id').primaryKey(),
    /** One listing per agent. */
    agentId: text('agent_id').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: text('category').notNull(),
    /** JSON array of lower-case strings. */
    tags: text('tags').notNull().default('[]'),
    /** JSON array of { prompt, reply }. */
    samples: text('samples').notNull().default('[]'),
    pricingModel: text('pricing_model', { enum: PRICING_MODELS }).notNull(),
    /** Minor units of `currency`; null for free. */
    price: integer('price'),
    currency: text('currency'),
    rentalDays: integer('rental_days'),
    state: text('state', { enum: ['draft', 'published', 'delisted'] }).notNull().default('draft'),
    featured: integer('featured', { mode: 'boolean' }).notNull().default(false),
    /** Delisted by an admin (`admin/market.service.ts`): its creator cannot publish it again until an admin relists it. */
    adminDelistedAt: integer('admin_delisted_at'),
    /** A paid placement until this moment (epoch ms), set by an admin; shown only in the labelled sponsored slot. */
    sponsoredUntil: integer('sponsored_until'),
    ratingCount: integer('rating_count').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    rating1: integer('rating_1').notNull().default(0),
    rating2: integer('rating_2').notNull().default(0),
    rating3: integer('rating_3').notNull().default(0),
    rating4: integer('rating_4').notNull().default(0),
    rating5: integer('rating_5').notNull().default(0),
    /** Accounts with an entitlement: the "popular" sort. */
    entitlementsCount: integer('entitlements_count').notNull().default(0),
    publishedAt: integer('published_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('market_listings_state_idx').on(t.state, t.category, t.entitlementsCount), index('market_listings_sponsored_idx').on(t.sponsoredUntil)],
);

/** A listing's screenshots: claimed media (so the unattached-upload cleanup leaves them alone). */
export const marketListingMedia = sqliteTable(
  'market_listing_media',
  {
    mediaId: text('media_id').primaryKey(),
    listingId: text('listing_id').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('market_listing_media_listing_idx').on(t.listingId, t.position)],
);

/**
 * What an account has of an agent. `free` rows are written by "get"; purchase, rental,
 * subscription and per-interaction rows by the payments module, with the ledger transaction that
 * paid for them. An entitlement is in force from `starts_at` until `ends_at` (null: no end) and,
 * for a pack of prepaid interactions, while `interactions_left` is above 0 (each reply takes one).
 */
export const marketEntitlements = sqliteTable(
  'market_entitlements',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    listingId: text('listing_id').notNull(),
    agentId: text('agent_id').notNull(),
    kind: text('kind', { enum: ['free', 'purchase', 'rental', 'subscription', 'per_interaction'] }).notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at'),
    /** Prepaid replies still to use; null for every kind but a `per_interaction` pack. */
    interactionsLeft: integer('interactions_left'),
    sourceTransactionId: text('source_transaction_id'),
    /**
     * A metered subscription's entitlement (`per_interaction`, no pack): every reply is recorded
     * in `metered_interactions` and billed after the period (payments/metered.ts), at most
     * `usage_limit` replies from `period_start`, the start of the period being counted.
     */
    subscriptionId: text('subscription_id'),
    usageLimit: integer('usage_limit'),
    periodStart: integer('period_start'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    index('market_entitlements_account_idx').on(t.accountId, t.agentId),
    index('market_entitlements_listing_idx').on(t.listingId, t.createdAt),
    // Getting a free listing twice gives one entitlement.
    uniqueIndex('market_entitlements_free_unique').on(t.accountId, t.listingId).where(sql`kind = 'free'`),
    uniqueIndex('market_entitlements_source_unique').on(t.sourceTransactionId),
    uniqueIndex('market_entitlements_subscription_unique').on(t.subscriptionId),
  ],
);

/** One reply of an agent on a metered subscription: what its bill counts, by time. */
export const meteredInteractions = sqliteTable(
  'metered_interactions',
  {
    id: text('id').primaryKey(),
    subscriptionId: text('subscription_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('metered_interactions_subscription_idx').on(t.subscriptionId, t.at)],
);

export const marketReviews = sqliteTable(
  'market_reviews',
  {
    /** Time-sortable: pages the reviews list. */
    id: text('id').notNull().unique(),
    listingId: text('listing_id').notNull(),
    accountId: text('account_id').notNull(),
    rating: integer('rating').notNull(),
    text: text('text').notNull(),
    reply: text('reply'),
    repliedAt: integer('replied_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.accountId] }), index('market_reviews_listing_idx').on(t.listingId, t.id)],
);

export type ListingRow = typeof marketListings.$inferSelect;
export type EntitlementRow = typeof marketEntitlements.$inferSelect;
export type ReviewRow = typeof marketReviews.$inferSelect;
