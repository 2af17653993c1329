/**
 * A per-interaction listing's replies on the monthly bill (a metered subscription): nothing is
 * charged now; each reply is recorded, at most the chosen limit a month, and each month is billed
 * to the card after it ends. A buyer with a live one sees how the month stands instead.
 */
import { useState } from 'react';
import { formatPrice } from '../../../../shared/market/catalog';
import { USAGE_LIMIT_MAX } from '../../../../shared/schemas/subscriptions';
import { ApiError } from '../../api/http';
import { liveSubscriptionTo, subscribeListing } from '../../api/subscriptions';
import type { Listing, Subscription } from '../../api/types';
import { useResource } from '../../hooks/useResource';
import { renewalText, subscriptionStateText, usageText } from '../../lib/subscriptionText';
import { Link } from '../../router';
import { Loaded } from '../Loaded';
import { Checkout } from './Checkout';

function Metered({ subscription: s, listing }: { subscription: Subscription; listing: Listing }) {
  const renewal = renewalText(s);
  return (
    <div className="alert alert-success order-receipt" role="status">
      <p>
        <strong>Paying monthly:</strong> {usageText(s)} · {subscriptionStateText(s)}
        {renewal && ` · ${renewal}`}.
      </p>
      <p>
        <Link to={`/agents/${listing.agent.id}/chat`}>Chat with {listing.title}</Link> · <Link to="/purchases">Change the limit or the card, or cancel, in My purchases</Link>
      </p>
    </div>
  );
}

export function MeteredCheckout({ listing }: { listing: Listing }) {
  const [live, setLive] = useResource(() => liveSubscriptionTo(listing.id), [listing.id]);
  const [limit, setLimit] = useState(100);
  const { price, currency } = listing.pricing;
  if (price === null || currency === null) return null;
  const valid = Number.isInteger(limit) && limit >= 1 && limit <= USAGE_LIMIT_MAX;
  return (
    <Loaded resource={live}>
      {(s) =>
        s ? (
          <Metered subscription={s} listing={listing} />
        ) : (
          <Checkout
            listing={listing}
            amount={price}
            payLabel="Start paying monthly"
            terms={`metered:${limit}`}
            charge={(pm, key) => {
              if (!valid) return Promise.reject(new ApiError(422, `Choose a limit between 1 and ${USAGE_LIMIT_MAX} replies a month.`));
              return subscribeListing(listing.id, pm, key, limit);
            }}
            onPaid={setLive}
          >
            <label className="replies-count">
              Most replies a month{' '}
              <input type="number" min={1} max={USAGE_LIMIT_MAX} step={1} value={Number.isNaN(limit) ? '' : limit} onChange={(e) => setLimit(e.target.valueAsNumber)} />
            </label>
            <p className="subscription-terms">
              Nothing is charged now. Each reply costs {formatPrice(price, currency)}; each month&apos;s replies are billed to your card after it ends — at most{' '}
              {valid ? `${limit} replies, ${formatPrice(price * limit, currency)}` : '…'} a month. Cancel any time.
            </p>
          </Checkout>
        )
      }
    </Loaded>
  );
}
