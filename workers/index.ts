/**
 * The SMILE Worker: the API and web client (fetch), queue consumers (queue) and housekeeping
 * (scheduled), with the Durable Object classes exported from the same script — all but the
 * conversations' (`ChatRoom`, `AgentSession`), which the chat Worker (workers/chat.ts) exports.
 */
import { createApp } from './api/app';
import { runScheduled } from './cron';
import type { Env } from './env';
import { handleQueue } from './queues';

export { LiveStream } from '../durable-objects/LiveStream';
export { RateLimiter } from '../durable-objects/RateLimiter';
export { TestPaymentProvider } from '../durable-objects/TestPaymentProvider';
export { UserStream } from '../durable-objects/UserStream';

const app = createApp();

export default {
  fetch: app.fetch,
  queue: handleQueue,
  scheduled: runScheduled,
} satisfies ExportedHandler<Env>;
