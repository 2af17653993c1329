/** One of the buyer's orders: what, how much, what happened, where the money is, its invoice; accept or dispute while it is held. */
import { useState } from 'react';
import { acceptOrder, disputeOrder } from '../../api/payments';
import type { Listing, Order } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { cardText, longDate, orderAmount, orderKindText, orderStateText, settlementText } from '../../lib/orderText';
import { Link } from '../../router';
import { TextArea } from '../Field';
import { FormAlert } from '../FormAlert';
import { InvoiceLink } from './InvoiceLink';

function DisputeForm({ order, done, cancel }: { order: Order; done(o: Order): void; cancel(): void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const updated = await action.run(() => disputeOrder(order.id, reason));
    if (updated) done(updated);
  };
  return (
    <form onSubmit={submit} aria-label="Dispute">
      <FormAlert error={action.error} fields={['reason']} />
      <TextArea label="What went wrong?" value={reason} onChange={(e) => setReason(e.target.value)} error={action.fieldError('reason')} />
      <div className="button-row">
        <button className="button button-primary" disabled={action.busy}>
          Send dispute
        </button>
        <button type="button" className="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function OrderItem({ order, listing, changed }: { order: Order; listing: Listing | null | undefined; changed(o: Order): void }) {
  const [disputing, setDisputing] = useState(false);
  const accepting = useAction();
  const title = listing?.title ?? `Listing ${order.listing_id}`;
  const settlement = settlementText(order);
  const card = cardText(order);
  const open = order.settlement === 'held' && !order.disputed_at;
  const accept = async () => {
    const updated = await accepting.run(() => acceptOrder(order.id));
    if (updated) changed(updated);
  };
  return (
    <li className="card order" aria-label={`Order ${order.id}`}>
      <p>
        <Link to={`/marketplace/${order.listing_id}`}>
          <strong>{title}</strong>
        </Link>{' '}
        <span className="muted">
          {orderKindText(order)} · {longDate(order.created_at)}
        </span>
      </p>
      <p>
        {orderAmount(order)}
        {card && ` · ${card}`} · <strong>{orderStateText(order)}</strong>
      </p>
      {order.failure && (order.state === 'failed' || order.state === 'blocked') && <p className="order-failure">{order.failure.message}</p>}
      {settlement && <p>{settlement}</p>}
      {order.invoice && (
        <p>
          Invoice <InvoiceLink invoice={order.invoice} />
        </p>
      )}
      {order.state === 'succeeded' && order.settlement !== 'refunded' && <Link to={`/agents/${order.agent_id}/chat`}>Chat with {title}</Link>}
      {open && !disputing && (
        <>
          <FormAlert error={accepting.error} />
          <div className="button-row">
            <button className="button button-primary" disabled={accepting.busy} onClick={accept}>
              Accept — release payment now
            </button>
            <button className="button" onClick={() => setDisputing(true)}>
              Dispute
            </button>
          </div>
        </>
      )}
      {open && disputing && (
        <DisputeForm
          order={order}
          cancel={() => setDisputing(false)}
          done={(o) => {
            setDisputing(false);
            changed(o);
          }}
        />
      )}
    </li>
  );
}
