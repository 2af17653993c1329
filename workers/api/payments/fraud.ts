/**
 * Fraud rules, checked before the provider is asked for money. Each counts the buyer's or the
 * card's recent purchases in the ledger's database — marketplace orders and plan subscriptions
 * alike, attempts included, declined ones too (card testing is many declines). A blocked order,
 * or plan subscription, is kept with its rule and shown to admins.
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Config } from '../../env';
import type { LedgerDb } from './db';
import type { LedgerTx } from './ledger';
import type { CardSummary } from './providers/provider';
import { paymentOrders, tierSubscriptions } from './schema';

export interface FraudLimits {
  /** Orders one account may attempt in an hour. */
  buyerPerHour: number;
  /** Orders one card (by fingerprint) may attempt in an hour, across accounts. */
  cardPerHour: number;
  /** An account younger than this is new… */
  newAccountMs: number;
  /** …and may not spend more than this in one order (minor units). */
  newAccountMaxAmount: number;
  /** An order above this many times the buyer's average paid order is an anomaly… */
  anomalyMultiple: number;
  /** …once the buyer has this many paid orders to average. */
  anomalyMinHistory: number;
}

export const DEFAULT_FRAUD_LIMITS: FraudLimits = {
  buyerPerHour: 10,
  cardPerHour: 20,
  newAccountMs: 24 * 60 * 60 * 1000,
  newAccountMaxAmount: 5_000,
  anomalyMultiple: 10,
  anomalyMinHistory: 3,
};

/** The defaults, with the velocity limits the configuration raises (load tests). */
export function fraudLimits(config: Pick<Config, 'FRAUD_BUYER_PURCHASES_PER_HOUR' | 'FRAUD_CARD_PURCHASES_PER_HOUR'>): FraudLimits {
  return {
    ...DEFAULT_FRAUD_LIMITS,
    buyerPerHour: config.FRAUD_BUYER_PURCHASES_PER_HOUR ?? DEFAULT_FRAUD_LIMITS.buyerPerHour,
    cardPerHour: config.FRAUD_CARD_PURCHASES_PER_HOUR ?? DEFAULT_FRAUD_LIMITS.cardPerHour,
  };
}

export const FRAUD_RULES = ['velocity_account', 'velocity_card', 'new_account_limit', 'amount_anomaly'] as const;

export interface Blocked {
  rule: (typeof FRAUD_RULES)[number];
  message: string;
}

/** What the rules look at of a purchase: an order, or a plan's first month. */
export interface Purchase {
  /** Its own row, already written (so not counted against itself). */
  id: string;
  buyerAccountId: string;
  amount: number;
  currency: string;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The rules for one purchase. `anomaly: false` for a plan, whose price is the platform's own: a
 * Business plan is no anomaly for a buyer of small packs.
 */
export async function assessPurchase(
  db: LedgerDb | LedgerTx,
  purchase: Purchase,
  card: CardSummary | null,
  buyerCreatedAt: number,
  limits: FraudLimits,
  { anomaly = true } = {},
  at = Date.now(),
): Promise<Blocked | null> {
  const since = new Date(at - HOUR_MS);
  const o = paymentOrders;
  const t = tierSubscriptions;
  const fingerprint = card?.fingerprint ?? null;
  const paidHere = and(eq(o.buyerAccountId, purchase.buyerAccountId), eq(o.state, 'succeeded'), eq(o.currency, purchase.currency));
  const recent = (table: typeof o | typeof t, buyer: SQL, cardOf: SQL) => ({
    byBuyer: sql<number>`(SELECT count(*) FROM ${table} WHERE ${buyer} AND ${table.createdAt} > ${since} AND ${table.id} <> ${purchase.id})`,
    byCard: fingerprint === null ? sql<number>`0` : sql<number>`(SELECT count(*) FROM ${table} WHERE ${cardOf} AND ${table.createdAt} > ${since} AND ${table.id} <> ${purchase.id})`,
  });
  const orders = recent(o, eq(o.buyerAccountId, purchase.buyerAccountId), sql`${o.cardFingerprint} = ${fingerprint}`);
  const plans = recent(t, eq(t.accountId, purchase.buyerAccountId), sql`${t.cardFingerprint} = ${fingerprint}`);
  // One round trip: the buyer's and the card's recent attempts, and the buyer's paid history.
  const [counts] = await db
    .select({
      byBuyer: sql<number>`${orders.byBuyer} + ${plans.byBuyer}`.mapWith(Number),
      byCard: sql<number>`${orders.byCard} + ${plans.byCard}`.mapWith(Number),
      paid: sql<number>`(SELECT count(*) FROM ${o} WHERE ${paidHere})`.mapWith(Number),
      average: sql<string | null>`(SELECT avg(${o.amount}) FROM ${o} WHERE ${paidHere})`,
    })
    .from(sql`(SELECT 1) AS one`);
  const { byBuyer, byCard, paid, average } = counts!;
  if (byBuyer >= limits.buyerPerHour) return { rule: 'velocity_account', message: `Too many purchases from this account in the last hour (at most ${limits.buyerPerHour}); try again later` };
  if (byCard >= limits.cardPerHour) return { rule: 'velocity_card', message: 'Too many purchases with this card in the last hour; try again later or use another card' };
  if (at - buyerCreatedAt < limits.newAccountMs && purchase.amount > limits.newAccountMaxAmount) {
    return { rule: 'new_account_limit', message: `New accounts may spend at most ${limits.newAccountMaxAmount} minor units per order in their first day` };
  }
  if (anomaly && paid >= limits.anomalyMinHistory && average !== null && purchase.amount > Number(average) * limits.anomalyMultiple) {
    return { rule: 'amount_anomaly', message: 'This amount is far above your usual purchases; contact support to complete it' };
  }
  return null;
}

/**
 * Serializes the purchases of one buyer, and of one card, for the length of the caller's
 * transaction (always in that order, so two cannot deadlock): each counts every purchase
 * committed before it, without SERIALIZABLE's conflicts on the scans (openOrder says more).
 */
export async function lockPurchaser(tx: LedgerTx, buyerAccountId: string, card: CardSummary | null): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`order-buyer:${buyerAccountId}`}, 0))`);
  if (card) await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`order-card:${card.fingerprint}`}, 0))`);
}
