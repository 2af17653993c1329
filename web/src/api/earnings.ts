/** A creator's earnings and payouts: the dashboard's figures, the connected payout account, payouts. */
import { api } from './client';
import type { Earnings, Payout, PayoutAccount } from './types';

export const getEarnings = (period: 'day' | 'month') => api<Earnings>('/api/v1/payments/earnings', { query: { period } });
export const getPayoutAccount = () => api<PayoutAccount>('/api/v1/payments/payout_account');
export const connectPayoutAccount = () => api<PayoutAccount>('/api/v1/payments/payout_account', { method: 'POST' });
export const listPayouts = () => api<Payout[]>('/api/v1/payments/payouts', { query: { limit: '40' } });
/** The key belongs to one intended payout: a retry of the same form submission pays once. */
export const requestPayout = (amount: number, currency: string, idempotencyKey: string) =>
  api<Payout>('/api/v1/payments/payouts', { body: { amount, currency }, headers: { 'Idempotency-Key': idempotencyKey } });
