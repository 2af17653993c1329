/**
 * Orders in the ledger's database: opened before the provider is asked for money, closed with
 * the outcome. A succeeded order and its purchase journal transaction are written in one
 * SERIALIZABLE transaction (the `payment_orders_paid` CHECK ties them), so the money and the
 * order never disagree; every state change is an audit event in the same transaction.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { CardSummary } from './providers/provider';
import type { LedgerDb } from './db';
import { purchaseIn, refundIn, releaseIn } from './escrow';
import { assessPurchase, type FraudLimits, lockPurchaser } from './fraud';
import { retried, serializable, type LedgerTx } from './ledger';
import { auditEvents, paymentOrders, type PaymentOrderRow } from './schema';

/** How long a purchase's money stays in escrow before it is released on its own (unless disputed). */
export const ESCROW_HOLD_MS = 7 * 24 * 60 * 60 * 1000;

export type NewOrder = Pick<
  typeof paymentOrders.$inferInsert,
  'id' | 'buyerAccountId' | 'idempotencyKey' | 'requestHash' | 'listingId' | 'agentId' | 'creatorAccountId' | 'kind' | 'rentalDays' | 'interactions' | 'amount' | 'currency' | 'provider' | 'paymentMethod' | 'providerCustomer' | 'offSession' | 'subscriptionId' | 'coversFrom' | 'coversUntil'
>;

export interface Screening {
  card: CardSummary | null;
  buyerCreatedAt: number;
  limits: FraudLimits;
}

/**
 * The buyer's order for this idempotency key: opened now — screened by the fraud rules in the
 * same transaction, so a blocked order is born blocked — or the one the key opened before
 * (`opened: false`), never screened again. A subscription's renewal is not screened
 * (`screening: null`): the buyer is not there, and agreed to it when subscribing, which was.
 *
 * Concurrent orders must count each other. Not by SERIALIZABLE here: the rules' counts scan
 * payment_orders, and under SSI every concurrent checkout then conflicts with every other (20
 * buyers at once exhausted the retries). Instead the transaction takes advisory locks on the
 * buyer and on the card, always in that order (so they cannot deadlock): orders of the same
 * buyer or card queue for a few milliseconds, and each counts all those committed before it.
 */
export async function openOrder(db: LedgerDb, order: NewOrder, screening: Screening | null): Promise<{ order: PaymentOrderRow; opened: boolean }> {
  return db.transaction(async (tx) => {
    await lockPurchaser(tx, order.buyerAccountId, screening?.card ?? null);
    const [created] = await tx
      .insert(paymentOrders)
      .values({ ...order, ...cardColumns(screening?.card ?? null) })
      .onConflictDoNothing({ target: [paymentOrders.buyerAccountId, paymentOrders.idempotencyKey] })
      .returning();
    if (created) {
      await audit(tx, 'order.opened', created, {});
      if (!screening) return { order: created, opened: true };
      const blocked = await assessPurchase(tx, created, screening.card, screening.buyerCreatedAt, screening.limits);
      if (!blocked) return { order: created, opened: true };
      const [stopped] = await tx.update(paymentOrders).set({ state: 'blocked', failureCode: blocked.rule, failureMessage: blocked.message }).where(eq(paymentOrders.id, created.id)).returning();
      await audit(tx, 'order.blocked', stopped!, { rule: blocked.rule });
      return { order: stopped!, opened: true };
    }
    const [existing] = await tx.select().from(paymentOrders).where(and(eq(paymentOrders.buyerAccountId, order.buyerAccountId), eq(paymentOrders.idempotencyKey, order.idempotencyKey)));
    return { order: existing!, opened: false };
  });
}

export async function findOrder(db: LedgerDb | LedgerTx, id: string): Promise<PaymentOrderRow | null> {
  const [row] = await db.select().from(paymentOrders).where(eq(paymentOrders.id, id));
  return row ?? null;
}

