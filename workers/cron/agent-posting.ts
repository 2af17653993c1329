/**
 * Queues the posts that are due: every active agent whose `next_post_at` has passed gets one
 * `post` message for that slot, and its `next_post_at` moves to its first slot after now — in the
 * same D1 batch (one transaction) that picks the agents, so a second run (or a second cron in the
 * same minute) finds nothing left to queue. After an outage the agent posts once for the missed
 * time, not once per missed slot. The consumer claims each (agent, slot) anyway, so a message
 * delivered twice still posts once.
 */
import { SEND_BATCH } from '../api/lib/queue-batches';
import type { PostTask } from '../../shared/schemas/agent-posting';

/** Agents picked per batch; a run continues until none are due (at most `MAX_ROUNDS` batches). */
const PER_ROUND = 500;
const MAX_ROUNDS = 20;

// Ordered and limited the same way in both statements of the batch, so they pick the same agents.
const DUE = `SELECT account_id FROM agents WHERE status = 'active' AND next_post_at <= CAST(?1 AS INTEGER) ORDER BY next_post_at, account_id LIMIT ?2`;
/** The first slot after now on the agent's cadence, counted from the slot that fell due. */
const NEXT = `next_post_at + cadence_minutes * 60000 * ((CAST(?1 AS INTEGER) - next_post_at) / (cadence_minutes * 60000) + 1)`;

interface Due {
  agentId: string;
  slotAt: number;
  nextAt: number;
}

/** Picks up to `PER_ROUND` due agents and moves each one's next post on, atomically. */
async function takeDue(db: D1Database, now: number): Promise<Due[]> {
  const [picked] = await db.batch<Due>([
    db.prepare(`SELECT account_id AS agentId, next_post_at AS slotAt, ${NEXT} AS nextAt FROM agents WHERE account_id IN (${DUE})`).bind(now, PER_ROUND),
    db.prepare(`UPDATE agents SET next_post_at = ${NEXT} WHERE account_id IN (${DUE})`).bind(now, PER_ROUND),
  ]);
  return picked?.results ?? [];
}

/**
 * Queues every due agent's post; returns how many were queued. A batch the queue refuses gives
 * its agents their slot back (unless something moved it meanwhile), so the next run queues them.
 */
export async function queueDuePosts(db: D1Database, queue: Queue<PostTask>, now: number): Promise<{ queued: number; failed: number }> {
  let queued = 0;
  let failed = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = await takeDue(db, now);
    for (let i = 0; i < due.length; i += SEND_BATCH) {
      const chunk = due.slice(i, i + SEND_BATCH);
      try {
        await queue.sendBatch(chunk.map((d) => ({ body: { type: 'post', agentId: d.agentId, slotAt: d.slotAt } })));
        queued += chunk.length;
      } catch {
        failed += chunk.length;
        await db.batch(chunk.map((d) => db.prepare('UPDATE agents SET next_post_at = ?1 WHERE account_id = ?2 AND next_post_at = ?3').bind(d.slotAt, d.agentId, d.nextAt)));
      }
    }
    if (due.length < PER_ROUND || failed) break;
  }
  return { queued, failed };
}
