/**
 * Finishing a payment whose card's bank wants the buyer to confirm it (3-D Secure): the server
 * answered the checkout with a pending order and `next_action`. The bank's challenge is Stripe's
 * (Stripe.js `handleNextAction`) or, offline, the test provider's page (`askTestBank`); then the
 * server asks the provider for the outcome (`confirmOrder`). A refusal is the server's 402, with
 * the bank's reason; a challenge left unanswered leaves the order pending, which the server gives
 * up on after an hour.
 */
import { ApiError } from '../api/http';
import { getInstance } from '../api/instance';
import { answerTestBank, confirmOrder } from '../api/payments';
import type { Order } from '../api/types';
import { loadStripe } from './stripeJs';

/** Is this a payment order waiting for its buyer's bank? */
export const waitsForBank = (result: unknown): result is Order & { next_action: NonNullable<Order['next_action']> } =>
  typeof result === 'object' && result !== null && 'next_action' in result && (result as Order).next_action !== null;

export async function finishWithBank(order: Order & { next_action: NonNullable<Order['next_action']> }, askTestBank: () => Promise<boolean>): Promise<Order> {
  const clientSecret = order.next_action.client_secret;
  const { payments } = (await getInstance()).configuration;
  if (payments.provider === 'test') {
    await answerTestBank(clientSecret, await askTestBank());
  } else if (payments.stripe_publishable_key) {
    // Its outcome is read on the server, from Stripe: an error here changes nothing the server would not see.
    await (await loadStripe(payments.stripe_publishable_key)).handleNextAction({ clientSecret });
  }
  const settled = await confirmOrder(order.id);
  if (settled.state === 'pending') throw new ApiError(402, 'The payment was not confirmed with your bank, so nothing was charged. Try again, or use another card.');
  return settled;
}
