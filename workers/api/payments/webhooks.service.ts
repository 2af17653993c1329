/**
 * The provider's webhook events. Each event id is recorded in the same transaction as its
 * effect, so an event is acted on exactly once however often it is delivered, and an effect
 * that fails (say the database is briefly away) records nothing: the provider's retry finds
 * the work still to do. Order does not matter: a payment's success wins over its earlier
 * failure, and a failure arriving after the success changes nothing (orders.ts). A connected
 * account's `account.updated` says whether it takes payouts now (payout-accounts.ts).
 */
import type { ChargeResult, ProviderEvent } from './providers/provider';
import { ensureEntitlement, type PaymentDeps } from './checkout.service';
import { failOrderIn, findOrder, settleOrderIn } from './orders';
import { serializable } from './ledger';
import { applyAccountUpdateIn } from './payout-accounts';
import { providerEvents, type PaymentOrderRow } from './schema';
import { finishSubscriptionOrder } from './subscriptions.service';

type Outcome = Extract<ChargeResult, { status: 'succeeded' }> | Extract<ChargeResult, { status: 'failed' }>;

/** What a payment_intent event says happened, in the provider interface's terms. */
function paymentOutcome(event: ProviderEvent): Outcome | null {
  const intent = event.data.object;
  if (event.type === 'payment_intent.succeeded') return { status: 'succeeded', paymentId: intent.id, card: null };
  if (event.type === 'payment_intent.payment_failed') {
    const error = (intent.last_payment_error ?? {}) as { decline_code?: string; code?: string; message?: string };
    const code = (error.decline_code ?? error.code ?? 'card_declined') as Extract<ChargeResult, { status: 'failed' }>['code'];
    return { status: 'failed', paymentId: intent.id, code, message: error.message ?? 'The payment failed', card: null };
  }
  return null;
}

export interface Handled {
  /** The event had been processed before: nothing was done again. */
  duplicate: boolean;
  order: PaymentOrderRow | null;
}

export async function handleEvent(deps: PaymentDeps, event: ProviderEvent): Promise<Handled> {
  const orderId = event.data.object.metadata?.order_id;
  const outcome = paymentOutcome(event);
  const result = await serializable(deps.ledger, async (tx): Promise<Handled> => {
    const fresh = await tx.insert(providerEvents).values({ provider: deps.provider.name, eventId: event.id, type: event.type, objectId: event.data.object.id }).onConflictDoNothing().returning({ id: providerEvents.eventId });
    const order = orderId ? await findOrder(tx, orderId) : null;
    if (fresh.length === 0) return { duplicate: true, order };
    if (event.type === 'account.updated') await applyAccountUpdateIn(tx, event.data.object);
    if (!order || !outcome) return { duplicate: false, order };
    if (outcome.status === 'succeeded') return { duplicate: false, order: await settleOrderIn(tx, order.id, outcome.paymentId, outcome.card) };
    return { duplicate: false, order: await failOrderIn(tx, order.id, outcome) };
  });
  // Also on a duplicate: the entitlement is D1's, outside the transaction, and converges on every delivery.
  if (result.order) {
    await ensureEntitlement(deps, result.order);
    await finishSubscriptionOrder(deps, result.order);
  }
  return result;
}