export async function lockOrder(tx: LedgerTx, id: string): Promise<PaymentOrderRow> {
  const [row] = await tx.select().from(paymentOrders).where(eq(paymentOrders.id, id)).for('update');
  if (!row) throw new Error(`order ${id} vanished`);
  return row;
}

function audit(tx: LedgerTx, kind: string, order: PaymentOrderRow, details: Record<string, unknown>) {
  return tx.insert(auditEvents).values({ kind, transactionId: order.journalTransactionId, details: { orderId: order.id, buyer: order.buyerAccountId, amount: order.amount, currency: order.currency, state: order.state, ...details } });
}

const cardColumns = (card: CardSummary | null) => (card ? { cardBrand: card.brand, cardLast4: card.last4, cardFingerprint: card.fingerprint } : {});

/**
 * The provider took the money: post the purchase into escrow and mark the order paid, once.
 * A succeeded charge wins over an earlier failure (a webhook for a retried card may arrive
 * after the one for the declined attempt); a second call changes nothing.
 *
 * READ COMMITTED, not SERIALIZABLE: the order's row lock (`lockOrder`, FOR UPDATE) already
 * serializes the two ways an order is settled (the checkout and the provider's webhook), the
 * posting's idempotency key is a unique index, and nothing here is decided from a read another
 * transaction could change. Under SSI, concurrent purchases from one creator aborted each other
 * on the index pages they share until the attempts ran out: 1 checkout in 51 answered 500 with
 * ten buyers at once on PostgreSQL (`BENCH_PARTS=money`).
 */
export function settleOrder(db: LedgerDb, id: string, paymentId: string, card: CardSummary | null, at = Date.now()): Promise<PaymentOrderRow> {
  return retried(db, 'read committed', (tx) => settleOrderIn(tx, id, paymentId, card, at));
}

export async function settleOrderIn(tx: LedgerTx, id: string, paymentId: string, card: CardSummary | null, at = Date.now()): Promise<PaymentOrderRow> {
  const order = await lockOrder(tx, id);
  if (order.state === 'succeeded') return order;
  const posted = await purchaseIn(tx, {
    buyerAccountId: order.buyerAccountId,
    creatorAccountId: order.creatorAccountId,
    gross: order.amount,
    currency: order.currency,
    idempotencyKey: `order:${order.id}`,
    reference: `listing:${order.listingId}`,
  });
  const [paid] = await tx
    .update(paymentOrders)
    .set({ state: 'succeeded', paidAt: new Date(at), journalTransactionId: posted.transactionId, providerPaymentId: paymentId, clientSecret: null, settlement: 'held', releaseAt: new Date(at + ESCROW_HOLD_MS), failureCode: null, failureMessage: null, ...cardColumns(card), updatedAt: new Date(at) })
    .where(eq(paymentOrders.id, id))
    .returning();
  await audit(tx, 'order.succeeded', paid!, { paymentId, previously: order.state });
  return paid!;
}

/** The provider refused the card (or the listing went away): recorded with the reason; only a pending order fails. */
export function failOrder(db: LedgerDb, id: string, outcome: Failure): Promise<PaymentOrderRow> {
  return serializable(db, (tx) => failOrderIn(tx, id, outcome));
}

export interface Failure {
  code: string;
  message: string;
  paymentId?: string | null;
  card?: CardSummary | null;
}

export async function failOrderIn(tx: LedgerTx, id: string, outcome: Failure): Promise<PaymentOrderRow> {
  const order = await lockOrder(tx, id);
  if (order.state !== 'pending') return order;
  const [failed] = await tx
    .update(paymentOrders)
    .set({ state: 'failed', failureCode: outcome.code, failureMessage: outcome.message, providerPaymentId: outcome.paymentId ?? null, clientSecret: null, ...cardColumns(outcome.card ?? null), updatedAt: new Date() })
    .where(eq(paymentOrders.id, id))
    .returning();
  await audit(tx, 'order.failed', failed!, { code: outcome.code });
  return failed!;
}

