/**
 * Paying creators out, in the order that loses nothing:
 *   1. in one SERIALIZABLE transaction, the creator's payable balance is read (its ledger
 *      account locked, so concurrent payouts queue) and, when it covers the amount, the money
 *      moves creator_payable(creator) −X → payouts(creator) +X and the payout is recorded
 *      pending — two payouts racing for the same balance cannot both pass the check;
 *   2. the provider transfers, with an idempotency key derived from the payout;
 *   3. paid: the transfer id is recorded. Refused: a new journal transaction moves the money
 *      back (nothing is deleted) and the payout fails with the provider's reason. No answer:
 *      the payout stays pending and a retry with the same Idempotency-Key asks again.
 * Every step is an audit event in its own transaction.
 */
import { and, eq } from 'drizzle-orm';
import { PAYOUTS } from '../../../shared/payments/payouts';
import { ApiError, invalidField } from '../lib/errors';
import { newId } from '../lib/ids';
import { keyReused, type PaymentDeps } from './checkout.service';
import { accountFor, balanceOf, postIn, serializable, type LedgerTx } from './ledger';
import { payoutAccountOf } from './payout-accounts';
import { ProviderUnavailableError, TransferRefusedError } from './providers/provider';
import { auditEvents, ledgerAccounts, payouts, type PayoutRow } from './schema';

export interface PayoutRequest {
  amount: number;
  currency: string;
}

export interface PayoutOutcome {
  payout: PayoutRow;
  /** The key had been used: this is the first request's payout (carried further if it was pending). */
  replayed: boolean;
}

type Deps = Pick<PaymentDeps, 'ledger' | 'provider' | 'log'>;

/** Books and transfers a payout for `creatorId`; the caller has checked who may ask (MFA, e-mail). */
export async function requestPayout(deps: Deps, creatorId: string, request: PayoutRequest, idempotencyKey: string): Promise<PayoutOutcome> {
  if (request.amount < PAYOUTS.minimumAmount) throw invalidField('amount', `must be at least ${PAYOUTS.minimumAmount} minor units (the minimum payout)`, 'ERR_BELOW_MINIMUM');
  const previous = await payoutWithKey(deps.ledger, creatorId, idempotencyKey);
  if (previous) return { payout: await replay(deps, previous, request), replayed: true };
  const destination = await payoutAccountOf(deps.ledger, creatorId);
  if (!destination) throw invalidField('payout_account', 'is not connected: connect a payout account first (POST /api/v1/payments/payout_account)', 'ERR_NO_PAYOUT_ACCOUNT');
  if (!destination.ready) throw invalidField('payout_account', "is not ready: finish the onboarding at the payment provider's first", 'ERR_PAYOUT_ACCOUNT_NOT_READY');
  const { payout, created } = await reserve(deps, creatorId, request, idempotencyKey, destination.providerAccountId);
  if (!created) return { payout: await replay(deps, payout, request), replayed: true };
  return { payout: await transfer(deps, payout), replayed: false };
}

async function payoutWithKey(db: Deps['ledger'] | LedgerTx, creatorId: string, idempotencyKey: string): Promise<PayoutRow | null> {
  const [row] = await db.select().from(payouts).where(and(eq(payouts.creatorAccountId, creatorId), eq(payouts.idempotencyKey, idempotencyKey)));
  return row ?? null;
}

/** The same key again: the same payout, finished if it was left pending; a key reused for another amount is refused. */
async function replay(deps: Deps, payout: PayoutRow, request: PayoutRequest): Promise<PayoutRow> {
  if (payout.amount !== request.amount || payout.currency !== request.currency) throw keyReused('payout');
  return payout.state === 'pending' ? transfer(deps, payout) : payout;
}

/** Step 1: the available balance checked and the money moved out of it, in one transaction. */
function reserve(deps: Deps, creatorId: string, request: PayoutRequest, idempotencyKey: string, destination: string): Promise<{ payout: PayoutRow; created: boolean }> {
  return serializable(deps.ledger, async (tx) => {
    const payable = await accountFor(tx, { kind: 'creator_payable', ownerAccountId: creatorId, currency: request.currency });
    // Concurrent payouts of one creator wait here for each other instead of failing and retrying.
    await tx.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.id, payable.id)).for('update');
    const raced = await payoutWithKey(tx, creatorId, idempotencyKey);
    if (raced) return { payout: raced, created: false };
    const available = await balanceOf(tx, payable.id);
    if (request.amount > available) {
      throw new ApiError(422, `Validation failed: amount is more than is available to pay out (${available} minor units of ${request.currency})`, {
        amount: [{ error: 'ERR_INSUFFICIENT_FUNDS', description: `is more than is available to pay out: ${available} minor units of ${request.currency}` }],
      });
    }
    const id = newId();
    const paidOut = await accountFor(tx, { kind: 'payouts', ownerAccountId: creatorId, currency: request.currency });
    const posted = await postIn(tx, {
      kind: 'payout',
      idempotencyKey: `payout:${id}`,
      entries: [
        { accountId: payable.id, amount: -request.amount, currency: request.currency },
        { accountId: paidOut.id, amount: request.amount, currency: request.currency },
      ],
      metadata: { payoutId: id, creatorAccountId: creatorId, destination },
    });
    const [payout] = await tx
      .insert(payouts)
      .values({ id, creatorAccountId: creatorId, idempotencyKey, amount: request.amount, currency: request.currency, provider: deps.provider.name, destination, journalTransactionId: posted.transactionId })
      .returning();
    await audit(tx, 'payout.requested', payout!, { available });
    return { payout: payout!, created: true };
  });
}

