/**
 * Creators' connected accounts at the payment provider, where payouts go. A creator has one:
 * once created it is never replaced (a session thief could otherwise redirect the money), only
 * asked about again — Stripe's Express onboarding finishes on Stripe's pages, and `ready` follows
 * what the provider reports (here, and from its `account.updated` webhook).
 */
import { eq } from 'drizzle-orm';
import type { AccountRow } from '../db/schema';
import { invalidField } from '../lib/errors';
import type { PaymentDeps } from './checkout.service';
import type { LedgerDb } from './db';
import type { LedgerTx } from './ledger';
import { payoutAccounts, type PayoutAccountRow } from './schema';

export async function payoutAccountOf(db: LedgerDb | LedgerTx, ownerAccountId: string): Promise<PayoutAccountRow | null> {
  const [row] = await db.select().from(payoutAccounts).where(eq(payoutAccounts.ownerAccountId, ownerAccountId));
  return row ?? null;
}

export interface Connected {
  account: PayoutAccountRow;
  onboardingUrl: string | null;
}

/** Creates the creator's connected account, or refreshes how its onboarding stands. */
export async function connectPayoutAccount(deps: Pick<PaymentDeps, 'ledger' | 'provider'>, creator: AccountRow, returnUrl: string): Promise<Connected> {
  if (!creator.email) throw invalidField('email', 'is not set: the payment provider needs an e-mail address to open a payout account', 'ERR_NO_EMAIL');
  const existing = await payoutAccountOf(deps.ledger, creator.id);
  const answer = await deps.provider.connectAccount({
    ownerAccountId: creator.id,
    email: creator.email,
    existingAccountId: existing?.providerAccountId ?? null,
    returnUrl,
    // One account per creator, however often (or concurrently) they press the button.
    idempotencyKey: `connect:${creator.id}`,
  });
  const [row] = await deps.ledger
    .insert(payoutAccounts)
    .values({ ownerAccountId: creator.id, provider: deps.provider.name, providerAccountId: answer.accountId, ready: answer.ready })
    .onConflictDoUpdate({ target: payoutAccounts.ownerAccountId, set: { ready: answer.ready, updatedAt: new Date() } })
    .returning();
  return { account: row!, onboardingUrl: answer.onboardingUrl };
}

/** The provider's `account.updated`: the account can take transfers now (or no longer can). */
export async function applyAccountUpdateIn(tx: LedgerTx, object: Record<string, unknown> & { id: string }): Promise<void> {
  if (typeof object.payouts_enabled !== 'boolean') return;
  await tx.update(payoutAccounts).set({ ready: object.payouts_enabled, updatedAt: new Date() }).where(eq(payoutAccounts.providerAccountId, object.id));
}
