import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, count, json, signUp, type TestUser } from './helpers';
import { deliver, lighthouseAgent, makeDue, postRows, runCron, settledPost, statusesOf } from './agent-posting.helpers';

let owner: TestUser;
let stranger: TestUser;
let agentId: string;

beforeAll(async () => {
  owner = await signUp();
  stranger = await signUp();
  agentId = await lighthouseAgent(owner, { posting_mode: 'approve' });
});

const drafts = (user: TestUser, agent = agentId) => call(`/api/v1/agents/${agent}/drafts`, { token: user.token });

/** One more draft of the approve-first agent, through the cron and the queue. */
async function newDraft(): Promise<Record<string, any>> {
  const before = (await postRows(agentId)).length;
  await makeDue(agentId);
  await runCron();
  const rows = await settledPost(agentId, before + 1);
  expect(rows).toHaveLength(before + 1);
  const list = await json<any[]>(await drafts(owner));
  return list[0]!;
}

describe('approve-first mode: drafts for the owner', () => {
  it('a due slot makes a draft, not a status; the owner lists it with its topic, slot and verdict', async () => {
    const draft = await newDraft();
    expect(draft).toMatchObject({ topic: 'lighthouses', moderation: { action: 'allow', reason: null } });
    expect(draft.text).toMatch(/lighthouse/i);
    expect(Date.parse(draft.slot_at)).toBeLessThan(Date.now());
    expect(await count('statuses', 'account_id = ?', agentId)).toBe(0);
  });

  it('the owner edits a draft (moderated again: a refused text is a 422 and changes nothing), then publishes it as an ai_generated status', async () => {
    const draft = await newDraft();
    const refused = await call(`/api/v1/agents/${agentId}/drafts/${draft.id}`, { method: 'PATCH', token: owner.token, json: { text: 'kill yourself' } });
    expect(refused.status).toBe(422);
    expect((await json(refused)).details.text[0].error).toBe('ERR_MODERATION');
    const blank = await call(`/api/v1/agents/${agentId}/drafts/${draft.id}`, { method: 'PATCH', token: owner.token, json: { text: '   ' } });
    expect(blank.status).toBe(422);

    const edited = await call(`/api/v1/agents/${agentId}/drafts/${draft.id}`, { method: 'PATCH', token: owner.token, json: { text: 'Kestrel Point light shines again tonight. #lighthouses' } });
    expect(edited.status).toBe(200);
    expect(await json(edited)).toMatchObject({ id: draft.id, text: 'Kestrel Point light shines again tonight. #lighthouses', moderation: { action: 'allow' } });

    const published = await call(`/api/v1/agents/${agentId}/drafts/${draft.id}/publish`, { method: 'POST', token: owner.token });
    expect(published.status).toBe(200);
    const status = await json(published);
    expect(status).toMatchObject({ account: { id: agentId }, smile: { ai_generated: true } });
    expect(status.content).toContain('Kestrel Point light shines again tonight.');
    expect((await json<any[]>(await drafts(owner))).map((d) => d.id)).not.toContain(draft.id);
    // Published once: a second publish finds no draft.
    expect((await call(`/api/v1/agents/${agentId}/drafts/${draft.id}/publish`, { method: 'POST', token: owner.token })).status).toBe(404);
    expect((await statusesOf(stranger, agentId)).map((s) => s.id)).toContain(status.id);
  });

  it('an edit that moderation holds keeps the draft, held, with the reason; it cannot be published until changed', async () => {
    const draft = await newDraft();
    const held = await json(await call(`/api/v1/agents/${agentId}/drafts/${draft.id}`, { method: 'PATCH', token: owner.token, json: { text: 'Every armour has a chink in it.' } }));
    expect(held.moderation).toMatchObject({ action: 'hold', reason: expect.stringMatching(/.+/) });
    expect((await call(`/api/v1/agents/${agentId}/drafts/${draft.id}/publish`, { method: 'POST', token: owner.token })).status).toBe(409);
    const fixed = await json(await call(`/api/v1/agents/${agentId}/drafts/${draft.id}`, { method: 'PATCH', token: owner.token, json: { text: 'Every armour has a weak spot.' } }));
    expect(fixed.moderation).toEqual({ action: 'allow', reason: null });
    expect((await call(`/api/v1/agents/${agentId}/drafts/${draft.id}/publish`, { method: 'POST', token: owner.token })).status).toBe(200);
  });

  it('the owner discards a draft: it leaves the list and the slot is never posted', async () => {
    const draft = await newDraft();
    const statuses = await count('statuses', 'account_id = ?', agentId);
    const res = await call(`/api/v1/agents/${agentId}/drafts/${draft.id}`, { method: 'DELETE', token: owner.token });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({});
    expect((await json<any[]>(await drafts(owner))).map((d) => d.id)).not.toContain(draft.id);
    const row = (await postRows(agentId)).find((r) => r.id === draft.id)!;
    expect(row.state).toBe('discarded');
    // A redelivered message for that slot leaves it discarded.
    const slotAt = (await env.DB.prepare('SELECT slot_at AS s FROM agent_posts WHERE id = ?').bind(draft.id).first<{ s: number }>())!.s;
    await deliver({ type: 'post', agentId, slotAt }, {}, 2);
    expect((await postRows(agentId)).find((r) => r.id === draft.id)!.state).toBe('discarded');
    expect(await count('statuses', 'account_id = ?', agentId)).toBe(statuses);
    expect((await call(`/api/v1/agents/${agentId}/drafts/${draft.id}`, { method: 'DELETE', token: owner.token })).status).toBe(404);
  });
});

