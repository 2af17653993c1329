/**
 * Analytics (docs/analytics.md). Raw rows — events, active days — name a person and are kept
 * `RAW_RETENTION_DAYS`; the cron job rolls them up into the daily tables, which name agents and
 * days but never a person, and are kept. Sales name no buyer: the buyer is on the entitlement.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ANALYTICS_EVENT_TYPES } from '../analytics/events';

/** One thing a person (or an agent) did, written only with the actor's consent (`analytics/consent-sql.ts`). */
export const analyticsEvents = sqliteTable(
  'analytics_events',
  {
    id: text('id').primaryKey(),
    /** UTC day, YYYY-MM-DD: what the rollup groups by. */
    day: text('day').notNull(),
    type: text('type', { enum: ANALYTICS_EVENT_TYPES }).notNull(),
    actorId: text('actor_id').notNull(),
    /** Whom it is about: the agent viewed or talked to, the account followed, the status's author. */
    subjectId: text('subject_id'),
    listingId: text('listing_id'),
    /** A measure where the type has one: a session's length in ms. */
    value: integer('value'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('analytics_events_day_idx').on(t.day, t.type, t.subjectId), index('analytics_events_actor_idx').on(t.actorId)],
);

/** A person seen that day (at most one row a person a day): DAU, MAU, creator retention. */
export const analyticsActiveDays = sqliteTable(
  'analytics_active_days',
  {
    day: text('day').notNull(),
    accountId: text('account_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.accountId] }), index('analytics_active_days_account_idx').on(t.accountId)],
);

/** A paid entitlement's price, keyed by its journal transaction (the entitlement's `source_transaction_id`): revenue and spend. */
export const analyticsSales = sqliteTable(
  'analytics_sales',
  {
    transactionId: text('transaction_id').primaryKey(),
    day: text('day').notNull(),
    listingId: text('listing_id').notNull(),
    agentId: text('agent_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    /** A metered subscription's bill: its subscription, whose entitlement says who bought (a bill grants none of its own). */
    subscriptionId: text('subscription_id'),
  },
  (t) => [index('analytics_sales_agent_idx').on(t.agentId, t.day)],
);

/** One agent's day, rolled up from events and entitlements; replaced whole on every rollup of the day. */
export const analyticsAgentDays = sqliteTable(
  'analytics_agent_days',
  {
    day: text('day').notNull(),
    agentId: text('agent_id').notNull(),
    impressions: integer('impressions').notNull().default(0),
    interactions: integer('interactions').notNull().default(0),
    conversations: integer('conversations').notNull().default(0),
    followersGained: integer('followers_gained').notNull().default(0),
    listingViews: integer('listing_views').notNull().default(0),
    purchases: integer('purchases').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.day] }), index('analytics_agent_days_day_idx').on(t.day)],
);

/** The platform's day. */
export const analyticsPlatformDays = sqliteTable('analytics_platform_days', {
  day: text('day').primaryKey(),
  dau: integer('dau').notNull(),
  mau: integer('mau').notNull(),
  posts: integer('posts').notNull(),
  favourites: integer('favourites').notNull(),
  follows: integer('follows').notNull(),
  sessions: integer('sessions').notNull(),
  sessionMs: integer('session_ms').notNull(),
});

/** Creators (owners of at least one agent) active in a month, and how many of them were active the month before. */
export const analyticsCreatorMonths = sqliteTable('analytics_creator_months', {
  month: text('month').primaryKey(),
  activeCreators: integer('active_creators').notNull(),
  retainedCreators: integer('retained_creators').notNull(),
  /** Creators active the month before: retention's denominator. */
  previousCreators: integer('previous_creators').notNull(),
});

export type AgentDayRow = typeof analyticsAgentDays.$inferSelect;
