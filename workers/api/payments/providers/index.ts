/** The payment provider `PAYMENTS_PROVIDER` names (docs/payments.md). */
import type { Config, Env } from '../../../env';
import { ApiError } from '../../lib/errors';
import type { PaymentProvider } from './provider';
import { stripeProvider } from './stripe';
import { testProvider } from './test-provider';

export function paymentProvider(env: Env, config: Config): PaymentProvider {
  if (config.PAYMENTS_PROVIDER === 'test') {
    if (!env.TEST_PAYMENTS || !config.TEST_PAYMENTS_WEBHOOK_SECRET) throw new ApiError(503, 'Payments are not available: the test provider is not bound');
    return testProvider(env.TEST_PAYMENTS, config.TEST_PAYMENTS_WEBHOOK_SECRET);
  }
  if (!config.STRIPE_SECRET_KEY || !config.STRIPE_WEBHOOK_SECRET) throw new ApiError(503, 'Payments are not available: the Stripe keys are not configured');
  return stripeProvider({ secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET, apiBase: config.STRIPE_API_BASE });
}
