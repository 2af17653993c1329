import { useState } from 'react';

/**
 * The offline test provider's stand-in for a bank's 3-D Secure page (what Stripe's test
 * authentication page offers): the buyer completes or fails the confirmation. With Stripe, Stripe.js
 * shows the real bank's challenge instead (lib/bankAuthentication.ts).
 */
export function BankChallenge({ answer }: { answer(approve: boolean): void }) {
  return (
    <div className="alert bank-challenge" role="dialog" aria-label="Confirm the payment with your bank">
      <p>
        <strong>Your bank asks you to confirm this payment (3-D Secure).</strong>
      </p>
      <p className="muted">Offline, SMILE&apos;s test provider stands in for the bank&apos;s page: as on Stripe&apos;s test page, choose how the confirmation ends.</p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => answer(true)}>
          Complete authentication
        </button>
        <button type="button" className="button" onClick={() => answer(false)}>
          Fail authentication
        </button>
      </div>
    </div>
  );
}

/** The test bank's page while a payment waits for it: `askTestBank` shows `challenge` until the buyer answers. */
export function useBankChallenge() {
  const [answer, setAnswer] = useState<((approve: boolean) => void) | null>(null);
  const askTestBank = () => new Promise<boolean>((resolve) => setAnswer(() => (approve: boolean) => (setAnswer(null), resolve(approve))));
  return { askTestBank, challenge: answer && <BankChallenge answer={answer} /> };
}
