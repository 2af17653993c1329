/** The platform's plans: the list with the caller's current one, subscribing and changing plan under an Idempotency-Key, the card, cancel and resume, the invoices. */
import { api } from './client';
import type { PlanInvoice, TierOverview, TierPlanChange, TierSubscription } from './types';

export const getTiers = () => api<TierOverview>('/api/v1/payments/tiers');
export const getPlanInvoices = () => api<PlanInvoice[]>('/api/v1/payments/tiers/invoices');

/** Subscribes with a provider's payment method id (`pm_…`); the same `idempotencyKey` on a retry returns the first answer. */
export const subscribeTier = (tier: string, paymentMethod: string, idempotencyKey: string) =>
  api<TierSubscription>(`/api/v1/payments/tiers/${encodeURIComponent(tier)}/subscribe`, { body: { payment_method: paymentMethod }, headers: { 'Idempotency-Key': idempotencyKey } });

/** Changes the paid plan to `tier` with the card on file (an upgrade now, a downgrade at the month's end; the current tier calls a downgrade off). */
export const changeTier = (tier: string, idempotencyKey: string) =>
  api<TierPlanChange>(`/api/v1/payments/tiers/${encodeURIComponent(tier)}/change`, { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey } });

/** The card the plan renews with from now on (a past-due plan is charged with it within minutes). */
export const changeTierCard = (paymentMethod: string) => api<TierSubscription>('/api/v1/payments/tiers/payment_method', { method: 'PUT', body: { payment_method: paymentMethod } });

export const cancelTier = () => api<TierSubscription>('/api/v1/payments/tiers/cancel', { method: 'POST' });
export const confirmTier = () => api<TierSubscription>('/api/v1/payments/tiers/confirm', { method: 'POST' });
export const resumeTier = () => api<TierSubscription>('/api/v1/payments/tiers/resume', { method: 'POST' });
