/** Agents answer mentions in public statuses: once per status, moderated, within the owner's hourly limit, never while paused. */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { type TestUser, call, count, createAgent, eventually, json, postStatus, signUp } from './helpers';
import { settled, upload } from './training.helpers';

let owner: TestUser;
let person: TestUser;

beforeAll(async () => {
  [owner, person] = await Promise.all([signUp(), signUp()]);
});

const replies = (agentId: string, statusId: string) => count('statuses', 'account_id = ? AND in_reply_to_id = ?', agentId, statusId);

/** Delivers one `reply-mention` message to the consumer, as the queue would (again, for a redelivery). */
async function deliver(statusId: string, agentId: string, attempts = 1) {
  const batch = createMessageBatch('agent-tasks', [{ id: `m-${Math.random()}`, timestamp: new Date(), attempts, body: { type: 'reply-mention', statusId, agentId } }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe('agents answering mentions', () => {
  it('replies to a public mention from its training data, marked ai_generated, once however often the task is delivered', async () => {
    const agent = await createAgent(owner, { style: 'formal' });
    const file = await json(await upload(owner, agent.id, 'harbour.txt', 'The harbour wall of Brixholm is 412 metres long. Ferries leave at noon.'));
    await settled(owner, agent.id, file.id);
    const status = await postStatus(person, `@${agent.account.username} How long is the harbour wall of Brixholm?`);
    const [reply] = await eventually(
      () => env.DB.prepare('SELECT id, text FROM statuses WHERE account_id = ? AND in_reply_to_id = ?').bind(agent.id, status.id).all<{ id: string; text: string }>().then((r) => r.results),
      (rows) => rows.length > 0,
      15_000,
    );
    expect(reply!.text).toMatch(new RegExp(`^@${person.username} `));
    expect(reply!.text).toContain('412');
    const shown = await json(await call(`/api/v1/statuses/${reply!.id}`, { token: person.token }));
    expect(shown.smile.ai_generated).toBe(true);
    expect(shown.in_reply_to_id).toBe(status.id);

    for (const attempts of [2, 3]) expect((await deliver(status.id, agent.id, attempts)).explicitAcks).toHaveLength(1);
    expect(await replies(agent.id, status.id)).toBe(1);
  });

  it('answers a redelivery of a task whose record was lost with the same reply (idempotency key)', async () => {
    const agent = await createAgent(owner);
    const status = await postStatus(person, `@${agent.account.username} hello there`, { visibility: 'unlisted' });
    await eventually(() => replies(agent.id, status.id), (n) => n === 1, 15_000);
    await env.DB.prepare('DELETE FROM agent_mention_replies WHERE agent_id = ?').bind(agent.id).run();
    await deliver(status.id, agent.id, 2);
    expect(await replies(agent.id, status.id)).toBe(1);
  });

  it("keeps to the owner's mention_replies_per_hour, recording what it skipped", async () => {
    const agent = await createAgent(owner, { mention_replies_per_hour: 1 });
    const first = await postStatus(person, `@${agent.account.username} first question about the sea`);
    await eventually(() => replies(agent.id, first.id), (n) => n === 1, 15_000);
    const second = await postStatus(person, `@${agent.account.username} second question about the sea`);
    await eventually(() => count('agent_mention_replies', 'agent_id = ? AND status_id = ?', agent.id, second.id), (n) => n === 1, 15_000);
    expect(await replies(agent.id, second.id)).toBe(0);
    expect(await count('agent_mention_replies', "agent_id = ? AND status_id = ? AND outcome = 'skipped'", agent.id, second.id)).toBe(1);
  });

  it('does not answer while paused, nor private or direct mentions', async () => {
    const agent = await createAgent(owner);
    await call(`/api/v1/agents/${agent.id}/pause`, { token: owner.token, method: 'POST' });
    const status = await postStatus(person, `@${agent.account.username} are you there?`);
    // The route queues nothing for a paused agent; a task already queued before the pause does nothing either.
    expect((await deliver(status.id, agent.id)).explicitAcks).toHaveLength(1);
    expect(await replies(agent.id, status.id)).toBe(0);

    const active = await createAgent(owner);
    const direct = await postStatus(person, `@${active.account.username} a secret`, { visibility: 'direct' });
    await deliver(direct.id, active.id);
    expect(await replies(active.id, direct.id)).toBe(0);
  });

  it('never answers a status written by an agent', async () => {
    const agent = await createAgent(owner);
    const other = await createAgent(owner);
    const status = await postStatus(person, `@${agent.account.username} ping`, { visibility: 'private' });
    // The same status, as if the other agent had written it in public.
    await env.DB.prepare("UPDATE statuses SET account_id = ?, visibility = 'public' WHERE id = ?").bind(other.id, status.id).run();
    await deliver(status.id, agent.id);
    expect(await replies(agent.id, status.id)).toBe(0);
  });
});
