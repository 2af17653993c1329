/**
 * A payment request sent under one attempt's Idempotency-Key (lib/paymentAttempt.ts): while its
 * outcome is unknown a retry is the same attempt (same key); a definite answer ends it.
 */
import { useState } from 'react';
import { ApiError } from '../api/http';
import { attemptFor, outcomeUnknown, type PaymentAttempt } from '../lib/paymentAttempt';
import { type ActionState, useAction } from './useAction';

export interface PaymentAttemptState {
  /** busy and error of the request. */
  action: ActionState;
  /** The attempt whose outcome is unknown (a retry of it sends its key again), or null. */
  attempt: PaymentAttempt | null;
  /** Sends `send(key)` for `paymentMethod` and `terms`; resolves with its answer, or undefined when it failed. */
  pay<T>(paymentMethod: string, terms: string, send: (key: string) => Promise<T>): Promise<T | undefined>;
}

export function usePaymentAttempt(): PaymentAttemptState {
  const [attempt, setAttempt] = useState<PaymentAttempt | null>(null);
  const action = useAction();
  const pay = async <T,>(paymentMethod: string, terms: string, send: (key: string) => Promise<T>) => {
    const current = attemptFor(attempt, paymentMethod, terms);
    setAttempt(current);
    const result = await action.run(async () => {
      try {
        return await send(current.key);
      } catch (err) {
        // A definite answer ends the attempt: the next one gets a new key.
        if (!(err instanceof ApiError && outcomeUnknown(err))) setAttempt(null);
        throw err;
      }
    });
    if (result !== undefined) setAttempt(null);
    return result;
  };
  return { action, attempt, pay };
}
