/**
 * The Idempotency-Key of one payment attempt. While the outcome of an attempt is unknown (the
 * network failed, the provider did not answer, the server broke) trying again is the same attempt
 * and must send the same key, so the server charges at most once. Once the server has answered
 * for certain (paid, declined, blocked, invalid), the next try is a new attempt with a new key —
 * reusing a declined attempt's key would only replay the decline.
 */
import type { ApiError } from '../api/http';

export interface PaymentAttempt {
  key: string;
  paymentMethod: string;
  /**
   * What else the request asks for, e.g. how many replies of a pack: the server ties a key to its
   * whole request (another one under the same key is 422 ERR_IDEMPOTENCY_KEY_REUSED).
   */
  terms: string;
}

/** The attempt to send: the open one when it is for the same payment method and terms, else a new one. */
export function attemptFor(open: PaymentAttempt | null, paymentMethod: string, terms = '', newKey: () => string = () => crypto.randomUUID()): PaymentAttempt {
  return open?.paymentMethod === paymentMethod && open.terms === terms ? open : { key: newKey(), paymentMethod, terms };
}

/** True when the failure leaves the attempt's outcome unknown (status 0 is "server not reached"). */
export const outcomeUnknown = (err: ApiError): boolean => err.status === 0 || err.status === 429 || err.status >= 500;
