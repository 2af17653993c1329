/**
 * Finishing a payment whose card's bank wants the buyer to confirm it (3-D Secure): the server
 * answered the checkout with a pending order, or the subscription with its first month's, and `next_action`. The bank's challenge is Stripe's
 * (Stripe.js `handleNextAction`) or, offline, the test provider's page (`askTestBank`); then the
 * server asks the provider for the outcome (`confirmOrder`, or a plan's confirm). A refusal is the server's 402, with
 * the bank's reason; a challenge left unanswered leaves the order pending, which the server gives
 * up on after an hour.
 */
import { ApiError } from '../api/http';
import { getInstance } from '../api/instance';
import { answerTestBank, confirmOrder } from '../api/payments';
import type { Order } from '../api/types';
import { loadStripe } from './stripeJs';

/** A payment waiting for its buyer's bank: the order to confirm and the client secret of its challenge. */
export interface WaitingPayment {
  orderId: string;
  clientSecret: string;
}

/**
 * What an answer waits on the buyer's bank for, if anything: a checkout's order its own payment,
 * a subscription its first month's (`next_action.order_id`).
 */
export function waitingPayment(answer: unknown): WaitingPayment | null {
  const next = (answer as { next_action?: { client_secret: string; order_id?: string } | null } | null)?.next_action;
  if (!next) return null;
  return { orderId: next.order_id ?? (answer as Order).id, clientSecret: next.client_secret };
}

/** The payment was left waiting (the challenge closed unanswered): what the buyer is told. */
const NOT_CONFIRMED = 'The payment was not confirmed with your bank, so nothing was charged. Try again, or use another card.';

/**
 * Runs the bank's challenge for `clientSecret`, then `confirm` — the server asks the provider for
 * the outcome and answers the order or subscription as it now is; one `waiting` still is a 402.
 */
export async function finishWithBank<T>(clientSecret: string, askTestBank: () => Promise<boolean>, confirm: () => Promise<T>, waiting: (answer: T) => boolean): Promise<T> {
  const { payments } = (await getInstance()).configuration;
  if (payments.provider === 'test') {
    await answerTestBank(clientSecret, await askTestBank());
  } else if (payments.stripe_publishable_key) {
    // Its outcome is read on the server, from Stripe: an error here changes nothing the server would not see.
    await (await loadStripe(payments.stripe_publishable_key)).handleNextAction({ clientSecret });
  }
  const answer = await confirm();
  if (waiting(answer)) throw new ApiError(402, NOT_CONFIRMED);
  return answer;
}

/** `finishWithBank` for a payment order (a checkout's, a subscription's first month). */
export const finishOrderWithBank = ({ orderId, clientSecret }: WaitingPayment, askTestBank: () => Promise<boolean>): Promise<Order> =>
  finishWithBank(clientSecret, askTestBank, () => confirmOrder(orderId), (order) => order.state === 'pending');
