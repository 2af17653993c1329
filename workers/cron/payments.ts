/**
 * The payments part of the schedule, on one ledger pool: reconciliation and escrow release
 * (workers/api/payments/reconcile.ts), then the renewals of plan subscriptions
 * (tiers.service.ts) and of agent subscriptions (renewals.ts).
 */
import { drizzle } from 'drizzle-orm/d1';
import type { Logger } from '../api/lib/logger';
import { withLedger } from '../api/payments/db';
import { fraudLimits } from '../api/payments/fraud';
import { paymentProvider } from '../api/payments/providers';
import { type Reconciled, reconcile } from '../api/payments/reconcile';
import type { Renewed } from '../api/payments/renewal-run';
import { renewSubscriptions } from '../api/payments/renewals';
import { renewTierSubscriptions } from '../api/payments/tiers.service';
import type { Config, Env } from '../env';

export async function runPaymentJobs(env: Env, config: Config, log: Logger, at: number): Promise<{ payments: Reconciled; tiers: Renewed; subscriptions: Renewed } | 'ledger not configured'> {
  if (!config.LEDGER_DATABASE_URL) return 'ledger not configured';
  return withLedger(config, null, async (ledger) => {
    const deps = { db: drizzle(env.DB), ledger, provider: paymentProvider(env, config), fraud: fraudLimits(config), log };
    return { payments: await reconcile(deps, at), tiers: await renewTierSubscriptions(deps, at), subscriptions: await renewSubscriptions(deps, at) };
  });
}
