/**
 * Escrow: a purchase's money is held in the creator's escrow account until released by rule,
 * then becomes the creator's payable and the platform's revenue per the 70/30 split. A refund
 * reverses whichever of the two is current with new entries — nothing is ever deleted.
 *
 *   purchase  buyer_funding(buyer) −gross      escrow(creator) +gross
 *   release   escrow(creator) −gross           creator_payable(creator) +creator, platform_revenue +platform
 *   refund    before release: escrow(creator) −gross;
 *             after release:  creator_payable(creator) −creator, platform_revenue −platform;
 *             either way:     refunds(buyer) +gross
 *
 * A release and a refund name their purchase and have idempotency keys derived from it, so a
 * purchase is released at most once and refunded at most once; SERIALIZABLE makes a release
 * and a refund racing for the same purchase end with exactly one of the two orders.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { splitRevenue, type Split } from '../../../shared/money/split';
import type { LedgerDb } from './db';
import { LedgerError } from './errors';
import { accountFor, postIn, serializable, type LedgerTx, type Posted } from './ledger';
import { journalTransactions } from './schema';

export interface PurchaseInput {
  buyerAccountId: string;
  creatorAccountId: string;
  /** Minor units of `currency`, > 0. */
  gross: number;
  currency: string;
  /** From the buyer's `Idempotency-Key`: a retried purchase posts once. */
  idempotencyKey: string;
  /** What was bought (e.g. the listing), for the audit trail. */
  reference?: string;
}

const PurchaseFacts = z.object({
  buyerAccountId: z.string(),
  creatorAccountId: z.string(),
  currency: z.string(),
  gross: z.number().int(),
  creator: z.number().int(),
  platform: z.number().int(),
});
type PurchaseFacts = z.infer<typeof PurchaseFacts>;

/** Takes the buyer's money into the creator's escrow, recording the split it will release with. */
export function purchase(db: LedgerDb, input: PurchaseInput): Promise<Posted & { split: Split }> {
  return serializable(db, (tx) => purchaseIn(tx, input));
}

/** `purchase` inside a transaction the caller holds (the order that paid is updated in it too). */
export async function purchaseIn(tx: LedgerTx, input: PurchaseInput): Promise<Posted & { split: Split }> {
  if (input.buyerAccountId === input.creatorAccountId) throw new LedgerError('invalid_state', 'a creator cannot buy from themselves');
  if (!Number.isSafeInteger(input.gross) || input.gross <= 0) throw new LedgerError('invalid_entry', `a purchase's amount must be a positive whole number of minor units, got ${input.gross}`);
  const split = splitRevenue(input.gross);
  const facts: PurchaseFacts = { buyerAccountId: input.buyerAccountId, creatorAccountId: input.creatorAccountId, currency: input.currency, ...split };
  const funding = await accountFor(tx, { kind: 'buyer_funding', ownerAccountId: input.buyerAccountId, currency: input.currency });
  const escrow = await accountFor(tx, { kind: 'escrow', ownerAccountId: input.creatorAccountId, currency: input.currency });
  const posted = await postIn(tx, {
    kind: 'purchase',
    idempotencyKey: input.idempotencyKey,
    entries: [
      { accountId: funding.id, amount: -input.gross, currency: input.currency },
      { accountId: escrow.id, amount: input.gross, currency: input.currency },
    ],
    metadata: { ...facts, ...(input.reference ? { reference: input.reference } : {}) },
  });
  return { ...posted, split };
}

async function purchaseFacts(tx: LedgerTx, purchaseId: string): Promise<PurchaseFacts> {
  const [row] = await tx.select().from(journalTransactions).where(eq(journalTransactions.id, purchaseId));
  if (!row || row.kind !== 'purchase') throw new LedgerError('not_found', `no purchase ${purchaseId}`);
  return PurchaseFacts.parse(row.metadata);
}

async function postedWithKey(tx: LedgerTx, idempotencyKey: string): Promise<boolean> {
  const rows = await tx.select({ id: journalTransactions.id }).from(journalTransactions).where(eq(journalTransactions.idempotencyKey, idempotencyKey));
  return rows.length > 0;
}

const releaseKey = (purchaseId: string) => `release:${purchaseId}`;
const refundKey = (purchaseId: string) => `refund:${purchaseId}`;

/** Moves a purchase's escrow to the creator's payable and the platform's revenue. */
export function release(db: LedgerDb, purchaseId: string): Promise<Posted> {
  return serializable(db, (tx) => releaseIn(tx, purchaseId));
}

export async function releaseIn(tx: LedgerTx, purchaseId: string): Promise<Posted> {
  const p = await purchaseFacts(tx, purchaseId);
  if (await postedWithKey(tx, refundKey(purchaseId))) throw new LedgerError('invalid_state', `purchase ${purchaseId} was refunded; there is nothing to release`);
  const escrow = await accountFor(tx, { kind: 'escrow', ownerAccountId: p.creatorAccountId, currency: p.currency });
  const payable = await accountFor(tx, { kind: 'creator_payable', ownerAccountId: p.creatorAccountId, currency: p.currency });
  const revenue = await accountFor(tx, { kind: 'platform_revenue', currency: p.currency });
  const entries = [
    { accountId: escrow.id, amount: -p.gross, currency: p.currency },
    { accountId: payable.id, amount: p.creator, currency: p.currency },
    { accountId: revenue.id, amount: p.platform, currency: p.currency },
  ].filter((e) => e.amount !== 0);
  return postIn(tx, { kind: 'release', idempotencyKey: releaseKey(purchaseId), relatedTransactionId: purchaseId, entries, metadata: { purchaseId } });
}

/** Gives a purchase's whole amount back to the buyer, from escrow or, once released, from the creator's payable and the platform's revenue. */
export function refund(db: LedgerDb, purchaseId: string, reason: string): Promise<Posted> {
  return serializable(db, (tx) => refundIn(tx, purchaseId, reason));
}

export async function refundIn(tx: LedgerTx, purchaseId: string, reason: string): Promise<Posted> {
  const p = await purchaseFacts(tx, purchaseId);
  const released = await postedWithKey(tx, releaseKey(purchaseId));
  const refunds = await accountFor(tx, { kind: 'refunds', ownerAccountId: p.buyerAccountId, currency: p.currency });
  const from = released
    ? [
        { accountId: (await accountFor(tx, { kind: 'creator_payable', ownerAccountId: p.creatorAccountId, currency: p.currency })).id, amount: -p.creator, currency: p.currency },
        { accountId: (await accountFor(tx, { kind: 'platform_revenue', currency: p.currency })).id, amount: -p.platform, currency: p.currency },
      ]
    : [{ accountId: (await accountFor(tx, { kind: 'escrow', ownerAccountId: p.creatorAccountId, currency: p.currency })).id, amount: -p.gross, currency: p.currency }];
  const entries = [...from.filter((e) => e.amount !== 0), { accountId: refunds.id, amount: p.gross, currency: p.currency }];
  return postIn(tx, { kind: 'refund', idempotencyKey: refundKey(purchaseId), relatedTransactionId: purchaseId, entries, metadata: { purchaseId, released, reason } });
}
