/**
 * The `fanout` queue's consumer: after a status is posted, edited or deleted, or a notification
 * is written, it writes a new status into its followers' home feeds (`social/home-feed.ts`),
 * then works out who is listening and publishes to their UserStream objects. A notification
 * whose recipient has Web Push subscriptions is queued again as a `push` message, so that a
 * push service asking to retry later repeats only the push (`api/push/deliver.ts`).
 *
 * Each account's event carries the Status entity hydrated for that account (its own
 * favourited/bookmarked flags), as its REST timelines would show it; anonymous public sockets
 * get the anonymous entity. Publishing stores nothing, so the consumer is idempotent in the
 * only sense that matters: a redelivered message publishes the same events twice at worst,
 * and a client sees a duplicate `update` it already de-duplicates by id.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { FanoutMessage, type StatusFanout } from '../../shared/schemas/streaming';
import { PUBLIC_CHANNEL } from '../../durable-objects/UserStream';
import type { Services } from '../api/context';
import { conversationsHolding } from '../api/conversations/conversations.service';
import { serializeConversations } from '../api/conversations/serializers';
import { notifications } from '../api/db/notifications';
import { pushSubscriptions } from '../api/db/push';
import type { StatusRow } from '../api/db/social';
import { liveNotificationKey, notifyFollowersLive } from '../api/live/notify-followers';
import { createLogger, type Logger } from '../api/lib/logger';
import { sendAll } from '../api/lib/queue-batches';
import { idSet } from '../api/lib/sql';
import { serializeNotifications } from '../api/notifications/serializers';
import { pushNotification } from '../api/push/deliver';
import { hydrateStatus } from '../api/social/hydrate';
import { findStatus } from '../api/social/statuses.service';
import { fanOut } from '../api/social/home-feed';
import { notShielded, reblogAudience, statusAudience } from '../api/streaming/audience';
import type { Env } from '../env';
import { loadConfig } from '../env';

type Deps = Pick<Services, 'db' | 'config'>;
type StatusMessage = StatusFanout;

const streamOf = (env: Env, name: string) => env.USER_STREAM.get(env.USER_STREAM.idFromName(name));

/** A status as each viewer sees it, hydrated once per viewer. */
function payloads(deps: Deps, row: StatusRow) {
  const cache = new Map<string | null, Promise<string>>();
  return (viewer: string | null) => {
    let p = cache.get(viewer);
    if (!p) cache.set(viewer, (p = hydrateStatus(deps, viewer, row).then((s) => JSON.stringify(s))));
    return p;
  };
}

/** Public statuses (not reblogs) go to the public stream and the hashtag streams of their tags. */
async function publishPublic(env: Env, deps: Deps, m: StatusMessage, event: string, payloadFor: (viewer: string | null) => Promise<string>): Promise<void> {
  const keys = ['public', ...m.tags.map((t) => `hashtag:${t}`)];
  const channel = streamOf(env, PUBLIC_CHANNEL);
  const anonymous = await payloadFor(null);
  await Promise.all(keys.map((k) => channel.publish(k, event, anonymous)));
  const listeners = await notShielded(deps.db, m.authorId, await channel.listeners());
  await Promise.all(
    listeners.map(async (id) => {
      const stream = streamOf(env, id);
      const wanted = await stream.wants(keys);
      if (wanted.length === 0) return;
      const payload = await payloadFor(id);
      await Promise.all(wanted.map((k) => stream.publish(k, event, payload)));
    }),
  );
}

/** Queues a `push` message for each notification whose recipient has a push subscription. */
async function queuePushes(env: Env, deps: Deps, rows: (typeof notifications.$inferSelect)[]): Promise<void> {
  if (rows.length === 0) return;
  const subscribed = await deps.db
    .selectDistinct({ accountId: pushSubscriptions.accountId })
    .from(pushSubscriptions)
    .where(sql`${pushSubscriptions.accountId} IN ${idSet([...new Set(rows.map((r) => r.accountId))])}`);
  const recipients = new Set(subscribed.map((s) => s.accountId));
  await sendAll<FanoutMessage>(env.FANOUT_QUEUE, rows.filter((r) => recipients.has(r.accountId)).map((r) => ({ kind: 'push', notificationId: r.id })));
}

async function publishNotifications(env: Env, deps: Deps, rows: (typeof notifications.$inferSelect)[]): Promise<void> {
  await queuePushes(env, deps, rows);
  await streamNotifications(env, deps, rows);
}

async function streamNotifications(env: Env, deps: Deps, rows: (typeof notifications.$inferSelect)[]): Promise<void> {
  await Promise.all(
    rows.map(async (row) => {
      const stream = streamOf(env, row.accountId);
      const wanted = await stream.wants(['user', 'user:notification']);
      if (wanted.length === 0) return;
      const [entity] = await serializeNotifications(deps, row.accountId, [row]);
      if (!entity) return;
      await Promise.all(wanted.map((k) => stream.publish(k, 'notification', entity)));
    }),
  );
}

