/**
 * One of the buyer's subscriptions in My purchases: its state and the date that matters (renewal,
 * end, grace), cancel at the period end (a past-due one ends now), resume, and a new card; a
 * metered one's month so far and its limit.
 */
import { useState } from 'react';
import { USAGE_LIMIT_MAX } from '../../../../shared/schemas/subscriptions';
import { cancelSubscription, changeSubscriptionCard, changeUsageLimit, resumeSubscription } from '../../api/subscriptions';
import type { Listing, Subscription } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { longDate } from '../../lib/orderText';
import { monthlyPrice, renewalText, subscriptionStateText, usageText } from '../../lib/subscriptionText';
import { Link } from '../../router';
import { FormAlert } from '../FormAlert';
import { CardOnFile } from './CardOnFile';

export function SubscriptionItem({ subscription: s, listing, changed }: { subscription: Subscription; listing: Listing | null | undefined; changed(s: Subscription): void }) {
  const action = useAction();
  const title = listing?.title ?? `Listing ${s.listing_id}`;
  const renewal = renewalText(s);
  const running = s.state === 'active' || s.state === 'past_due';
  const act = async (call: () => Promise<Subscription>) => {
    const updated = await action.run(call);
    if (updated) changed(updated);
  };
  return (
    <li className="card order" aria-label={`Subscription to ${title}`}>
      <p>
        <Link to={`/marketplace/${s.listing_id}`}>
          <strong>{title}</strong>
        </Link>{' '}
        <span className="muted">
          {monthlyPrice(s)} · since {longDate(s.created_at)}
        </span>
      </p>
      <p>
        <strong>{subscriptionStateText(s)}</strong>
      </p>
      {renewal && <p>{renewal}</p>}
      {s.usage && <UsageLimit subscription={s} changed={changed} />}
      {s.next_listing_id && running && <p>Moves to another plan on {longDate(s.current_period_end)}.</p>}
      {s.failure && (s.state === 'past_due' || s.state === 'incomplete_expired') && <p className="order-failure">{s.failure.message}</p>}
      <CardOnFile card={s.card} changeable={running} change={(pm) => changeSubscriptionCard(s.id, pm)} changed={changed} />
      {running && <Link to={`/agents/${s.agent_id}/chat`}>Chat with {title}</Link>}
      <FormAlert error={action.error} />
      {running && (
        <div className="button-row">
          {s.cancel_at_period_end ? (
            <button className="button button-primary" disabled={action.busy} onClick={() => void act(() => resumeSubscription(s.id))}>
              Resume
            </button>
          ) : (
            <button className="button" disabled={action.busy} onClick={() => void act(() => cancelSubscription(s.id))}>
              {s.state === 'past_due' ? 'Cancel now' : 'Cancel at period end'}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** A metered subscription's month so far, and its limit, changeable. */
function UsageLimit({ subscription: s, changed }: { subscription: Subscription; changed(s: Subscription): void }) {
  const action = useAction();
  const [limit, setLimit] = useState(s.usage_limit ?? 1);
  const save = async () => {
    const updated = await action.run(() => changeUsageLimit(s.id, limit));
    if (updated) changed(updated);
  };
  return (
    <form
      className="usage-limit"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p>{usageText(s)}</p>
      <label>
        Most replies a month <input type="number" min={1} max={USAGE_LIMIT_MAX} step={1} value={Number.isNaN(limit) ? '' : limit} onChange={(e) => setLimit(e.target.valueAsNumber)} />
      </label>{' '}
      <button className="button" type="submit" disabled={action.busy || limit === s.usage_limit}>
        Save limit
      </button>
      <FormAlert error={action.error} />
    </form>
  );
}
