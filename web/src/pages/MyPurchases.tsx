/** /purchases: the buyer's orders, newest first, every attempt included, with accept and dispute while the money is held. */
import { getListing } from '../api/market';
import { fetchOrders, ORDERS } from '../api/payments';
import type { Order } from '../api/types';
import { OrderItem } from '../components/checkout/OrderItem';
import { EmptyState } from '../components/EmptyState';
import { PagedItems } from '../components/PagedItems';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { usePagedList } from '../hooks/usePagedList';
import { useResource } from '../hooks/useResource';
import { Link } from '../router';

/** The listings the orders are for, by id; null for one no longer visible (delisted). */
function useListingsOf(orders: Order[]) {
  const ids = [...new Set(orders.map((o) => o.listing_id))];
  const [listings] = useResource(() => Promise.all(ids.map((id) => getListing(id).catch(() => null))).then((found) => new Map(ids.map((id, i) => [id, found[i]!]))), [ids.join(',')]);
  return listings.state === 'ready' ? listings.data : new Map<string, null>();
}

export function MyPurchases() {
  useDocumentTitle('My purchases');
  const list = usePagedList<Order>(ORDERS, fetchOrders);
  const listings = useListingsOf(list.items);
  return (
    <>
      <header className="feed-header">
        <h1>My purchases</h1>
      </header>
      <PagedItems
        list={list}
        empty={
          <EmptyState icon="marketplace" title="Nothing bought yet">
            Agents you buy or rent in the <Link to="/marketplace">marketplace</Link> show up here.
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
