/**
 * Fraud rules, checked before the provider is asked for money. Each counts the buyer's or the
 * card's recent orders in the ledger's database — attempts included, declined ones too (card
 * testing is many declines). A blocked order is kept with its rule and shown to admins.
 */
import { and, eq, gt, ne, or, sql } from 'drizzle-orm';
import type { Config } from '../../env';
import type { LedgerDb } from './db';
import type { LedgerTx } from './ledger';
import type { CardSummary } from './providers/provider';
import { paymentOrders, type PaymentOrderRow } from './schema';

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

export interface Blocked {
  rule: 'velocity_account' | 'velocity_card' | 'new_account_limit' | 'amount_anomaly';
  message: string;
}

const HOUR_MS = 60 * 60 * 1000;

export async function assessOrder(db: LedgerDb | LedgerTx, order: PaymentOrderRow, card: CardSummary | null, buyerCreatedAt: number, limits: FraudLimits, at = Date.now()): Promise<Blocked | null> {
  const since = new Date(at - HOUR_MS);
  const o = paymentOrders;
  const mine = eq(o.buyerAccountId, order.buyerAccountId);
  const sameCard = card ? eq(o.cardFingerprint, card.fingerprint) : sql`false`;
  const paidHere = and(mine, eq(o.state, 'succeeded'), eq(o.currency, order.currency));
  // One round trip: the buyer's and the card's recent attempts, and the buyer's paid history.
  const [counts] = await db
    .select({
      byBuyer: sql<number>`count(*) FILTER (WHERE ${mine} AND ${gt(o.createdAt, since)})`.mapWith(Number),
      byCard: sql<number>`count(*) FILTER (WHERE ${sameCard} AND ${gt(o.createdAt, since)})`.mapWith(Number),
      paid: sql<number>`count(*) FILTER (WHERE ${paidHere})`.mapWith(Number),
      average: sql<string | null>`avg(${o.amount}) FILTER (WHERE ${paidHere})`,
    })
    .from(o)
    .where(and(ne(o.id, order.id), or(mine, and(sameCard, gt(o.createdAt, since)))));
  const { byBuyer, byCard, paid, average } = counts!;
  if (byBuyer >= limits.buyerPerHour) return { rule: 'velocity_account', message: `Too many purchases from this account in the last hour (at most ${limits.buyerPerHour}); try again later` };
  if (byCard >= limits.cardPerHour) return { rule: 'velocity_card', message: 'Too many purchases with this card in the last hour; try again later or use another card' };
  if (at - buyerCreatedAt < limits.newAccountMs && order.amount > limits.newAccountMaxAmount) {
    return { rule: 'new_account_limit', message: `New accounts may spend at most ${limits.newAccountMaxAmount} minor units per order in their first day` };
  }
  if (paid >= limits.anomalyMinHistory && average !== null && order.amount > Number(average) * limits.anomalyMultiple) {
    return { rule: 'amount_anomaly', message: 'This amount is far above your usual purchases; contact support to complete it' };
  }
  return null;
}
