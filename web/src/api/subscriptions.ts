/** Monthly subscriptions to marketplace listings: subscribe under an Idempotency-Key, list, cancel, resume, change the card. */
import { api, apiPage } from './client';
import type { Subscription } from './types';

const subscriptionPath = (id: string) => `/api/v1/payments/subscriptions/${encodeURIComponent(id)}`;

export const SUBSCRIPTIONS = '/api/v1/payments/subscriptions';

/** The first month is charged now. The same `idempotencyKey` on a retry returns the first request's subscription instead of charging again. */
export const subscribeListing = (listingId: string, paymentMethod: string, idempotencyKey: string) =>
  api<Subscription>(`/api/v1/market/listings/${encodeURIComponent(listingId)}/subscribe`, { body: { payment_method: paymentMethod }, headers: { 'Idempotency-Key': idempotencyKey } });

export const fetchSubscriptions = (path: string = SUBSCRIPTIONS) => apiPage<Subscription[]>(path);
export const cancelSubscription = (id: string) => api<Subscription>(`${subscriptionPath(id)}/cancel`, { method: 'POST' });
export const resumeSubscription = (id: string) => api<Subscription>(`${subscriptionPath(id)}/resume`, { method: 'POST' });
export const changeSubscriptionCard = (id: string, paymentMethod: string) => api<Subscription>(`${subscriptionPath(id)}/payment_method`, { method: 'PUT', body: { payment_method: paymentMethod } });
