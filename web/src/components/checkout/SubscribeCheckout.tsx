/**
 * Subscribing to a `subscription` listing: the first month charged now under the attempt's
 * Idempotency-Key (the checkout's retry rules), then monthly until canceled. A buyer with a live
 * subscription to the listing sees it instead of the form: a second one would be refused.
 */
import { useState } from 'react';
import { formatPrice } from '../../../../shared/market/catalog';
import { confirmOrder } from '../../api/payments';
import { getSubscription, liveSubscriptionTo, subscribeListing } from '../../api/subscriptions';
import type { Listing, Subscription } from '../../api/types';
import { useResource } from '../../hooks/useResource';
import { monthlyPrice, renewalText, subscriptionStateText } from '../../lib/subscriptionText';
import { Link } from '../../router';
import { Loaded } from '../Loaded';
import { Checkout } from './Checkout';
import { ConfirmWithBank } from './ConfirmWithBank';

function Subscribed({ subscription: s, listing }: { subscription: Subscription; listing: Listing }) {
  const renewal = renewalText(s);
  return (
    <div className="alert alert-success order-receipt" role="status">
      <p>
        <strong>Subscribed:</strong> {monthlyPrice(s)}
        {s.card && ` with ${s.card.brand} •••• ${s.card.last4}`} · {subscriptionStateText(s)}
        {renewal && ` · ${renewal}`}.
      </p>
      <p>
        <Link to={`/agents/${listing.agent.id}/chat`}>Chat with {listing.title}</Link> · <Link to="/purchases">Cancel or change the card in My purchases</Link>
      </p>
    </div>
  );
}

export function SubscribeCheckout({ listing }: { listing: Listing }) {
  // The newest page is enough: a live subscription is among the buyer's most recent.
  const [live, setLive] = useResource(() => liveSubscriptionTo(listing.id), [listing.id]);
  const [justPaid, setJustPaid] = useState(false);
  const { price, currency } = listing.pricing;
  if (price === null || currency === null) return null;
  const monthly = formatPrice(price, currency);
  return (
    <Loaded resource={live}>
      {(s) =>
        s ? (
          <>
            {justPaid && <p>The first month is paid.</p>}
            {s.next_action ? (
              <ConfirmWithBank clientSecret={s.next_action.client_secret} confirm={() => confirmOrder(s.next_action!.order_id).then(() => getSubscription(s.id))} waiting={(now: Subscription) => now.state === 'incomplete'} onDone={setLive} />
            ) : (
              <Subscribed subscription={s} listing={listing} />
            )}
          </>
        ) : (
          <Checkout
            listing={listing}
            amount={price}
            payLabel={`Subscribe for ${monthly} a month`}
            charge={(pm, key) => subscribeListing(listing.id, pm, key)}
            reread={(waited) => getSubscription(waited.id)}
            onPaid={(started) => {
              setJustPaid(true);
              setLive(started);
            }}
          >
            <p className="subscription-terms">
              {monthly} today, then {monthly} every month, cancel any time.
            </p>
          </Checkout>
        )
      }
    </Loaded>
  );
}
