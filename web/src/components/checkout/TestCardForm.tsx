/**
 * The offline test provider's card form. The typed card becomes the payment method id Stripe's
 * test mode has for it (`testCardByNumber`) right here, in the browser: the number, expiry and
 * CVC are never sent anywhere — only the `pm_…` id reaches SMILE, as with Stripe Elements. The
 * inputs have no `name` and the form never submits natively, so nothing can post them either.
 */
import { useState } from 'react';
import { TEST_CARDS, type TestCardOutcome, testCardByNumber } from '../../../../shared/payments/test-cards';
import { TextField } from '../Field';

const OUTCOME: Record<TestCardOutcome, string> = {
  succeeded: 'succeeds',
  card_declined: 'is declined',
  insufficient_funds: 'is declined: insufficient funds',
  expired_card: 'is declined: expired card',
  incorrect_cvc: 'is declined: incorrect CVC',
  processing_error: 'fails: processing error',
  authentication_required: 'asks you to confirm with your bank (3-D Secure)',
};

const grouped = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

/** MM/YY (or MM / YY, MM/YYYY) not before the current month. */
export function expiryError(typed: string, now = new Date()): string | undefined {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(typed);
  if (!m) return 'must be MM/YY';
  const month = Number(m[1]);
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (month < 1 || month > 12) return 'must be MM/YY';
  if (year * 12 + month < now.getFullYear() * 12 + now.getMonth() + 1) return 'is in the past';
  return undefined;
}

interface Errors {
  number?: string;
  expiry?: string;
  cvc?: string;
}

export function TestCardForm({ busy, payLabel, onPay }: { busy: boolean; payLabel: string; onPay(paymentMethod: string): void }) {
  const [number, setNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [cvc, setCvc] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const card = testCardByNumber(number);
    const found: Errors = {
      number: card ? undefined : number.trim() ? 'is not one of the test cards below (the offline test provider knows only those)' : "can't be blank",
      expiry: expiryError(expiry),
      cvc: /^\d{3,4}$/.test(cvc.trim()) ? undefined : 'must be 3 or 4 digits',
    };
    setErrors(found);
    if (card && !found.expiry && !found.cvc) onPay(card.paymentMethod);
  };

  return (
    <form className="card-form" onSubmit={submit} aria-label="Card" noValidate>
      <TextField label="Card number" value={number} onChange={(e) => setNumber(e.target.value)} error={errors.number} inputMode="numeric" autoComplete="cc-number" placeholder="4242 4242 4242 4242" />
      <div className="card-form-row">
        <TextField label="Expiry (MM/YY)" value={expiry} onChange={(e) => setExpiry(e.target.value)} error={errors.expiry} inputMode="numeric" autoComplete="cc-exp" placeholder="12/34" />
        <TextField label="CVC" value={cvc} onChange={(e) => setCvc(e.target.value)} error={errors.cvc} inputMode="numeric" autoComplete="cc-csc" placeholder="123" />
      </div>
      <button className="button button-primary" disabled={busy}>
        {busy ? 'Paying…' : payLabel}
      </button>
      <details className="test-cards" open>
        <summary>Test cards (any future expiry, any CVC; no real money moves)</summary>
        <ul>
          {TEST_CARDS.map((c) => (
            <li key={c.number}>
              <code>{grouped(c.number)}</code> {OUTCOME[c.outcome]}
            </li>
          ))}
        </ul>
      </details>
    </form>
  );
}
