/**
 * Push subscriptions as Mastodon keeps them: one per access token (its session here), replaced
 * by a new POST, changed only in its data part by PUT, gone with the session.
 */
import { eq } from 'drizzle-orm';
import { type CreatePushSubscriptionBody, decodeBase64, type UpdatePushSubscriptionBody } from '../../../shared/schemas/push';
import type { Caller, Services } from '../context';
import { NOTIFICATION_TYPES, type NotificationType } from '../db/notifications';
import { type PushSubscriptionRow, pushSubscriptions } from '../db/push';
import { base64url } from '../lib/crypto';
import { invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';

type Deps = Pick<Services, 'db' | 'config'>;
type Data = UpdatePushSubscriptionBody;

/** Every type on or off; Mastodon turns off what the request leaves out. */
function alertsOf(data: Data): Record<NotificationType, boolean> {
  const given = data.data?.alerts ?? {};
  return Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, given[t] ?? false])) as Record<NotificationType, boolean>;
}

const policyOf = (data: Data) => data.data?.policy ?? data.policy ?? 'all';

export async function createSubscription(deps: Deps, caller: Caller, accessToken: string, body: CreatePushSubscriptionBody): Promise<PushSubscriptionRow> {
  const { endpoint, keys, standard } = body.subscription;
  if (standard === false) throw invalidField('subscription.standard', 'must be true: only RFC 8291 (aes128gcm) encryption is sent');
  // The Worker POSTs to this URL: in production only to push services over TLS.
  if (deps.config.ENVIRONMENT === 'production' && !endpoint.startsWith('https:')) throw invalidField('subscription.endpoint', 'must be an https URL');
  const row: PushSubscriptionRow = {
    id: newId(),
    sessionId: caller.sessionId,
    accountId: caller.account!.id,
    endpoint,
    // Stored in one alphabet, whatever the client sent.
    p256dh: base64url(decodeBase64(keys.p256dh)!),
    auth: base64url(decodeBase64(keys.auth)!),
    alerts: JSON.stringify(alertsOf(body)),
    policy: policyOf(body),
    accessToken,
    createdAt: Date.now(),
  };
  await deps.db.batch([deps.db.delete(pushSubscriptions).where(eq(pushSubscriptions.sessionId, caller.sessionId)), deps.db.insert(pushSubscriptions).values(row)]);
  return row;
}

export async function sessionSubscription(deps: Deps, sessionId: string): Promise<PushSubscriptionRow> {
  const [row] = await deps.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.sessionId, sessionId)).limit(1);
  if (!row) throw notFound();
  return row;
}

export async function updateSubscription(deps: Deps, sessionId: string, body: Data): Promise<PushSubscriptionRow> {
  const [row] = await deps.db
    .update(pushSubscriptions)
    .set({ alerts: JSON.stringify(alertsOf(body)), policy: policyOf(body) })
    .where(eq(pushSubscriptions.sessionId, sessionId))
    .returning();
  if (!row) throw notFound();
  return row;
}

export async function deleteSubscription(deps: Deps, sessionId: string): Promise<void> {
  await deps.db.delete(pushSubscriptions).where(eq(pushSubscriptions.sessionId, sessionId));
}
