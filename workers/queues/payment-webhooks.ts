/**
 * The test provider's webhook deliveries: each event signed the way Stripe signs it and POSTed
 * to the Worker's own webhook route — the same route, checks and handling Stripe's events get.
 * A non-2xx answer is retried with growing delays (Stripe retries for days; the dead-letter
 * queue keeps what never got through).
 */
import { createApp } from '../api/app';
import { signLikeStripe } from '../api/payments/providers/stripe-signature';
import { loadConfig } from '../env';
import type { Consumer } from './index';

let app: ReturnType<typeof createApp> | undefined;

export const paymentWebhooksConsumer: Consumer = async (batch, env, ctx) => {
  const config = loadConfig(env);
  app ??= createApp();
  for (const message of batch.messages) {
    const body = JSON.stringify(message.body);
    const signature = await signLikeStripe(body, config.TEST_PAYMENTS_WEBHOOK_SECRET ?? '');
    const request = new Request(new URL('/api/v1/payments/webhooks/test', config.PUBLIC_URL), { method: 'POST', body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
    const response = await app.fetch(request, env, ctx);
    if (response.ok) message.ack();
    else message.retry({ delaySeconds: Math.min(600, 2 ** message.attempts) });
  }
};