/**
 * Steps 2–3: the same transfer every time it is asked (its key is the payout's), and its outcome
 * recorded once. Also how reconciliation finishes a payout whose provider did not answer.
 */
export async function transfer(deps: Deps, payout: PayoutRow): Promise<PayoutRow> {
  try {
    const { transferId } = await deps.provider.transfer({
      amount: payout.amount,
      currency: payout.currency,
      destination: payout.destination,
      metadata: { payout_id: payout.id, creator_id: payout.creatorAccountId },
      idempotencyKey: `payout:${payout.id}`,
    });
    return await settle(deps, payout.id, (tx, locked) => markPaid(tx, locked, transferId));
  } catch (err) {
    if (err instanceof TransferRefusedError) return settle(deps, payout.id, (tx, locked) => reverse(tx, locked, err));
    if (!(err instanceof ProviderUnavailableError)) throw err;
    deps.log.warn('payment provider unavailable for a payout', { payoutId: payout.id, error: err.message });
    throw new ApiError(503, 'The payment provider is not answering; the payout is pending and nothing will be paid twice — retry with the same Idempotency-Key', undefined, { 'Retry-After': '5' });
  }
}

/** Applies an outcome to a still-pending payout; a payout already settled (a racing retry) is returned as it is. */
function settle(deps: Deps, id: string, apply: (tx: LedgerTx, payout: PayoutRow) => Promise<PayoutRow>): Promise<PayoutRow> {
  return serializable(deps.ledger, async (tx) => {
    const [payout] = await tx.select().from(payouts).where(eq(payouts.id, id)).for('update');
    if (!payout) throw new Error(`payout ${id} vanished`);
    return payout.state === 'pending' ? apply(tx, payout) : payout;
  });
}

async function markPaid(tx: LedgerTx, payout: PayoutRow, transferId: string): Promise<PayoutRow> {
  const [paid] = await tx.update(payouts).set({ state: 'paid', providerTransferId: transferId, updatedAt: new Date() }).where(eq(payouts.id, payout.id)).returning();
  await audit(tx, 'payout.paid', paid!, { transferId });
  return paid!;
}

/** The provider said no: the money goes back to the creator's payable with new entries. */
async function reverse(tx: LedgerTx, payout: PayoutRow, refusal: TransferRefusedError): Promise<PayoutRow> {
  const payable = await accountFor(tx, { kind: 'creator_payable', ownerAccountId: payout.creatorAccountId, currency: payout.currency });
  const paidOut = await accountFor(tx, { kind: 'payouts', ownerAccountId: payout.creatorAccountId, currency: payout.currency });
  const posted = await postIn(tx, {
    kind: 'payout_reversal',
    idempotencyKey: `payout_reversal:${payout.id}`,
    relatedTransactionId: payout.journalTransactionId,
    entries: [
      { accountId: paidOut.id, amount: -payout.amount, currency: payout.currency },
      { accountId: payable.id, amount: payout.amount, currency: payout.currency },
    ],
    metadata: { payoutId: payout.id, reason: refusal.code },
  });
  const [failed] = await tx
    .update(payouts)
    .set({ state: 'failed', failureCode: refusal.code, failureMessage: refusal.message, reversalTransactionId: posted.transactionId, updatedAt: new Date() })
    .where(eq(payouts.id, payout.id))
    .returning();
  await audit(tx, 'payout.failed', failed!, { code: refusal.code });
  return failed!;
}

function audit(tx: LedgerTx, kind: string, payout: PayoutRow, details: Record<string, unknown>) {
  return tx.insert(auditEvents).values({
    kind,
    transactionId: payout.reversalTransactionId ?? payout.journalTransactionId,
    details: { payoutId: payout.id, creator: payout.creatorAccountId, amount: payout.amount, currency: payout.currency, destination: payout.destination, state: payout.state, ...details },
  });
}
