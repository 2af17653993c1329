/**
 * Paying for a listing (a purchase, a rental, a pack of replies, a subscription's first month):
 * the card form of the configured provider, the methods not available yet, where the money goes,
 * and what came of the attempt. One attempt keeps its Idempotency-Key across retries
 * (lib/paymentAttempt.ts). A card whose bank asks the buyer to confirm the payment (3-D Secure)
 * is confirmed before the attempt ends (lib/bankAuthentication.ts).
 */
import type { ReactNode } from 'react';
import { formatPrice } from '../../../../shared/market/catalog';
import { CREATOR_SHARE_PERCENT, splitRevenue } from '../../../../shared/money/split';
import { ApiError } from '../../api/http';
import { checkoutListing } from '../../api/payments';
import type { Listing, Order } from '../../api/types';
import { usePaymentAttempt } from '../../hooks/usePaymentAttempt';
import { finishOrderWithBank, waitingPayment } from '../../lib/bankAuthentication';
import { outcomeUnknown } from '../../lib/paymentAttempt';
import { FormAlert } from '../FormAlert';
import { useBankChallenge } from './BankChallenge';
import { CardEntry } from './CardEntry';

function Outcome({ error, retry }: { error: ApiError | null; retry: (() => void) | null }) {
  if (!error) return null;
  if (error.status === 402) {
    return (
      <div className="alert alert-error" role="alert">
        <strong>Payment declined:</strong> {error.message} Nothing was charged; you can try another card.
      </div>
    );
  }
  if (error.status === 403) {
    return (
      <div className="alert alert-error" role="alert">
        <strong>Payment blocked:</strong> {error.message}
      </div>
    );
  }
  if (retry && outcomeUnknown(error)) {
    // The API's own 503 text speaks to developers (it names the header); the buyer needs less.
    const why = error.status === 503 ? 'The payment provider is not answering right now.' : error.status >= 500 ? 'The payment did not go through to the end.' : error.message;
    return (
      <div className="alert alert-error" role="alert">
        {why} Retrying is safe: this payment is charged at most once.{' '}
        <button type="button" className="link-button" onClick={retry}>
          Retry payment
        </button>
      </div>
    );
  }
  return <FormAlert error={error} />;
}

function Share({ price, currency }: { price: number; currency: string }) {
  const { creator, platform } = splitRevenue(price);
  return (
    <p className="muted">
      Your payment is held in escrow and released to the creator after the hold, unless you dispute it. Then {formatPrice(creator, currency)} ({CREATOR_SHARE_PERCENT}%) goes to the
      creator and {formatPrice(platform, currency)} ({100 - CREATOR_SHARE_PERCENT}%) to SMILE.
    </p>
  );
}

/**
 * `charge` sends one attempt (the card's `pm_…` id under the attempt's key); `terms` names what
 * else it asks for (a pack's size), so changing them starts a new attempt. `children` shows above
 * the card: what is bought and for how much.
 */
export function Checkout<T>({
  listing,
  amount,
  payLabel,
  terms = '',
  charge,
  reread,
  onPaid,
  children,
}: {
  listing: Listing;
  /** Minor units charged now. */
  amount: number;
  payLabel: string;
  terms?: string;
  charge(paymentMethod: string, idempotencyKey: string): Promise<T>;
  /** The answer read again once the buyer's bank has confirmed its payment (a subscription); by default, the confirmed order. */
  reread?(answer: T): Promise<T>;
  onPaid(result: T): void;
  children?: ReactNode;
}) {
  const { action: paying, attempt, pay: send } = usePaymentAttempt();
  // Offline, the test provider's 3-D Secure page waits here for the buyer's answer.
  const { askTestBank, challenge } = useBankChallenge();
  const { currency } = listing.pricing;
  if (currency === null) return null;

  const pay = async (paymentMethod: string) => {
    const result = await send(paymentMethod, terms, async (key) => {
      const answer = await charge(paymentMethod, key);
      const waiting = waitingPayment(answer);
      if (!waiting) return answer;
      // The card's bank wants the buyer to confirm (3-D Secure): the answer is what it is once they have.
      const order = await finishOrderWithBank(waiting, askTestBank);
      return reread ? reread(answer) : (order as T);
    });
    if (result) onPaid(result);
  };

  return (
    <section className="checkout" aria-label="Checkout">
      {children}
      <Share price={amount} currency={currency} />
      <fieldset className="payment-methods">
        <legend>Pay with</legend>
        <label>
          <input type="radio" name="payment-method" defaultChecked /> Card
        </label>
        <label className="muted">
          <input type="radio" name="payment-method" disabled /> PayPal — not available yet
        </label>
        <label className="muted">
          <input type="radio" name="payment-method" disabled /> Crypto — not available yet
        </label>
        <p className="field-hint">PayPal and crypto need a provider library that also works offline in tests; none does yet.</p>
      </fieldset>
      <CardEntry busy={paying.busy} payLabel={payLabel} onPay={(pm) => void pay(pm)}>
        <Outcome error={paying.error} retry={attempt && attempt.terms === terms && !paying.busy ? () => void pay(attempt.paymentMethod) : null} />
        {challenge}
      </CardEntry>
    </section>
  );
}

/** A one-time purchase or a rental: the listing's price, once. */
export function PurchaseCheckout({ listing, onPaid }: { listing: Listing; onPaid(order: Order): void }) {
  const { price, currency, rental_days, model } = listing.pricing;
  if (price === null || currency === null) return null;
  return (
    <Checkout
      listing={listing}
      amount={price}
      payLabel={`Pay ${formatPrice(price, currency)}${model === 'rental' ? ` for ${rental_days} days` : ''}`}
      charge={(pm, key) => checkoutListing(listing.id, { payment_method: pm }, key)}
      onPaid={onPaid}
    />
  );
}
