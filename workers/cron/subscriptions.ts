/** The subscriptions part of the schedule: renewals, retries and lapses (workers/api/payments/renewals.ts). */
import { drizzle } from 'drizzle-orm/d1';
import type { Logger } from '../api/lib/logger';
import { withLedger } from '../api/payments/db';
import { fraudLimits } from '../api/payments/fraud';
import { paymentProvider } from '../api/payments/providers';
import { type Renewed, renewSubscriptions } from '../api/payments/renewals';
import type { Config, Env } from '../env';

export async function renewDueSubscriptions(env: Env, config: Config, log: Logger, at: number): Promise<Renewed | 'ledger not configured'> {
  if (!config.LEDGER_DATABASE_URL) return 'ledger not configured';
  return withLedger(config, null, (ledger) => renewSubscriptions({ db: drizzle(env.DB), ledger, provider: paymentProvider(env, config), fraud: fraudLimits(config), log }, at));
}
