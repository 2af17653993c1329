/** One Web Push request (RFC 8030): encrypted body, VAPID authorization, TTL and urgency. */
import type { PushSubscriptionRow } from '../db/push';
import { fromBase64url } from '../lib/crypto';
import { encryptPayload } from './encrypt';
import { type VapidKeys, vapidAuthorization } from './vapid';

/** How long the push service keeps an undelivered message: two days, as Mastodon. */
const TTL_SECONDS = 48 * 3600;

export async function sendPush(config: VapidKeys, sub: Pick<PushSubscriptionRow, 'endpoint' | 'p256dh' | 'auth'>, payload: unknown): Promise<Response> {
  const body = await encryptPayload(new TextEncoder().encode(JSON.stringify(payload)), fromBase64url(sub.p256dh), fromBase64url(sub.auth));
  return fetch(sub.endpoint, {
    method: 'POST',
    headers: {
      authorization: await vapidAuthorization(config, sub.endpoint),
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
      ttl: String(TTL_SECONDS),
      urgency: 'normal',
    },
    body,
    redirect: 'manual',
  });
}
