/** How an order reads to its buyer: its amount, what happened to the payment, where the money is. */
import { formatPrice } from '../../../shared/market/catalog';
import type { Order } from '../api/types';

export const orderAmount = (o: Order): string => formatPrice(o.amount, o.currency);

export const longDate = (iso: string): string => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

const STATE: Record<Order['state'], string> = {
  pending: 'Waiting for the payment provider',
  succeeded: 'Paid',
  failed: 'Payment refused',
  blocked: 'Blocked by a fraud check',
};

export const orderStateText = (o: Order): string => STATE[o.state];

/** Where a paid order's money is; null for an order nothing was paid for. */
export function settlementText(o: Order): string | null {
  if (o.settlement === 'held') {
    const until = o.release_at ? ` until ${longDate(o.release_at)}` : '';
    return o.disputed_at ? `Disputed: held in escrow until the dispute is resolved` : `Held in escrow${until}`;
  }
  if (o.settlement === 'released') return 'Released to the creator';
  if (o.settlement === 'refunded') return 'Refunded';
  return null;
}

export const cardText = (o: Order): string | null => (o.card ? `${o.card.brand} •••• ${o.card.last4}` : null);

/** What the order bought, in a few words. */
export function orderKindText(o: Order): string {
  if (o.kind === 'rental') return `rental, ${o.rental_days} days`;
  if (o.kind === 'interactions') return `${o.interactions} ${o.interactions === 1 ? 'reply' : 'replies'}`;
  if (o.kind === 'subscription') return 'subscription, one month';
  if (o.kind === 'usage') return `monthly bill, ${o.interactions} ${o.interactions === 1 ? 'reply' : 'replies'} used`;
  return 'purchase';
}
