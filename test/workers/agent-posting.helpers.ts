/** Helpers of the auto-posting tests: agents due now, the cron run, queue deliveries, reads of what was posted. */
import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../workers/index';
import { call, createAgent, eventually, json, type TestUser } from './helpers';
import { settled, upload } from './training.helpers';

export const LIGHTHOUSE_FACT = 'The lighthouse on Kestrel Point was built in 1887.';

/** An agent about lighthouses, trained on one file that states a fact about them. */
export async function lighthouseAgent(owner: TestUser, body: Record<string, unknown> = {}): Promise<string> {
  const agent = await createAgent(owner, { style: 'casual', topics: ['lighthouses'], catchphrases: ['Keep the light on'], cadence_minutes: 60, ...body });
  const res = await upload(owner, agent.id, 'lighthouses.txt', `${LIGHTHOUSE_FACT} Lighthouses guide ships along the coast at night.`);
  const file = await json(res);
  await settled(owner, agent.id, file.id);
  return agent.id;
}

/** Makes the agent due: its next post was `ago` ms ago. */
export async function makeDue(agentId: string, ago = 60_000): Promise<number> {
  const slotAt = Date.now() - ago;
  await env.DB.prepare('UPDATE agents SET next_post_at = ? WHERE account_id = ?').bind(slotAt, agentId).run();
  return slotAt;
}

/** Runs the scheduled job as the cron trigger would; `queue` replaces the agent-tasks producer. */
export async function runCron(scheduledTime = Date.now(), queue: Queue = env.AGENT_TASKS_QUEUE): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '*/5 * * * *' }), { ...env, AGENT_TASKS_QUEUE: queue }, ctx);
  await waitOnExecutionContext(ctx);
}

/** A producer that records what is sent, then sends it to the real queue. */
export function recordingQueue(): { queue: Queue; sent: unknown[] } {
  const sent: unknown[] = [];
  const queue = {
    send: async (body: unknown) => {
      sent.push(body);
      await env.AGENT_TASKS_QUEUE.send(body);
    },
    sendBatch: async (messages: Iterable<MessageSendRequest>) => {
      for (const m of messages) sent.push(m.body);
      await env.AGENT_TASKS_QUEUE.sendBatch(messages);
    },
  } as unknown as Queue;
  return { queue, sent };
}

/** Delivers one message to the agent-tasks consumer, as the queue would; `overrides` replace bindings. */
export async function deliver(body: unknown, overrides: Partial<typeof env> = {}, attempts = 1) {
  const batch = createMessageBatch('agent-tasks', [{ id: `m-${Math.random()}`, timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return getQueueResult(batch, ctx);
}

export interface PostRow {
  id: string;
  state: string;
  text: string | null;
  topic: string | null;
  status_id: string | null;
  moderation_reason: string | null;
}

export async function postRows(agentId: string): Promise<PostRow[]> {
  const { results } = await env.DB.prepare('SELECT id, state, text, topic, status_id, moderation_reason FROM agent_posts WHERE agent_id = ? ORDER BY slot_at').bind(agentId).all<PostRow>();
  return results;
}

/** The agent's statuses as its owner sees them (held ones included). */
export async function statusesOf(viewer: TestUser, agentId: string): Promise<Record<string, any>[]> {
  return json<Record<string, any>[]>(await call(`/api/v1/accounts/${agentId}/statuses`, { token: viewer.token }));
}

/** Waits until the agent has `n` posts, all settled (not claimed or publishing any more). */
export const settledPost = (agentId: string, n = 1) =>
  eventually(
    () => postRows(agentId),
    (rows) => rows.length >= n && rows.every((r) => r.state !== 'claimed' && r.state !== 'publishing'),
    15_000,
  );

export const nextPostAt = async (agentId: string) => (await env.DB.prepare('SELECT next_post_at AS at FROM agents WHERE account_id = ?').bind(agentId).first<{ at: number | null }>())!.at;
