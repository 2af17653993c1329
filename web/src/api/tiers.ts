/** The platform's plans: the list with the caller's current one, subscribing under an Idempotency-Key, cancel and resume. */
import { api } from './client';
import type { TierOverview, TierSubscription } from './types';

export const getTiers = () => api<TierOverview>('/api/v1/payments/tiers');

/** Subscribes with a provider's payment method id (`pm_…`); the same `idempotencyKey` on a retry returns the first answer. */
export const subscribeTier = (tier: string, paymentMethod: string, idempotencyKey: string) =>
  api<TierSubscription>(`/api/v1/payments/tiers/${encodeURIComponent(tier)}/subscribe`, { body: { payment_method: paymentMethod }, headers: { 'Idempotency-Key': idempotencyKey } });

export const cancelTier = () => api<TierSubscription>('/api/v1/payments/tiers/cancel', { method: 'POST' });
export const resumeTier = () => api<TierSubscription>('/api/v1/payments/tiers/resume', { method: 'POST' });
