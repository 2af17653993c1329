/** Cloudflare Queues take at most this many messages in one `sendBatch` call. */
export const SEND_BATCH = 100;

/** Queues every body, `SEND_BATCH` a call. */
export async function sendAll<T>(queue: Queue<T>, bodies: readonly T[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += SEND_BATCH) await queue.sendBatch(bodies.slice(i, i + SEND_BATCH).map((body) => ({ body })));
}
