/**
 * /admin/market: disputed orders (refund the buyer or release the money to the creator, with a
 * reason), fraud alerts (orders and plan purchases the fraud rules blocked), and delisting or
 * relisting a listing by id or from an order.
 */
import { useState } from 'react';
import { formatPrice } from '../../../../shared/market/catalog';
import { TIERS } from '../../../../shared/money/tiers';
import { BLOCKED_ORDERS, BLOCKED_PLANS, decideDispute, DISPUTES, fetchBlockedPlanPage, fetchOrderPage, setListed } from '../../api/admin';
import type { BlockedPlan, Order } from '../../api/types';
import { AdminLayout } from '../../components/admin/AdminLayout';
import { AdminList } from '../../components/admin/AdminList';
import { ReasonForm } from '../../components/admin/ReasonForm';
import { TextField } from '../../components/Field';
import { FormStatus } from '../../components/FormAlert';
import { usePagedList } from '../../hooks/usePagedList';
import { cardText, longDate, orderAmount, orderKindText, orderStateText } from '../../lib/orderText';
import { Link } from '../../router';

function OrderSummary({ order, pick }: { order: Order; pick(listingId: string): void }) {
  const card = cardText(order);
  return (
    <>
      <p>
        <Link to={`/marketplace/${order.listing_id}`}>Listing {order.listing_id}</Link>{' '}
        <button type="button" className="link-button" onClick={() => pick(order.listing_id)}>
          Delist or relist
        </button>{' '}
        <span className="muted">
          {orderKindText(order)} · {longDate(order.created_at)}{order.disputed_at && ` · disputed ${longDate(order.disputed_at)}`}
        </span>
      </p>
      <p>
        {orderAmount(order)}
        {card && ` · ${card}`} · <strong>{orderStateText(order)}</strong> · buyer {order.buyer_id}
      </p>
      {order.failure && <p className="order-failure">{order.failure.message}</p>}
    </>
  );
}

function Listed({ listingId, setListingId }: { listingId: string; setListingId(id: string): void }) {
  const [done, setDone] = useState('');
  const decide = async (listed: 'relist' | 'delist', reason: string) => {
    const listing = await setListed(listingId.trim(), listed === 'relist', reason);
    setDone(`“${listing.title}” is now ${listing.state}.`);
  };
  return (
    <section aria-label="Delist or relist">
      <h2>Delist or relist a listing</h2>
      <FormStatus>{done}</FormStatus>
      <ReasonForm
        name="Listing"
        fields={['reason']}
        choices={[
          { value: 'delist', label: 'Delist', danger: true },
          { value: 'relist', label: 'Relist' },
        ]}
        decide={decide}
      >
        <TextField label="Listing id" value={listingId} onChange={(e) => setListingId(e.target.value)} required />
      </ReasonForm>
    </section>
  );
}

export function AdminMarket() {
  const [listingId, setListingId] = useState('');
  const disputes = usePagedList<Order>(DISPUTES, fetchOrderPage);
  const blocked = usePagedList<Order>(BLOCKED_ORDERS, fetchOrderPage);
  const blockedPlans = usePagedList<BlockedPlan>(BLOCKED_PLANS, fetchBlockedPlanPage);
  return (
    <AdminLayout title="Marketplace">
      <section aria-label="Disputes">
        <h2>Disputes</h2>
        <AdminList list={disputes} empty="No dispute is waiting.">
          <ul className="admin-list">
            {disputes.items.map((o) => (
              <li key={o.id} className="card admin-item" aria-label={`Dispute ${o.id}`}>
                <OrderSummary order={o} pick={setListingId} />
                <ReasonForm
                  name={`Decide order ${o.id}`}
                  fields={['reason']}
                  choices={[
                    { value: 'refund', label: 'Refund the buyer' },
                    { value: 'release', label: 'Release to the creator' },
                  ]}
                  decide={async (outcome, reason) => {
                    const decided = await decideDispute(o.id, outcome, reason);
                    disputes.remove((x) => x.id === decided.id);
                  }}
                />
              </li>
            ))}
          </ul>
        </AdminList>
      </section>
      <section aria-label="Fraud alerts">
        <h2>Fraud alerts</h2>
        <AdminList list={blocked} empty="No order was blocked.">
          <ul className="admin-list">
            {blocked.items.map((o) => (
              <li key={o.id} className="card admin-item" aria-label={`Blocked order ${o.id}`}>
                <OrderSummary order={o} pick={setListingId} />
              </li>
            ))}
          </ul>
        </AdminList>
        <h3>Plan purchases</h3>
        <AdminList list={blockedPlans} empty="No plan purchase was blocked.">
          <ul className="admin-list">
            {blockedPlans.items.map((p) => (
              <li key={p.id} className="card admin-item" aria-label={`Blocked plan purchase ${p.id}`}>
                <p>
                  <strong>{TIERS[p.tier].name}</strong> for account {p.account_id} · {formatPrice(p.price, p.currency)}
                  {p.card && ` · ${p.card.brand} •••• ${p.card.last4}`} · {longDate(p.created_at)}
                </p>
                {p.failure && (
                  <p className="order-failure">
                    {p.failure.code}: {p.failure.message}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </AdminList>
      </section>
      <Listed listingId={listingId} setListingId={setListingId} />
    </AdminLayout>
  );
}
