/** A per-interaction listing's two ways to pay: a prepaid pack of replies, or the replies used on the monthly bill. */
import { useState } from 'react';
import type { Listing } from '../../api/types';
import { MeteredCheckout } from './MeteredCheckout';
import { RepliesCheckout } from './RepliesCheckout';

export function PerInteractionCheckout({ listing }: { listing: Listing }) {
  const [way, setWay] = useState<'pack' | 'monthly'>('pack');
  return (
    <>
      <fieldset className="payment-ways">
        <legend>How to pay for replies</legend>
        <label>
          <input type="radio" name="reply-payment" checked={way === 'pack'} onChange={() => setWay('pack')} /> Buy a pack now
        </label>
        <label>
          <input type="radio" name="reply-payment" checked={way === 'monthly'} onChange={() => setWay('monthly')} /> Pay monthly for what you use
        </label>
      </fieldset>
      {way === 'pack' ? <RepliesCheckout listing={listing} /> : <MeteredCheckout listing={listing} />}
    </>
  );
}
