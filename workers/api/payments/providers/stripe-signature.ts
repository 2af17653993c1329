/**
 * Stripe's webhook signatures (`Stripe-Signature: t=…,v1=…`, HMAC-SHA256 over `t.body`),
 * checked and made with the `stripe` package's own code on WebCrypto — the Workers way. The
 * test provider signs with the same code, so the webhook route cannot tell the two apart.
 */
import Stripe from 'stripe';
import { type ProviderEvent, WebhookSignatureError } from './provider';

const crypto = Stripe.createSubtleCryptoProvider();

/** Stripe's default: a signature older than five minutes is a replay. */
const TOLERANCE_SECONDS = 300;

export async function verifyStripeSignature(rawBody: string, header: string | null, secret: string): Promise<ProviderEvent> {
  if (!header) throw new WebhookSignatureError('the Stripe-Signature header is missing');
  try {
    const event = await Stripe.webhooks.constructEventAsync(rawBody, header, secret, TOLERANCE_SECONDS, crypto);
    return event as unknown as ProviderEvent;
  } catch (err) {
    throw new WebhookSignatureError(err instanceof Error ? err.message : String(err));
  }
}

/** The `Stripe-Signature` header Stripe would send with `rawBody` now. */
export function signLikeStripe(rawBody: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({ payload: rawBody, secret, timestamp, cryptoProvider: crypto });
}
