/**
 * Cards kept for the charges a buyer is not there for: renewals of listing and plan
 * subscriptions, and a plan's upgrade. Stripe charges a payment method that belongs to no customer
 * once only, so a subscription's card is attached to the account's provider customer (one per
 * account, `provider_customers`, created once) and every later charge names that customer.
 * Erasing the person deletes the customer, and the cards with it.
 */
import { eq } from 'drizzle-orm';
import { providerCall, type PaymentDeps } from './checkout.service';
import type { LedgerDb } from './db';
import type { PaymentProvider, SavedCard } from './providers/provider';
import { providerCustomers } from './schema';

export async function saveCard(deps: Pick<PaymentDeps, 'ledger' | 'provider' | 'log'>, accountId: string, paymentMethod: string): Promise<SavedCard> {
  const [known] = await deps.ledger.select().from(providerCustomers).where(eq(providerCustomers.ownerAccountId, accountId));
  const saved = await providerCall(deps, () =>
    deps.provider.saveCard({
      ownerAccountId: accountId,
      paymentMethod,
      existingCustomerId: known?.customerId ?? null,
      // Two first saves at once name the same customer: the provider answers the second with the first's.
      idempotencyKey: `customer:${accountId}`,
    }),
  );
  if (!known) await deps.ledger.insert(providerCustomers).values({ ownerAccountId: accountId, provider: deps.provider.name, customerId: saved.customerId }).onConflictDoNothing();
  return saved;
}

/**
 * The person is erased: their customer and saved cards go at the provider, then SMILE's record of
 * it. The provider is built only for someone who has one (a deployment without payment keys erases too).
 */
export async function forgetSavedCards(ledger: LedgerDb, accountId: string, provider: () => PaymentProvider): Promise<void> {
  const [known] = await ledger.select().from(providerCustomers).where(eq(providerCustomers.ownerAccountId, accountId));
  if (!known) return;
  await provider().deleteCustomer(known.customerId);
  await ledger.delete(providerCustomers).where(eq(providerCustomers.ownerAccountId, accountId));
}
