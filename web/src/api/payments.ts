/** Buying marketplace listings: checkout under an Idempotency-Key, the buyer's orders, accepting and disputing while held in escrow. */
import { api, apiPage } from './client';
import type { Order } from './types';

const orderPath = (id: string) => `/api/v1/payments/orders/${encodeURIComponent(id)}`;

export const ORDERS = '/api/v1/payments/orders';

export interface CheckoutRequest {
  /** A provider's payment method id (`pm_…`), never a card number. */
  payment_method: string;
  /** Per-interaction listings: how many replies to buy. */
  interactions?: number;
}

/** Pays for a listing. The same `idempotencyKey` on a retry returns the first request's order instead of charging again. */
export const checkoutListing = (listingId: string, body: CheckoutRequest, idempotencyKey: string) =>
  api<Order>(`/api/v1/market/listings/${encodeURIComponent(listingId)}/checkout`, { body: { ...body }, headers: { 'Idempotency-Key': idempotencyKey } });

export const fetchOrders = (path: string = ORDERS) => apiPage<Order[]>(path);
export const getOrder = (id: string) => api<Order>(orderPath(id));
export const acceptOrder = (id: string) => api<Order>(`${orderPath(id)}/accept`, { method: 'POST' });
/** After the buyer's bank has answered (3-D Secure): the order settled, still pending, or 402 with the bank's reason. */
export const confirmOrder = (id: string) => api<Order>(`${orderPath(id)}/confirm`, { method: 'POST' });
/** The offline test provider's stand-in for the bank's 3-D Secure page. */
export const answerTestBank = (clientSecret: string, approve: boolean) => api<{ status: string }>('/api/v1/payments/test_authentication', { body: { client_secret: clientSecret, approve } });
export const disputeOrder = (id: string, reason: string) => api<Order>(`${orderPath(id)}/dispute`, { body: { reason } });
