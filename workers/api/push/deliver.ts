/**
 * Pushes one notification to its recipient's subscriptions whose alerts and policy want it.
 * What the push service answers decides each subscription's fate: 2xx delivered (marked, so a
 * redelivered queue message does not push it again), 404/410 the subscription is gone (deleted),
 * 429/5xx or a network failure retried by the queue, any other 4xx logged and dropped.
 */
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Services } from '../context';
import { notifications } from '../db/notifications';
import { type PushSubscriptionRow, pushDeliveries, pushSubscriptions } from '../db/push';
import { follows } from '../db/relationships';
import { sessions } from '../db/schema';
import { serializeNotifications } from '../notifications/serializers';
import { pushPayload } from './payload';
import { sendPush } from './send';

type Deps = Pick<Services, 'db' | 'config' | 'log'>;

/** The longest wait a push service may ask for before the queue tries again. */
const MAX_RETRY_DELAY_SECONDS = 3600;

export interface PushResult {
  sent: number;
  /** Set when some subscription must be tried again: the delay the push services asked for, if any. */
  retry?: { delaySeconds?: number };
}

/** Does the subscription's policy let a notification from `fromId` through? One's own (polls, moderation) always passes. */
async function policyAllows(deps: Deps, sub: PushSubscriptionRow, fromId: string): Promise<boolean> {
  if (sub.policy === 'all' || fromId === sub.accountId) return sub.policy !== 'none';
  if (sub.policy === 'none') return false;
  const [follower, followed] = sub.policy === 'followed' ? [sub.accountId, fromId] : [fromId, sub.accountId];
  const [row] = await deps.db.select({ id: follows.id }).from(follows).where(and(eq(follows.accountId, follower), eq(follows.targetId, followed))).limit(1);
  return row !== undefined;
}

function retryAfterSeconds(res: Response): number | undefined {
  const value = res.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.min(MAX_RETRY_DELAY_SECONDS, Math.max(0, Math.ceil(seconds))) : undefined;
}

export async function pushNotification(deps: Deps, notificationId: string): Promise<PushResult> {
  const [row] = await deps.db.select().from(notifications).where(eq(notifications.id, notificationId)).limit(1);
  // Withdrawn (an unfavourite) before the push went out: nothing to say any more.
  if (!row) return { sent: 0 };
  const candidates = await deps.db
    .select({ sub: pushSubscriptions, delivered: pushDeliveries.notificationId })
    .from(pushSubscriptions)
    .innerJoin(sessions, eq(sessions.id, pushSubscriptions.sessionId))
    .leftJoin(pushDeliveries, and(eq(pushDeliveries.subscriptionId, pushSubscriptions.id), eq(pushDeliveries.notificationId, row.id)))
    .where(and(eq(pushSubscriptions.accountId, row.accountId), isNull(sessions.revokedAt), gt(sessions.expiresAt, Date.now())));
  const wanted: PushSubscriptionRow[] = [];
  for (const { sub, delivered } of candidates) {
    if (delivered || !(JSON.parse(sub.alerts) as Record<string, boolean>)[row.type]) continue;
    if (await policyAllows(deps, sub, row.fromAccountId)) wanted.push(sub);
  }
  if (wanted.length === 0) return { sent: 0 };
  const [entity] = await serializeNotifications(deps, row.accountId, [row]);
  if (!entity) return { sent: 0 };

  const handled: string[] = [];
  const gone: string[] = [];
  let retry: PushResult['retry'];
  let sent = 0;
  await Promise.all(
    wanted.map(async (sub) => {
      let res: Response;
      try {
        res = await sendPush(deps.config, sub, pushPayload(sub.accessToken, entity));
      } catch (err) {
        deps.log.warn('push service unreachable; retrying', { subscription: sub.id, error: (err as Error).message });
        retry ??= {};
        return;
      }
      await res.body?.cancel();
      if (res.ok) {
        sent++;
        handled.push(sub.id);
      } else if (res.status === 404 || res.status === 410) {
        gone.push(sub.id);
      } else if (res.status === 429 || res.status >= 500) {
        const delay = retryAfterSeconds(res);
        retry = { delaySeconds: Math.max(retry?.delaySeconds ?? 0, delay ?? 0) || undefined };
        deps.log.warn('push service busy; retrying', { subscription: sub.id, status: res.status });
      } else {
        deps.log.warn('push refused; dropped', { subscription: sub.id, status: res.status });
        handled.push(sub.id);
      }
    }),
  );
  const writes = [
    ...handled.map((id) => deps.db.insert(pushDeliveries).values({ subscriptionId: id, notificationId: row.id }).onConflictDoNothing()),
    ...(gone.length ? [deps.db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, gone))] : []),
  ];
  if (writes.length) await deps.db.batch(writes as [(typeof writes)[number], ...typeof writes]);
  return { sent, ...(retry && { retry }) };
}
