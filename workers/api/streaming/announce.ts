/**
 * The producer side of the streaming API: after a write is stored, the route sends a message
 * to the `fanout` queue, whose consumer (`workers/queues/fanout.ts`) delivers the events.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { FanoutMessage, StatusFanout } from '../../../shared/schemas/streaming';
import type { Status } from '../../../shared/schemas/statuses';
import type { AppEnv } from '../context';
import { type NotificationEvent, notificationKey } from '../notifications/notify';

/**
 * Queues fan-out messages. The write they describe is already stored, so a failure to queue
 * is logged rather than failing the request: live sockets miss an event that the REST
 * timelines still show.
 */
export function announce(c: Context<AppEnv>, messages: FanoutMessage[]): void {
  if (messages.length === 0) return;
  // Sent after the response (`waitUntil`): the write is stored, so the client need not wait for the queue.
  const sent = c.env.FANOUT_QUEUE.sendBatch(messages.map((body) => ({ body }))).catch((err: unknown) => {
    c.var.log.warn('could not queue fan-out', { error: (err as Error).message, kinds: messages.map((m) => m.kind) });
  });
  c.executionCtx.waitUntil(sent);
}

/** The message for a posted, edited or deleted status, from its Status entity. */
export function statusMessage(kind: StatusFanout['kind'], s: z.input<typeof Status>): StatusFanout {
  return {
    kind,
    statusId: s.id,
    authorId: s.account.id,
    visibility: s.visibility,
    tags: s.tags.map((t) => t.name.toLowerCase()),
    mentionIds: s.mentions.map((m) => m.id),
  };
}

/** The message for a notification written in the batch of an action (a favourite, a follow). */
export function notificationMessage(e: NotificationEvent): FanoutMessage {
  return { kind: 'notification', recipientId: e.recipientId, groupKey: notificationKey(e) };
}