describe('schedule and stats', () => {
  it('the schedule shows the mode, cadence and the next 5 slots; a paused agent has none', async () => {
    const schedule = await json(await call(`/api/v1/agents/${agentId}/schedule`, { token: owner.token }));
    expect(schedule).toMatchObject({ posting_mode: 'approve', cadence_minutes: 60, status: 'active' });
    expect(schedule.upcoming).toHaveLength(5);
    expect(schedule.upcoming[0]).toBe(schedule.next_post_at);
    expect(Date.parse(schedule.upcoming[1]) - Date.parse(schedule.upcoming[0])).toBe(60 * 60_000);

    const paused = await lighthouseAgent(owner);
    await call(`/api/v1/agents/${paused}/pause`, { method: 'POST', token: owner.token });
    expect(await json(await call(`/api/v1/agents/${paused}/schedule`, { token: owner.token }))).toMatchObject({ status: 'paused', next_post_at: null, upcoming: [] });
  });

  it("stats show the engagement with the agent's posts after a like", async () => {
    const agent = await lighthouseAgent(owner);
    await makeDue(agent);
    await runCron();
    const [post] = await settledPost(agent);
    expect((await call(`/api/v1/statuses/${post!.status_id}/favourite`, { method: 'POST', token: stranger.token })).status).toBe(200);
    const stats = await json(await call(`/api/v1/agents/${agent}/stats`, { token: owner.token }));
    expect(stats.posts).toEqual([
      expect.objectContaining({ status_id: post!.status_id, favourites_count: 1, reblogs_count: 0, replies_count: 0, reactions_count: 0, excerpt: expect.stringMatching(/lighthouse/i) }),
    ]);
    expect(stats.totals).toEqual({ posts: 1, favourites: 1, reblogs: 0, replies: 0 });
  });
});

describe('only the owner', () => {
  it('another person gets 403 on drafts, schedule, stats, edit, publish and discard; an unknown agent is 404', async () => {
    const [draft] = await json<any[]>(await drafts(owner));
    const id = draft?.id ?? '1';
    const attempts: [string, string, Record<string, unknown>?][] = [
      ['GET', `/api/v1/agents/${agentId}/drafts`],
      ['GET', `/api/v1/agents/${agentId}/schedule`],
      ['GET', `/api/v1/agents/${agentId}/stats`],
      ['PATCH', `/api/v1/agents/${agentId}/drafts/${id}`, { text: 'mine now' }],
      ['POST', `/api/v1/agents/${agentId}/drafts/${id}/publish`],
      ['DELETE', `/api/v1/agents/${agentId}/drafts/${id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(path, { method, token: stranger.token, ...(body && { json: body }) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await call('/api/v1/agents/123456789/drafts', { token: owner.token })).status).toBe(404);
    expect((await call(`/api/v1/agents/${agentId}/drafts/123456789/publish`, { method: 'POST', token: owner.token })).status).toBe(404);
    expect((await call(`/api/v1/agents/${agentId}/drafts`)).status).toBe(401);
  });
});
