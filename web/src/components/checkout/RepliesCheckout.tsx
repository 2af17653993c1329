/**
 * Buying replies of a `per_interaction` listing: how many (price × count, charged once as a pack
 * through checkout), and the replies still left over all the buyer's packs, which each of the
 * agent's replies uses up.
 */
import { useState } from 'react';
import { formatPrice } from '../../../../shared/market/catalog';
import { allEntitlements } from '../../api/market';
import { ApiError } from '../../api/http';
import { checkoutListing } from '../../api/payments';
import type { Listing, Order } from '../../api/types';
import { useResource } from '../../hooks/useResource';
import { repliesLeft, repliesText } from '../../lib/subscriptionText';
import { Link } from '../../router';
import { Checkout } from './Checkout';
import { OrderReceipt } from './OrderReceipt';

/** Packs one order may buy: the API's bound (new accounts are further capped by the fraud rules' amount limit). */
const MAX_REPLIES = 10_000;

export function RepliesCheckout({ listing }: { listing: Listing }) {
  const [count, setCount] = useState(10);
  const [paid, setPaid] = useState<Order | null>(null);
  const [left] = useResource(() => allEntitlements().then((all) => repliesLeft(all, listing.id)), [listing.id, paid?.id]);
  const { price, currency } = listing.pricing;
  if (price === null || currency === null) return null;
  const valid = Number.isInteger(count) && count >= 1 && count <= MAX_REPLIES;
  const total = valid ? price * count : 0;
  return (
    <>
      {left.state === 'ready' && (
        <p className="replies-left" role="status">
          <strong>{repliesText(left.data)}</strong>
          {left.data > 0 && (
            <>
              {' '}
              · <Link to={`/agents/${listing.agent.id}/chat`}>Chat with {listing.title}</Link>
            </>
          )}
        </p>
      )}
      {paid && <OrderReceipt order={paid} listing={listing} />}
      <Checkout
        listing={listing}
        amount={total}
        payLabel={valid ? `Pay ${formatPrice(total, currency)} for ${count} ${count === 1 ? 'reply' : 'replies'}` : 'Pay'}
        terms={`interactions:${count}`}
        charge={(pm, key) => {
          // Refused here as the API would (a definite answer: the attempt closes).
          if (!valid) return Promise.reject(new ApiError(422, `Choose between 1 and ${MAX_REPLIES} replies.`));
          return checkoutListing(listing.id, { payment_method: pm, interactions: count }, key);
        }}
        onPaid={setPaid}
      >
        <label className="replies-count">
          Replies to buy{' '}
          <input type="number" min={1} max={MAX_REPLIES} step={1} value={Number.isNaN(count) ? '' : count} onChange={(e) => setCount(e.target.valueAsNumber)} />
        </label>
        <p>
          {formatPrice(price, currency)} × {valid ? count : '…'} = {valid ? formatPrice(total, currency) : '…'}. Each reply of the agent uses one.
        </p>
      </Checkout>
    </>
  );
}
