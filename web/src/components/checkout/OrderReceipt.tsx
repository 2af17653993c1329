/** What the buyer sees right after paying: the order, where the money is, and the way to the agent. */
import type { Listing, Order } from '../../api/types';
import { cardText, orderAmount, orderKindText, orderStateText, settlementText } from '../../lib/orderText';
import { Link } from '../../router';

export function OrderReceipt({ order, listing }: { order: Order; listing: Listing }) {
  const card = cardText(order);
  const settlement = settlementText(order);
  return (
    <div className="alert alert-success order-receipt" role="status">
      <p>
        <strong>{orderStateText(order)}:</strong> {orderAmount(order)}
        {card && ` with ${card}`} for {listing.title}
        {order.kind !== 'purchase' && ` (${orderKindText(order)})`}. Order {order.id}.
      </p>
      {settlement && <p>{settlement}; accept it early or dispute it from My purchases.</p>}
      <p>
        <Link to={`/agents/${order.agent_id}/chat`}>Chat with {listing.title}</Link> · <Link to="/purchases">My purchases</Link>
      </p>
    </div>
  );
}
