/** Subscriptions to marketplace listings (monthly or metered): subscribe under an Idempotency-Key, list, cancel, resume, change the card or a metered one's limit. */
import { api, apiPage } from './client';
import type { Subscription } from './types';

const subscriptionPath = (id: string) => `/api/v1/payments/subscriptions/${encodeURIComponent(id)}`;

export const SUBSCRIPTIONS = '/api/v1/payments/subscriptions';

/**
 * A subscription listing's first month is charged now; a per-interaction listing's replies are
 * billed after each month, at most `usageLimit` a month. The same `idempotencyKey` on a retry
 * returns the first request's subscription instead of charging again.
 */
export const subscribeListing = (listingId: string, paymentMethod: string, idempotencyKey: string, usageLimit?: number) =>
  api<Subscription>(`/api/v1/market/listings/${encodeURIComponent(listingId)}/subscribe`, {
    body: { payment_method: paymentMethod, ...(usageLimit !== undefined && { usage_limit: usageLimit }) },
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const fetchSubscriptions = (path: string = SUBSCRIPTIONS) => apiPage<Subscription[]>(path);

/** The buyer's live subscription to a listing, or null. The newest page is enough: a live one is among the most recent. */
export const liveSubscriptionTo = (listingId: string) =>
  fetchSubscriptions(`${SUBSCRIPTIONS}?limit=40`).then((page) => page.data.find((s) => s.listing_id === listingId && (s.state === 'incomplete' || s.state === 'active' || s.state === 'past_due')) ?? null);
export const getSubscription = (id: string) => api<Subscription>(subscriptionPath(id));
export const cancelSubscription = (id: string) => api<Subscription>(`${subscriptionPath(id)}/cancel`, { method: 'POST' });
export const resumeSubscription = (id: string) => api<Subscription>(`${subscriptionPath(id)}/resume`, { method: 'POST' });
export const changeSubscriptionCard = (id: string, paymentMethod: string) => api<Subscription>(`${subscriptionPath(id)}/payment_method`, { method: 'PUT', body: { payment_method: paymentMethod } });
export const changeUsageLimit = (id: string, usageLimit: number) => api<Subscription>(`${subscriptionPath(id)}/usage_limit`, { method: 'PUT', body: { usage_limit: usageLimit } });
