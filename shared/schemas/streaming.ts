/**
 * The Mastodon streaming API on the wire: the frames a client sends over the WebSocket, the
 * stream names it may ask for, and the fan-out queue's message bodies. Everything that arrives
 * from a socket or a queue is parsed with these schemas, never cast.
 */
import { z } from 'zod';

/** Stream names a client may subscribe to. All accounts are local, so `:local` equals its plain stream. */
export const STREAM_NAMES = ['user', 'user:notification', 'public', 'public:local', 'hashtag', 'hashtag:local', 'direct'] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

/** Streams that carry only the caller's own events: they need a user token. */
export const USER_STREAMS: readonly StreamName[] = ['user', 'user:notification', 'direct'];

const tag = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .transform((t) => t.replace(/^#/, '').toLowerCase());

/** A subscription as the client names it: a stream, and a tag for the hashtag streams. */
export const StreamRequest = z
  .object({ stream: z.enum(STREAM_NAMES), tag: tag.optional() })
  .refine((r) => !r.stream.startsWith('hashtag') || r.tag !== undefined, { message: 'A hashtag stream needs a tag', path: ['tag'] });
export type StreamRequest = z.output<typeof StreamRequest>;

/** A frame from the client: `{"type":"subscribe","stream":"hashtag","tag":"x"}`. */
export const ClientFrame = z.intersection(z.object({ type: z.enum(['subscribe', 'unsubscribe']) }), StreamRequest);
export type ClientFrame = z.output<typeof ClientFrame>;

/** The frames the server sends: events, and errors for frames it could not use. */
export interface EventFrame {
  stream: string[];
  event: 'update' | 'notification' | 'delete' | 'status.update' | 'conversation';
  payload: string;
}

/** A fan-out job, sent to the `fanout` queue after the write it describes is stored. */
export const FanoutMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['status.created', 'status.updated', 'status.deleted']),
    statusId: z.string(),
    authorId: z.string(),
    visibility: z.enum(['public', 'unlisted', 'private', 'direct']),
    /** Lower-cased tag names. */
    tags: z.array(z.string()),
    /** Mentioned account ids: a deleted status's mentions are gone when the consumer runs. */
    mentionIds: z.array(z.string()),
  }),
  /** A notification is found by its recipient and event key: a repeated action keeps the first row. */
  z.object({ kind: z.literal('notification'), recipientId: z.string(), groupKey: z.string() }),
  /** A stored notification to push to its recipient's Web Push subscriptions (docs/push.md). */
  z.object({ kind: z.literal('push'), notificationId: z.string() }),
  /** An account went live: its followers are notified (one row each) and the connected ones told. */
  z.object({ kind: z.literal('live.started'), streamId: z.string(), authorId: z.string() }),
]);
export type FanoutMessage = z.output<typeof FanoutMessage>;
export type StatusFanout = Exclude<FanoutMessage, { kind: 'notification' | 'push' | 'live.started' }>;
