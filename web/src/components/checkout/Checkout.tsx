/**
 * Paying for a listing (purchase or rental): the card form of the configured provider, the
 * methods not available yet, where the money goes, and what came of the attempt. One attempt
 * keeps its Idempotency-Key across retries (lib/paymentAttempt.ts).
 */
import { useState } from 'react';
import { formatPrice } from '../../../../shared/market/catalog';
import { CREATOR_SHARE_PERCENT, splitRevenue } from '../../../../shared/money/split';
import { ApiError } from '../../api/http';
import { getInstance } from '../../api/instance';
import { checkoutListing } from '../../api/payments';
import type { Listing, Order } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useResource } from '../../hooks/useResource';
import { attemptFor, outcomeUnknown, type PaymentAttempt } from '../../lib/paymentAttempt';
import { FormAlert } from '../FormAlert';
import { Loaded } from '../Loaded';
import { TestCardForm } from './TestCardForm';

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

export function Checkout({ listing, onPaid }: { listing: Listing; onPaid(order: Order): void }) {
  const [instance] = useResource(getInstance, []);
  const [attempt, setAttempt] = useState<PaymentAttempt | null>(null);
  const paying = useAction();
  const { price, currency, rental_days, model } = listing.pricing;
  if (price === null || currency === null) return null;

  const pay = async (paymentMethod: string) => {
    const current = attemptFor(attempt, paymentMethod);
    setAttempt(current);
    const order = await paying.run(async () => {
      try {
        return await checkoutListing(listing.id, current.paymentMethod, current.key);
      } catch (err) {
        // A definite answer ends the attempt: the next one gets a new key.
        if (!(err instanceof ApiError && outcomeUnknown(err))) setAttempt(null);
        throw err;
      }
    });
    if (order) {
      setAttempt(null);
      onPaid(order);
    }
  };

  const payLabel = `Pay ${formatPrice(price, currency)}${model === 'rental' ? ` for ${rental_days} days` : ''}`;
  return (
    <section className="checkout" aria-label="Checkout">
      <Share price={price} currency={currency} />
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
      <Loaded resource={instance}>
        {(i) =>
          i.configuration.payments.provider === 'stripe' ? (
            <div className="alert alert-info" role="status">
              Card payments here go through Stripe, and Stripe Elements (which collects the card so its number never reaches SMILE) is not part of this web client yet: cards cannot
              be taken on this page.
            </div>
          ) : (
            <>
              <Outcome error={paying.error} retry={attempt && !paying.busy ? () => void pay(attempt.paymentMethod) : null} />
              <TestCardForm busy={paying.busy} payLabel={payLabel} onPay={(pm) => void pay(pm)} />
            </>
          )
        }
      </Loaded>
    </section>
  );
}
