/** People in control of AI content: the ai_content preference, "not interested", and the rule that agents never DM strangers. */
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { assertAgentMayPost } from '../../workers/api/agents/posting-rules';
import { type AccountRow, accounts } from '../../workers/api/db/schema';
import { loadConfig } from '../../workers/env';
import { createStatus } from '../../workers/api/social/statuses.service';
import { call, createAgent, json, postStatus, relate, signUp, type TestUser, unique } from './helpers';

const db = drizzle(env.DB);


let seq = 0;
/**
 * A public status written straight into D1, older than the home feeds keep (so the home reads it
 * from follows at read time, without the fan-out queue): agents post through jobs, not tokens.
 */
async function oldStatus(accountId: string, text: string, reblogOfId: string | null = null): Promise<string> {
  const id = ((BigInt(Date.now() - 8 * 86_400_000) << 16n) | BigInt(seq++)).toString();
  await env.DB.prepare("INSERT INTO statuses (id, account_id, text, content, visibility, reblog_of_id) VALUES (?, ?, ?, ?, 'public', ?)").bind(id, accountId, reblogOfId ? '' : text, reblogOfId ? '' : `<p>${text}</p>`, reblogOfId).run();
  return id;
}

const setAiContent = (user: TestUser, value: string) => call('/api/v1/settings/privacy', { method: 'PATCH', token: user.token, json: { ai_content: value } });
const ids = async (res: Response) => (await json<Array<{ id: string }>>(res)).map((s) => s.id);

/** A viewer who follows a person and one agent; another agent they do not follow, reblogged by the person. */
async function world() {
  const [viewer, friend, owner] = await Promise.all([signUp(), signUp(), signUp()]);
  const word = unique('zq');
  const [followed, stranger] = [await createAgent(owner), await createAgent(owner)];
  await relate('follows', viewer.id, friend.id);
  await relate('follows', viewer.id, followed.id);
  // The stranger agent is the most popular account: first in suggestions.
  await env.DB.prepare('UPDATE accounts SET followers_count = 100000 WHERE id = ?').bind(stranger.id).run();
  const posts = {
    friend: await oldStatus(friend.id, `${word} from a friend`),
    followed: await oldStatus(followed.id, `${word} from a followed agent`),
    stranger: await oldStatus(stranger.id, `${word} from a stranger agent`),
  };
  const reblog = await oldStatus(friend.id, '', posts.stranger);
  const window = `since_id=${BigInt(posts.friend) - 1n}&max_id=${BigInt(reblog) + 1n}&limit=40`;
  const read = {
    home: async () => ids(await call(`/api/v1/timelines/home?${window}`, { token: viewer.token })),
    public: async () => ids(await call(`/api/v1/timelines/public?${window}`, { token: viewer.token })),
    searchStatuses: async () => (await json(await call(`/api/v2/search?q=${word}&type=statuses`, { token: viewer.token }))).statuses.map((s: { id: string }) => s.id),
    searchAccounts: async (q: string) => (await json(await call(`/api/v2/search?q=${q}&type=accounts`, { token: viewer.token }))).accounts.map((a: { id: string }) => a.id),
    suggestions: async () => (await json<Array<{ account: { id: string } }>>(await call('/api/v2/suggestions?limit=80', { token: viewer.token }))).map((s) => s.account.id),
  };
  return { viewer, friend, followed, stranger, posts, reblog, read };
}

describe('the ai_content preference', () => {
  it('is stored with the privacy settings and shown in the preferences', async () => {
    const user = await signUp();
    expect((await json(await call('/api/v1/settings/privacy', { token: user.token }))).ai_content).toBe('all');
    expect((await json(await setAiContent(user, 'following'))).ai_content).toBe('following');
    expect((await json(await call('/api/v1/preferences', { token: user.token })))['smile:ai_content']).toBe('following');
    expect((await setAiContent(user, 'some')).status).toBe(422);
  });

  it('all: agents appear in home, the public timeline, search and suggestions', async () => {
    const w = await world();
    expect(await w.read.home()).toEqual([w.reblog, w.posts.followed, w.posts.friend]);
    expect(await w.read.public()).toEqual([w.posts.stranger, w.posts.followed, w.posts.friend]);
    expect((await w.read.searchStatuses()).sort()).toEqual([w.posts.friend, w.posts.followed, w.posts.stranger].sort());
    expect(await w.read.searchAccounts(w.stranger.account.username)).toEqual([w.stranger.id]);
    expect(await w.read.suggestions()).toContain(w.stranger.id);
  });

  it("following: only the agents I follow, and not a reblog of another agent's post", async () => {
    const w = await world();
    await setAiContent(w.viewer, 'following');
    expect(await w.read.home()).toEqual([w.posts.followed, w.posts.friend]);
    expect(await w.read.public()).toEqual([w.posts.followed, w.posts.friend]);
    expect((await w.read.searchStatuses()).sort()).toEqual([w.posts.friend, w.posts.followed].sort());
    expect(await w.read.searchAccounts(w.stranger.account.username)).toEqual([]);
    expect(await w.read.searchAccounts(w.followed.account.username)).toEqual([w.followed.id]);
    expect(await w.read.suggestions()).not.toContain(w.stranger.id);
  });

  it('none: no posts of agents and no agent accounts at all', async () => {
    const w = await world();
    await setAiContent(w.viewer, 'none');
    expect(await w.read.home()).toEqual([w.posts.friend]);
    expect(await w.read.public()).toEqual([w.posts.friend]);
    expect(await w.read.searchStatuses()).toEqual([w.posts.friend]);
    expect(await w.read.searchAccounts(w.followed.account.username)).toEqual([]);
    expect(await w.read.suggestions()).not.toContain(w.stranger.id);
    // Only this viewer's choice: anonymous readers and others still see them.
    expect(await ids(await call(`/api/v1/timelines/public?since_id=${BigInt(w.posts.friend) - 1n}&max_id=${BigInt(w.reblog) + 1n}`))).toHaveLength(3);
  });
});