async function statusChanged(env: Env, deps: Deps, m: StatusMessage): Promise<void> {
  // Homes first: a follower who refreshes rather than streams must find it there.
  if (m.kind === 'status.created') await fanOut(deps.db, m.statusId);
  const audience = await statusAudience(deps.db, m, await streamOf(env, PUBLIC_CHANNEL).online());
  const isPublic = m.visibility === 'public';
  if (m.kind === 'status.deleted') {
    const key = m.visibility === 'direct' ? 'direct' : 'user';
    await Promise.all(audience.map((id) => streamOf(env, id).publish(key, 'delete', m.statusId)));
    if (isPublic) await publishPublic(env, deps, m, 'delete', async () => m.statusId);
    return;
  }
  const row = await findStatus(deps, m.statusId);
  // Deleted before the message was handled: its `status.deleted` message tells the streams.
  if (!row) return;
  if (row.reblogOfId) return reblogged(env, deps, row, row.reblogOfId);
  const event = m.kind === 'status.created' ? 'update' : 'status.update';
  const payloadFor = payloads(deps, row);
  if (m.visibility === 'direct') {
    await publishConversations(env, deps, row.id, audience);
  } else {
    await Promise.all(
      audience.map(async (id) => {
        const stream = streamOf(env, id);
        if ((await stream.wants(['user'])).length) await stream.publish('user', event, await payloadFor(id));
      }),
    );
  }
  if (isPublic) await publishPublic(env, deps, m, event, payloadFor);
  // The notifications the write itself created (mentions, "new post" bells, edits of a shared status).
  const types = m.kind === 'status.created' ? (['mention', 'status'] as const) : (['update'] as const);
  const rows = await deps.db.select().from(notifications).where(and(eq(notifications.statusId, m.statusId), inArray(notifications.type, [...types])));
  await publishNotifications(env, deps, rows);
}

/**
 * A direct status reaches each participant's `direct` stream as their Conversation entity (as
 * Mastodon's `conversation` event), read after the batch that updated their row.
 */
async function publishConversations(env: Env, deps: Deps, statusId: string, audience: string[]): Promise<void> {
  const rows = await conversationsHolding(deps.db, statusId, audience);
  await Promise.all(
    rows.map(async (row) => {
      const stream = streamOf(env, row.accountId);
      if ((await stream.wants(['direct'])).length === 0) return;
      const [entity] = await serializeConversations(deps, row.accountId, [row]);
      if (entity) await stream.publish('direct', 'conversation', entity);
    }),
  );
}

/** A reblog reaches home streams only (Mastodon keeps reblogs off the public timelines). */
async function reblogged(env: Env, deps: Deps, row: StatusRow, originalId: string): Promise<void> {
  const original = await findStatus(deps, originalId);
  if (!original) return;
  const payloadFor = payloads(deps, row);
  const audience = await reblogAudience(deps.db, row.accountId, original.accountId, await streamOf(env, PUBLIC_CHANNEL).online());
  await Promise.all(
    audience.map(async (id) => {
      const stream = streamOf(env, id);
      if ((await stream.wants(['user'])).length) await stream.publish('user', 'update', await payloadFor(id));
    }),
  );
}

/**
 * Every follower gets a `live` notification and, with a push subscription, a push; the
 * connected ones also see it on their streams.
 */
async function liveStarted(env: Env, deps: Deps, authorId: string, streamId: string): Promise<void> {
  await notifyFollowersLive(deps.db, authorId, streamId);
  // Through the followers, so each row is found by the (account, event key) index.
  const rows = await deps.db
    .select()
    .from(notifications)
    .where(and(sql`${notifications.accountId} IN (SELECT account_id FROM follows WHERE target_id = ${authorId})`, eq(notifications.groupKey, liveNotificationKey(authorId, streamId))));
  await queuePushes(env, deps, rows);
  const online = new Set(await statusAudience(deps.db, { authorId, visibility: 'private', mentionIds: [] }, await streamOf(env, PUBLIC_CHANNEL).online()));
  await streamNotifications(env, deps, rows.filter((r) => online.has(r.accountId)));
}

async function handle(env: Env, deps: Deps, m: Exclude<FanoutMessage, { kind: 'push' }>): Promise<void> {
  if (m.kind === 'live.started') return liveStarted(env, deps, m.authorId, m.streamId);
  if (m.kind !== 'notification') return statusChanged(env, deps, m);
  const rows = await deps.db.select().from(notifications).where(and(eq(notifications.accountId, m.recipientId), eq(notifications.groupKey, m.groupKey))).limit(1);
  await publishNotifications(env, deps, rows);
}

/** Pushes a notification; a push service that asked to retry has the message retried, after the delay it named. */
async function push(deps: Deps & { log: Logger }, msg: Message<unknown>, notificationId: string): Promise<void> {
  const { retry } = await pushNotification(deps, notificationId);
  if (retry) msg.retry(retry.delaySeconds ? { delaySeconds: retry.delaySeconds } : undefined);
  else msg.ack();
}

/** Handles each message on its own: one failure retries that message, not the batch. */
export async function fanoutConsumer(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const config = loadConfig(env);
  const log = createLogger(config.LOG_LEVEL, { queue: batch.queue });
  const deps = { db: drizzle(env.DB), config, log };
  for (const msg of batch.messages) {
    const parsed = FanoutMessage.safeParse(msg.body);
    if (!parsed.success) {
      // Retrying cannot fix a malformed body; it is logged and dropped.
      log.error('malformed fanout message', { id: msg.id, issues: parsed.error.issues.map((i) => i.message) });
      msg.ack();
      continue;
    }
    try {
      if (parsed.data.kind === 'push') {
        await push(deps, msg, parsed.data.notificationId);
        continue;
      }
      await handle(env, deps, parsed.data);
      msg.ack();
    } catch (err) {
      log.warn('fanout failed; retrying', { id: msg.id, error: (err as Error).message });
      msg.retry();
    }
  }
}
