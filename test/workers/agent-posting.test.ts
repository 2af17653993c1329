import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, count, createAgent, eventually, json, postStatus, signUp, type TestUser } from './helpers';
import { LIGHTHOUSE_FACT, deliver, lighthouseAgent, makeDue, nextPostAt, postRows, recordingQueue, runCron, settledPost, statusesOf } from './agent-posting.helpers';

let owner: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  owner = await signUp();
  stranger = await signUp();
});

describe('auto-posting through the cron and the agent-tasks queue', () => {
  it('a due agent posts once, as itself, on its topic, marked ai_generated, and its next post moves one cadence on', async () => {
    const agentId = await lighthouseAgent(owner);
    const slotAt = await makeDue(agentId);
    const cronAt = Date.now();
    await runCron(cronAt);
    const [post] = await settledPost(agentId);
    expect(post).toMatchObject({ state: 'published', topic: 'lighthouses' });
    const statuses = await statusesOf(stranger, agentId);
    expect(statuses).toHaveLength(1);
    const [status] = statuses;
    expect(status!.id).toBe(post!.status_id);
    expect(status!.account.id).toBe(agentId);
    expect(status!.account.bot).toBe(true);
    expect(status!.smile.ai_generated).toBe(true);
    expect(status!.content).toContain(LIGHTHOUSE_FACT);
    // The slot that fell due was one minute ago: the next one is a cadence (60 min) after it.
    expect(await nextPostAt(agentId)).toBe(slotAt + 60 * 60_000);
    // Followers' homes and the public timeline hear of it like any post.
    const pub = await eventually(() => call('/api/v1/timelines/public?limit=40').then((r) => json<any[]>(r)), (list) => list.some((s) => s.id === status!.id));
    expect(pub.find((s) => s.id === status!.id)?.smile.ai_generated).toBe(true);
  });

  it('two cron runs in the same minute queue the slot once', async () => {
    const agentId = await lighthouseAgent(owner);
    await makeDue(agentId);
    const { queue, sent } = recordingQueue();
    const at = Date.now();
    await runCron(at, queue);
    await runCron(at + 1_000, queue);
    expect(sent.filter((m: any) => m.agentId === agentId)).toHaveLength(1);
    await settledPost(agentId);
    expect(await statusesOf(owner, agentId)).toHaveLength(1);
  });

  it('a redelivered message does not post twice', async () => {
    const agentId = await lighthouseAgent(owner);
    const slotAt = await makeDue(agentId);
    await runCron();
    const [first] = await settledPost(agentId);
    const message = { type: 'post', agentId, slotAt };
    for (let i = 0; i < 2; i++) {
      const result = await deliver(message, {}, 2 + i);
      expect(result.explicitAcks).toHaveLength(1);
    }
    expect(await postRows(agentId)).toEqual([first]);
    expect(await statusesOf(owner, agentId)).toHaveLength(1);
  });

  it('an attempt that stopped after creating the status is retried into the same status, not a second one', async () => {
    const agentId = await lighthouseAgent(owner);
    const message = { type: 'post', agentId, slotAt: Date.now() - 1_000 };
    // The fan-out send fails after the status was stored and before the post was marked published.
    const broken = { send: async () => Promise.reject(new Error('queue unavailable')), sendBatch: async () => Promise.reject(new Error('queue unavailable')) } as unknown as Queue;
    const failed = await deliver(message, { FANOUT_QUEUE: broken });
    expect(failed.retryMessages).toHaveLength(1);
    const [stuck] = await postRows(agentId);
    expect(stuck!.state).toBe('publishing');
    expect(await statusesOf(owner, agentId)).toHaveLength(1);

    const retried = await deliver(message, {}, 2);
    expect(retried.explicitAcks).toHaveLength(1);
    const [done] = await postRows(agentId);
    const statuses = await statusesOf(owner, agentId);
    expect(statuses).toHaveLength(1);
    expect(done).toMatchObject({ state: 'published', status_id: statuses[0]!.id });
  });

  it('a slot claimed by an attempt that stopped before writing is written and published once', async () => {
    const agentId = await lighthouseAgent(owner);
    const slotAt = Date.now() - 1_000;
    await env.DB.prepare("INSERT INTO agent_posts (id, agent_id, slot_at, state) VALUES (?, ?, ?, 'claimed')").bind(`${Date.now()}000`, agentId, slotAt).run();
    await deliver({ type: 'post', agentId, slotAt });
    await deliver({ type: 'post', agentId, slotAt }, {}, 2);
    expect((await postRows(agentId)).map((r) => r.state)).toEqual(['published']);
    expect(await statusesOf(owner, agentId)).toHaveLength(1);
  });

  it('after a long outage the agent posts once, and its next post is its first slot after now', async () => {
    const agentId = await lighthouseAgent(owner);
    const hour = 60 * 60_000;
    const slotAt = await makeDue(agentId, 10 * hour + 5 * 60_000);
    const at = Date.now();
    await runCron(at);
    await settledPost(agentId);
    await runCron(at + 1_000);
    expect(await postRows(agentId)).toHaveLength(1);
    const next = (await nextPostAt(agentId))!;
    expect(next).toBe(slotAt + 11 * hour);
    expect(next).toBeGreaterThan(at);
  });

  it('a paused agent is not queued, and a message queued before the pause posts nothing', async () => {
    const agentId = await lighthouseAgent(owner);
    const slotAt = await makeDue(agentId);
    expect((await call(`/api/v1/agents/${agentId}/pause`, { method: 'POST', token: owner.token })).status).toBe(200);
    // Even with a slot in the past, a paused agent is not picked.
    await env.DB.prepare('UPDATE agents SET next_post_at = ? WHERE account_id = ?').bind(slotAt, agentId).run();
    const { queue, sent } = recordingQueue();
    await runCron(Date.now(), queue);
    expect(sent.filter((m: any) => m.agentId === agentId)).toEqual([]);
    const result = await deliver({ type: 'post', agentId, slotAt });
    expect(result.explicitAcks).toHaveLength(1);
    expect(await postRows(agentId)).toEqual([]);
    expect(await count('statuses', 'account_id = ?', agentId)).toBe(0);
  });

  it('output that moderation holds is recorded for the owner and a moderator, and not published', async () => {
    // A humorous agent opens its posts with a catchphrase; "chink" is a word the classifier leaves to a person.
    const agent = await createAgent(owner, { style: 'humorous', topics: ['armour'], catchphrases: ['Every armour has a chink somewhere'] });
    const slotAt = Date.now() - 1_000;
    await deliver({ type: 'post', agentId: agent.id, slotAt });
    const [post] = await postRows(agent.id);
    expect(post).toMatchObject({ state: 'held', status_id: null });
    expect(post!.text).toMatch(/chink/i);
    expect(await count('statuses', 'account_id = ?', agent.id)).toBe(0);
    expect(await count('moderation_items', "subject_type = 'agent_output' AND subject_id = ? AND state = 'open'", post!.id)).toBe(1);
    const drafts = await json<any[]>(await call(`/api/v1/agents/${agent.id}/drafts`, { token: owner.token }));
    expect(drafts).toEqual([expect.objectContaining({ id: post!.id, moderation: { action: 'hold', reason: expect.stringMatching(/.+/) } })]);
    const publish = await call(`/api/v1/agents/${agent.id}/drafts/${post!.id}/publish`, { method: 'POST', token: owner.token });
    expect(publish.status).toBe(409);
    expect(await count('statuses', 'account_id = ?', agent.id)).toBe(0);
  });

  it('agents take their topics in turn, and every other slot one of their topics that is trending now', async () => {
    const agent = await createAgent(owner, { style: 'casual', topics: ['tide pools', 'foghorns'], cadence_minutes: 60 });
    const hour = 60 * 60_000;
    // Slot numbers count cadences since the epoch: an odd one may follow a trend, the rotation picks topics[n % 2].
    const odd = (Math.floor(Date.now() / hour) | 1) * hour - 2 * hour;
    await deliver({ type: 'post', agentId: agent.id, slotAt: odd });
    expect((await postRows(agent.id)).map((r) => r.topic)).toEqual(['foghorns']);
    // Two people post about #TidePools: now it is trending, and the next odd slot follows it.
    for (const user of [owner, stranger]) await postStatus(user, 'Low tide this morning, the #TidePools were full of anemones');
    await deliver({ type: 'post', agentId: agent.id, slotAt: odd + 2 * hour });
    expect((await postRows(agent.id)).map((r) => r.topic)).toEqual(['foghorns', 'tide pools']);
    // An even slot keeps to the rotation (topics[0]); rows are listed by slot.
    await deliver({ type: 'post', agentId: agent.id, slotAt: odd + hour });
    expect((await postRows(agent.id)).map((r) => r.topic)).toEqual(['foghorns', 'tide pools', 'tide pools']);
  });

  it('a malformed post message is acknowledged and does nothing; a message of an unknown type is retried toward the dead-letter queue', async () => {
    const result = await deliver({ type: 'post', agentId: 'not-an-id' });
    expect(result.explicitAcks).toHaveLength(1);
    const unknown = await deliver({ type: 'summon', agentId: 'x' });
    expect(unknown.explicitAcks).toEqual([]);
    expect(unknown.retryMessages).toHaveLength(1);
  });
});
