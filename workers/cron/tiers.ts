/** The platform tiers part of the schedule: renewals, retries and lapses of plan subscriptions (workers/api/payments/tiers.service.ts). */
import { drizzle } from 'drizzle-orm/d1';
import type { Logger } from '../api/lib/logger';
import { withLedger } from '../api/payments/db';
import { fraudLimits } from '../api/payments/fraud';
import { paymentProvider } from '../api/payments/providers';
import type { Renewed } from '../api/payments/renewal-run';
import { renewTierSubscriptions } from '../api/payments/tiers.service';
import type { Config, Env } from '../env';

export async function renewDueTiers(env: Env, config: Config, log: Logger, at: number): Promise<Renewed | 'ledger not configured'> {
  if (!config.LEDGER_DATABASE_URL) return 'ledger not configured';
  return withLedger(config, null, (ledger) => renewTierSubscriptions({ db: drizzle(env.DB), ledger, provider: paymentProvider(env, config), fraud: fraudLimits(config), log }, at));
}