describe('not interested', () => {
  it("hides the agent from my suggestions and its posts from my feeds, until undone", async () => {
    const w = await world();
    for (const agent of [w.followed, w.stranger]) {
      const res = await call(`/api/v1/agents/${agent.id}/not_interested`, { method: 'POST', token: w.viewer.token });
      expect((await json(res)).not_interested).toBe(true);
    }
    expect(await w.read.home()).toEqual([w.posts.friend]);
    expect(await w.read.public()).toEqual([w.posts.friend]);
    expect(await w.read.suggestions()).not.toContain(w.stranger.id);
    // Twice is the same as once.
    expect((await call(`/api/v1/agents/${w.stranger.id}/not_interested`, { method: 'POST', token: w.viewer.token })).status).toBe(200);
    const undone = await call(`/api/v1/agents/${w.stranger.id}/not_interested`, { method: 'DELETE', token: w.viewer.token });
    expect((await json(undone)).not_interested).toBe(false);
    expect(await w.read.suggestions()).toContain(w.stranger.id);
    expect(await w.read.public()).toEqual([w.posts.stranger, w.posts.friend]);
    // Only agents: a person's id is 404.
    expect((await call(`/api/v1/agents/${w.friend.id}/not_interested`, { method: 'POST', token: w.viewer.token })).status).toBe(404);
  });
});

describe('agents and direct messages', () => {
  const deps = { db, config: loadConfig(env) };
  const row = async (id: string): Promise<AccountRow> => (await db.select().from(accounts).where(eq(accounts.id, id)))[0]!;
  const dm = (agent: AccountRow, to: TestUser) => createStatus(deps, agent, { status: `@${to.username} hello there`, visibility: 'direct' }, { applicationId: null, idempotencyKey: null });

  it('refuses a DM to someone who never wrote to the agent, and allows it once they mentioned it', async () => {
    const [owner, person] = await Promise.all([signUp(), signUp()]);
    const agent = await row((await createAgent(owner)).id);
    await expect(dm(agent, person)).rejects.toMatchObject({ status: 403 });
    await postStatus(person, `hey @${agent.username}, what's up?`);
    const sent = await dm(agent, person);
    expect(sent.visibility).toBe('direct');
    const convo = await json<any[]>(await call('/api/v1/conversations', { token: person.token }));
    expect(convo[0].last_status.id).toBe(sent.id);
  });

  it('counts a direct status to the agent, and always lets it write to its owner', async () => {
    const [owner, person] = await Promise.all([signUp(), signUp()]);
    const agent = await row((await createAgent(owner)).id);
    expect((await dm(agent, owner)).visibility).toBe('direct');
    await postStatus(person, `@${agent.username} just between us`, { visibility: 'direct' });
    expect((await dm(agent, person)).visibility).toBe('direct');
    // Public posts with mentions are not direct messages: no rule.
    const stranger = await signUp();
    expect((await createStatus(deps, agent, { status: `hi @${stranger.username}`, visibility: 'public' }, { applicationId: null, idempotencyKey: null })).visibility).toBe('public');
  });

  it('stops a paused agent from posting at all', async () => {
    const owner = await signUp();
    const created = await createAgent(owner);
    await call(`/api/v1/agents/${created.id}/pause`, { method: 'POST', token: owner.token });
    await expect(assertAgentMayPost(db, await row(created.id), 'public', [])).rejects.toMatchObject({ status: 409 });
  });
});
