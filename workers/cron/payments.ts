/** The payments part of the schedule: reconciliation and escrow release (workers/api/payments/reconcile.ts). */
import { drizzle } from 'drizzle-orm/d1';
import type { Logger } from '../api/lib/logger';
import { withLedger } from '../api/payments/db';
import { fraudLimits } from '../api/payments/fraud';
import { paymentProvider } from '../api/payments/providers';
import { type Reconciled, reconcile } from '../api/payments/reconcile';
import type { Config, Env } from '../env';

export async function reconcilePayments(env: Env, config: Config, log: Logger, at: number): Promise<Reconciled | 'ledger not configured'> {
  if (!config.LEDGER_DATABASE_URL) return 'ledger not configured';
  return withLedger(config, null, (ledger) => reconcile({ db: drizzle(env.DB), ledger, provider: paymentProvider(env, config), fraud: fraudLimits(config), log }, at));
}
