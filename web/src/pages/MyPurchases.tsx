/**
 * /purchases: the buyer's subscriptions (cancel, resume, new card), the replies left of
 * per-interaction agents, and every order, newest first, with accept and dispute while the money
 * is held.
 */
import { allEntitlements, getListing } from '../api/market';
import { fetchOrders, ORDERS } from '../api/payments';
import { fetchSubscriptions, SUBSCRIPTIONS } from '../api/subscriptions';
import type { Entitlement, Listing, Order, Subscription } from '../api/types';
import { OrderItem } from '../components/checkout/OrderItem';
import { SubscriptionItem } from '../components/checkout/SubscriptionItem';
import { EmptyState } from '../components/EmptyState';
import { PagedItems } from '../components/PagedItems';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { usePagedList } from '../hooks/usePagedList';
import { useResource } from '../hooks/useResource';
import { repliesLeft, repliesText } from '../lib/subscriptionText';
import { Link } from '../router';

/** The listings bought from, by id; null for one no longer visible (delisted). */
function useListingsOf(listingIds: string[]) {
  const ids = [...new Set(listingIds)];
  const [listings] = useResource(() => Promise.all(ids.map((id) => getListing(id).catch(() => null))).then((found) => new Map(ids.map((id, i) => [id, found[i]!]))), [ids.join(',')]);
  return listings.state === 'ready' ? listings.data : new Map<string, null>();
}

/** Per-interaction agents bought from, with the replies left over all their packs (0 once used up). */
function Replies({ entitlements, listings }: { entitlements: Entitlement[]; listings: Map<string, Listing | null> }) {
  const packs = [...new Set(entitlements.filter((e) => e.kind === 'per_interaction').map((e) => e.listing_id))];
  if (packs.length === 0) return null;
  return (
    <section aria-label="Replies">
      <h2>Replies</h2>
      <ul className="order-list">
        {packs.map((id) => {
          const listing = listings.get(id);
          const title = listing?.title ?? `Listing ${id}`;
          const left = repliesLeft(entitlements, id);
          return (
            <li key={id} className="card order" aria-label={`Replies of ${title}`}>
              <p>
                <Link to={`/marketplace/${id}`}>
                  <strong>{title}</strong>
                </Link>{' '}
                · <strong>{repliesText(left)}</strong>
              </p>
              {listing && left > 0 && <Link to={`/agents/${listing.agent.id}/chat`}>Chat with {title}</Link>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function MyPurchases() {
  useDocumentTitle('My purchases');
  const list = usePagedList<Order>(ORDERS, fetchOrders);
  const subscriptions = usePagedList<Subscription>(SUBSCRIPTIONS, fetchSubscriptions);
  const [entitlements] = useResource(allEntitlements, []);
  const packs = entitlements.state === 'ready' ? entitlements.data : [];
  const listings = useListingsOf([...subscriptions.items.map((s) => s.listing_id), ...packs.filter((e) => e.kind === 'per_interaction').map((e) => e.listing_id), ...list.items.map((o) => o.listing_id)]);
  return (
    <>
      <header className="feed-header">
        <h1>My purchases</h1>
      </header>
      {subscriptions.items.length > 0 && (
        <section aria-label="Subscriptions">
          <h2>Subscriptions</h2>
          <PagedItems list={subscriptions} empty={null}>
            <ul className="order-list">
              {subscriptions.items.map((s) => (
                <SubscriptionItem key={s.id} subscription={s} listing={listings.get(s.listing_id)} changed={(next) => subscriptions.update((x) => (x.id === next.id ? next : x))} />
              ))}
            </ul>
          </PagedItems>
        </section>
      )}
      <Replies entitlements={packs} listings={listings} />
      <h2>Orders</h2>
      <PagedItems
        list={list}
        empty={
          <EmptyState icon="marketplace" title="Nothing bought yet">
            Agents you buy, rent or subscribe to in the <Link to="/marketplace">marketplace</Link> show up here.
          </EmptyState>
        }
      >
        <ul className="order-list" aria-label="Orders">
          {list.items.map((o) => (
            <OrderItem key={o.id} order={o} listing={listings.get(o.listing_id)} changed={(next) => list.update((x) => (x.id === next.id ? next : x))} />
          ))}
        </ul>
      </PagedItems>
    </>
  );
}