/** How long a payment waits for its buyer to authenticate it with their bank (3-D Secure) before it is given up. */
export const AUTHENTICATION_WINDOW_MS = 60 * 60_000;

/** What a payment left waiting for the bank past `AUTHENTICATION_WINDOW_MS` ends as: nothing was charged. */
export const AUTHENTICATION_ABANDONED = { code: 'authentication_required', message: 'The payment was not confirmed with the bank within an hour; nothing was charged' } as const;

/**
 * The bank wants the buyer to authenticate the payment (3-D Secure): the order stays pending,
 * with the payment and the client secret the buyer's browser needs. Only a pending order waits.
 */
export function awaitAuthentication(db: LedgerDb, id: string, paymentId: string, clientSecret: string, card: CardSummary | null): Promise<PaymentOrderRow> {
  return serializable(db, (tx) => awaitAuthenticationIn(tx, id, paymentId, clientSecret, card));
}

export async function awaitAuthenticationIn(tx: LedgerTx, id: string, paymentId: string, clientSecret: string, card: CardSummary | null): Promise<PaymentOrderRow> {
  const order = await lockOrder(tx, id);
  if (order.state !== 'pending' || order.clientSecret === clientSecret) return order;
  const [waiting] = await tx
    .update(paymentOrders)
    .set({ providerPaymentId: paymentId, clientSecret, ...cardColumns(card), updatedAt: new Date() })
    .where(eq(paymentOrders.id, id))
    .returning();
  await audit(tx, 'order.requires_action', waiting!, { paymentId });
  return waiting!;
}

/** The D1 entitlement exists: reconciliation stops looking at this order. */
export async function markGranted(db: LedgerDb, id: string): Promise<void> {
  await db.update(paymentOrders).set({ entitlementGrantedAt: new Date() }).where(and(eq(paymentOrders.id, id), sql`${paymentOrders.entitlementGrantedAt} IS NULL`));
}

/** Escrow → the creator's payable and the platform's revenue, once; a disputed or refunded order stays. */
export async function releaseOrder(db: LedgerDb, id: string, why: 'accepted' | 'hold_elapsed' | 'dispute_resolved'): Promise<PaymentOrderRow> {
  return serializable(db, async (tx) => {
    const order = await lockOrder(tx, id);
    if (order.settlement !== 'held') return order;
    if (order.disputedAt && why !== 'dispute_resolved') return order;
    await releaseIn(tx, order.journalTransactionId!);
    const [released] = await tx.update(paymentOrders).set({ settlement: 'released', updatedAt: new Date() }).where(eq(paymentOrders.id, id)).returning();
    await audit(tx, 'order.released', released!, { why });
    return released!;
  });
}

/** Gives the buyer's money back in the journal (the provider's refund is the caller's, before this). */
export async function refundOrder(db: LedgerDb, id: string, reason: string, refundId: string): Promise<PaymentOrderRow> {
  return serializable(db, async (tx) => {
    const order = await lockOrder(tx, id);
    if (order.settlement === 'refunded') return order;
    await refundIn(tx, order.journalTransactionId!, reason);
    const [refunded] = await tx.update(paymentOrders).set({ settlement: 'refunded', providerRefundId: refundId, updatedAt: new Date() }).where(eq(paymentOrders.id, id)).returning();
    await audit(tx, 'order.refunded', refunded!, { reason, refundId });
    return refunded!;
  });
}

/** The buyer disputes while the money is held: it stays in escrow until someone resolves it. */
export async function disputeOrder(db: LedgerDb, id: string, reason: string): Promise<PaymentOrderRow> {
  return serializable(db, async (tx) => {
    const order = await lockOrder(tx, id);
    if (order.disputedAt) return order;
    const [disputed] = await tx.update(paymentOrders).set({ disputedAt: new Date(), updatedAt: new Date() }).where(eq(paymentOrders.id, id)).returning();
    await audit(tx, 'order.disputed', disputed!, { reason });
    return disputed!;
  });
}
