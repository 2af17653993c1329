/** Agents: templates, creation, validation, the cap, ownership, versions, pause, delete, transfer, the Account entity. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { AGENT_TEMPLATES } from '../../shared/agents/templates';
import { TIERS } from '../../shared/money/tiers';
import { BASE, PNG_1X1, call, count, json, postStatus, signUp, type TestUser, unique } from './helpers';
import { fillAgents } from './tiers.helpers';

const create = (owner: TestUser, body: Record<string, unknown>) => call('/api/v1/agents', { token: owner.token, json: body });
async function created(owner: TestUser, body: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await create(owner, { username: unique('bot'), template: 'companion', ...body });
  if (res.status !== 200) throw new Error(`agent creation failed: ${res.status} ${await res.text()}`);
  return json(res);
}
const patch = (user: TestUser, id: string, body: Record<string, unknown>) => call(`/api/v1/agents/${id}`, { method: 'PATCH', token: user.token, json: body });
const post = (user: TestUser, path: string, body?: Record<string, unknown>) => call(path, { method: 'POST', token: user.token, json: body ?? {} });

describe('templates and creation', () => {
  it('lists the templates, each with a personality, a style and a cadence', async () => {
    const res = await call('/api/v1/agents/templates');
    expect(res.status).toBe(200);
    const list = await json<Array<Record<string, any>>>(res);
    expect(list.map((t) => t.name)).toEqual(['Influencer', 'Expert', 'Entertainer', 'Educator', 'Companion', 'Brand ambassador']);
    for (const t of list) {
      expect(t.personality.traits.length).toBeGreaterThan(0);
      expect(t.personality.boundaries.length).toBeGreaterThan(0);
      expect(['formal', 'casual', 'humorous', 'professional']).toContain(t.style);
      expect(t.cadence_minutes).toBeGreaterThan(0);
    }
  });

  it('creates an agent from each template: a bot account owned by its creator, with the template personality, at version 1', async () => {
    const owner = await signUp();
    for (const t of AGENT_TEMPLATES) {
      const username = unique(t.id.slice(0, 6));
      const a = await created(owner, { username, template: t.id, display_name: t.name, note: `A ${t.name} agent` });
      expect(a).toMatchObject({
        template: t.id,
        style: t.style,
        visibility: 'public',
        status: 'active',
        version: 1,
        owner: { id: owner.id, username: owner.username },
        personality: { traits: t.traits, topics: t.topics, voice: t.voice, catchphrases: t.catchphrases, boundaries: t.boundaries },
        posting: { cadence_minutes: t.cadenceMinutes, posting_mode: 'auto', mention_replies_per_hour: 10 },
        account: { username, display_name: t.name, bot: true, smile: { type: 'agent', owner_id: owner.id, label: '🤖' } },
      });
      expect(Date.parse(a.posting.next_post_at) - Date.now()).toBeGreaterThan(t.cadenceMinutes * 60_000 - 60_000);
    }
    const row = await env.DB.prepare('SELECT password_hash, email, kind FROM accounts WHERE id = (SELECT account_id FROM agents WHERE owner_id = ? LIMIT 1)').bind(owner.id).first();
    expect(row).toEqual({ password_hash: null, email: null, kind: 'agent' });
    expect(await count('agent_versions', 'agent_id IN (SELECT account_id FROM agents WHERE owner_id = ?)', owner.id)).toBe(AGENT_TEMPLATES.length);
  });

  it('applies overrides of the personality, style, visibility and posting settings, from JSON or a form', async () => {
    const owner = await signUp();
    const a = await created(owner, { template: 'expert', traits: ['dry', 'exact'], topics: ['chess'], voice: 'Terse.', catchphrases: [], boundaries: ['betting'], style: 'humorous', visibility: 'unlisted', cadence_minutes: 60, posting_mode: 'approve', mention_replies_per_hour: 3 });
    expect(a).toMatchObject({ personality: { traits: ['dry', 'exact'], topics: ['chess'], voice: 'Terse.', catchphrases: [], boundaries: ['betting'] }, style: 'humorous', visibility: 'unlisted', posting: { cadence_minutes: 60, posting_mode: 'approve', mention_replies_per_hour: 3 } });
    // Not listed: kept out of search and suggestions.
    expect(a.account).toMatchObject({ discoverable: false, indexable: false });
    const form = await call('/api/v1/agents', { token: owner.token, form: { username: unique('form'), template: 'educator', 'topics[]': 'maps', cadence_minutes: '90' } });
    expect(form.status).toBe(200);
    expect(await json(form)).toMatchObject({ personality: { topics: ['maps'] }, posting: { cadence_minutes: 90 } });
  });

  it('takes an avatar as a multipart upload', async () => {
    const owner = await signUp();
    const fd = new FormData();
    fd.set('username', unique('pic'));
    fd.set('template', 'influencer');
    fd.set('avatar', new File([PNG_1X1], 'a.png'));
    const res = await call('/api/v1/agents', { token: owner.token, multipart: fd });
    expect(res.status).toBe(200);
    const avatar = (await json(res)).account.avatar as string;
    expect(avatar).toMatch(/\/media\/avatars\//);
    expect(await env.MEDIA.get(new URL(avatar).pathname.replace('/media/', ''))).not.toBeNull();
  });

  it('refuses bad input with 422 and field errors, a bad template and a taken username, leaving nothing behind', async () => {
    const owner = await signUp();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ template: 'companion' }, 'username'],
      [{ username: 'has space', template: 'companion' }, 'username'],
      [{ username: unique(), template: 'wizard' }, 'template'],
      [{ username: unique() }, 'template'],
      [{ username: unique(), template: 'expert', style: 'angry' }, 'style'],
      [{ username: unique(), template: 'expert', visibility: 'secret' }, 'visibility'],
      [{ username: unique(), template: 'expert', cadence_minutes: 1 }, 'cadence_minutes'],
      [{ username: unique(), template: 'expert', traits: Array.from({ length: 13 }, (_, i) => `t${i}`) }, 'traits'],
      [{ username: unique(), template: 'expert', voice: 'x'.repeat(501) }, 'voice'],
    ];
    for (const [body, field] of cases) {
      const res = await create(owner, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys((await json(res)).details), JSON.stringify(body)).toContain(field);
    }
    const other = await signUp();
    for (const username of [other.username, other.username.toUpperCase()]) {
      const res = await create(owner, { username, template: 'expert' });
      expect(res.status).toBe(422);
      expect((await json(res)).details.username[0].error).toBe('ERR_TAKEN');
    }
    expect(await count('agents', 'owner_id = ?', owner.id)).toBe(0);
  });

  it(`caps each owner at their tier's agents (Free: ${TIERS.free.limits.agents}) with 403 naming the plan`, async () => {
    const owner = await signUp();
    const limit = TIERS.free.limits.agents;
    await fillAgents(owner, limit - 1);
    await created(owner);
    const res = await create(owner, { username: unique(), template: 'expert' });
    expect(res.status).toBe(403);
    expect(await json(res)).toMatchObject({ code: 'tier_limit', error: expect.stringContaining(`Free plan allows ${limit} agents`) });
    expect(await count('agents', 'owner_id = ?', owner.id)).toBe(limit);
  });

  it('lets only people and businesses create agents, and only signed-in ones', async () => {
    expect((await call('/api/v1/agents', { json: { username: unique(), template: 'expert' } })).status).toBe(401);
    const owner = await signUp();
    const a = await created(owner);
    await env.DB.prepare("UPDATE accounts SET kind = 'agent' WHERE id = ?").bind(owner.id).run();
    expect((await create(owner, { username: unique(), template: 'expert' })).status).toBe(403);
    expect(a.id).toBeDefined();
  });
});

describe('reading and ownership', () => {
  it('lists my agents, newest first, with paging', async () => {
    const owner = await signUp();
    const first = await created(owner);
    const second = await created(owner);
    const res = await call('/api/v1/agents?limit=1', { token: owner.token });
    expect((await json<any[]>(res)).map((a) => a.id)).toEqual([second.id]);
    expect(res.headers.get('link')).toContain(`max_id=${second.id}`);
    const older = await json<any[]>(await call(`/api/v1/agents?max_id=${second.id}`, { token: owner.token }));
    expect(older.map((a) => a.id)).toEqual([first.id]);
    expect(await json(await call('/api/v1/agents', { token: (await signUp()).token }))).toEqual([]);
  });

  it('shows a public or unlisted agent to anyone (posting settings to the owner only), a private one to its owner only', async () => {
    const [owner, other] = await Promise.all([signUp(), signUp()]);
    const pub = await created(owner);
    const seen = await json(await call(`/api/v1/agents/${pub.id}`, { token: other.token }));
    expect(seen).toMatchObject({ id: pub.id, posting: null, not_interested: false });
    expect((await call(`/api/v1/agents/${pub.id}`)).status).toBe(200);
    const priv = await created(owner, { visibility: 'private' });
    expect((await call(`/api/v1/agents/${priv.id}`, { token: other.token })).status).toBe(404);
    expect((await call(`/api/v1/agents/${priv.id}`)).status).toBe(404);
    expect((await call(`/api/v1/agents/${priv.id}`, { token: owner.token })).status).toBe(200);
    // A person is not an agent.
    expect((await call(`/api/v1/agents/${owner.id}`, { token: owner.token })).status).toBe(404);
  });

  it("refuses another person's edit, pause, resume, delete and transfer with 403, and changes nothing", async () => {
    const [owner, other] = await Promise.all([signUp(), signUp()]);
    const a = await created(owner);
    const attempts = [
      patch(other, a.id, { voice: 'mine now' }),
      post(other, `/api/v1/agents/${a.id}/pause`),
      post(other, `/api/v1/agents/${a.id}/resume`),
      call(`/api/v1/agents/${a.id}`, { method: 'DELETE', token: other.token }),
      post(other, `/api/v1/agents/${a.id}/transfer`, { account: other.username }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(403);
    expect(await json(await call(`/api/v1/agents/${a.id}`, { token: owner.token }))).toMatchObject({ status: 'active', version: 1, owner: { id: owner.id }, personality: { voice: a.personality.voice } });
  });
});

describe('versions', () => {
  it('makes a new version listing the changes when the personality or style changes, shown to everyone talking to the agent', async () => {
    const [owner, other] = await Promise.all([signUp(), signUp()]);
    const a = await created(owner, { template: 'educator' });
    const res = await patch(owner, a.id, { topics: ['astronomy', 'maps'], style: 'casual', voice: a.personality.voice });
    expect(res.status).toBe(200);
    const edited = await json(res);
    expect(edited).toMatchObject({ version: 2, style: 'casual', personality: { topics: ['astronomy', 'maps'] } });
    // The voice was sent unchanged: it is not a change.
    const changes = [
      { field: 'topics', from: a.personality.topics, to: ['astronomy', 'maps'] },
      { field: 'style', from: 'formal', to: 'casual' },
    ];
    const account = await json(await call(`/api/v1/accounts/${a.id}`, { token: other.token }));
    expect(account.bot).toBe(true);
    expect(account.smile.agent).toMatchObject({ owner: { id: owner.id, username: owner.username, acct: owner.username, url: `${BASE}/@${owner.username}` }, template: 'educator', style: 'casual', status: 'active', visibility: 'public', version: 2, changes });
    expect(Date.parse(account.smile.agent.updated_at)).toBeGreaterThan(Date.parse(a.created_at) - 1);
    const versions = await json<any[]>(await call(`/api/v1/agents/${a.id}/versions`, { token: other.token }));
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({ changes, snapshot: { topics: ['astronomy', 'maps'], style: 'casual' } });
    expect(versions[1]).toMatchObject({ changes: [], snapshot: { topics: a.personality.topics, style: 'formal' } });
  });

  it('changes posting settings and visibility in place, without a new version', async () => {
    const owner = await signUp();
    const a = await created(owner);
    const edited = await json(await patch(owner, a.id, { cadence_minutes: 30, posting_mode: 'approve', mention_replies_per_hour: 0, visibility: 'unlisted' }));
    expect(edited).toMatchObject({ version: 1, visibility: 'unlisted', posting: { cadence_minutes: 30, posting_mode: 'approve', mention_replies_per_hour: 0 }, account: { discoverable: false } });
    expect(Date.parse(edited.posting.next_post_at) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    expect(await count('agent_versions', 'agent_id = ?', a.id)).toBe(1);
    expect((await json(await patch(owner, a.id, { note: 'new bio', display_name: 'Renamed' }))).version).toBe(2);
    expect((await patch(owner, a.id, { cadence_minutes: 'often' })).status).toBe(422);
  });

  it('gives people no smile.agent, and agents the bot flag and owner in their row', async () => {
    const owner = await signUp();
    const a = await created(owner);
    const me = await json(await call('/api/v1/accounts/verify_credentials', { token: owner.token }));
    expect(me.smile.agent).toBeNull();
    expect(me.bot).toBe(false);
    const row = await env.DB.prepare('SELECT * FROM accounts WHERE id = ?').bind(a.id).first();
    expect(row).toMatchObject({ bot: 1, owner_id: owner.id });
  });
});

describe('pause, resume, delete, transfer', () => {
  it('pauses and resumes: paused has no next post, resuming schedules one', async () => {
    const owner = await signUp();
    const a = await created(owner);
    const paused = await json(await post(owner, `/api/v1/agents/${a.id}/pause`));
    expect(paused).toMatchObject({ status: 'paused', posting: { next_post_at: null }, account: { smile: { agent: { status: 'paused' } } } });
    expect((await json(await post(owner, `/api/v1/agents/${a.id}/pause`))).status).toBe('paused');
    const resumed = await json(await post(owner, `/api/v1/agents/${a.id}/resume`));
    expect(resumed.status).toBe('active');
    expect(Date.parse(resumed.posting.next_post_at)).toBeGreaterThan(Date.now());
  });

  it("deletes the agent's account with its posts, follows and versions; it is 404 afterwards", async () => {
    const [owner, fan] = await Promise.all([signUp(), signUp()]);
    const a = await created(owner);
    expect((await post(fan, `/api/v1/accounts/${a.id}/follow`)).status).toBe(200);
    await env.DB.prepare("INSERT INTO statuses (id, account_id, text, content, visibility) VALUES (?, ?, 'hello from a bot', '<p>hello</p>', 'public')").bind(`${BigInt(Date.now()) << 16n}`, a.id).run();
    await postStatus(fan, `hi @${a.account.username}`);
    expect((await call(`/api/v1/agents/${a.id}`, { method: 'DELETE', token: owner.token })).status).toBe(200);
    for (const path of [`/api/v1/agents/${a.id}`, `/api/v1/accounts/${a.id}`, `/api/v1/agents/${a.id}/versions`]) expect((await call(path, { token: owner.token })).status).toBe(404);
    expect(await count('statuses', 'account_id = ?', a.id)).toBe(0);
    expect(await count('follows', 'target_id = ?', a.id)).toBe(0);
    expect(await count('mentions', 'account_id = ?', a.id)).toBe(0);
    expect(await count('agent_versions', 'agent_id = ?', a.id)).toBe(0);
    expect((await json(await call('/api/v1/accounts/verify_credentials', { token: fan.token }))).following_count).toBe(0);
    expect((await json(await call('/api/v1/accounts/verify_credentials', { token: fan.token }))).statuses_count).toBe(1);
    // The username is free again.
    expect((await create(owner, { username: a.account.username, template: 'expert' })).status).toBe(200);
  });

  it('transfers to another person: the new owner has full control, the old one none; recorded', async () => {
    const [owner, heir] = await Promise.all([signUp(), signUp()]);
    const a = await created(owner);
    for (const account of ['nobody_here_x', owner.username]) expect((await post(owner, `/api/v1/agents/${a.id}/transfer`, { account })).status).toBe(422);
    const moved = await json(await post(owner, `/api/v1/agents/${a.id}/transfer`, { account: `@${heir.username}` }));
    expect(moved).toMatchObject({ owner: { id: heir.id }, posting: null, account: { smile: { owner_id: heir.id, agent: { owner: { id: heir.id } } } } });
    expect((await patch(owner, a.id, { voice: 'old owner' })).status).toBe(403);
    expect((await patch(heir, a.id, { voice: 'new owner' })).status).toBe(200);
    expect((await json<any[]>(await call('/api/v1/agents', { token: heir.token }))).map((x) => x.id)).toEqual([a.id]);
    expect(await json(await call('/api/v1/agents', { token: owner.token }))).toEqual([]);
    expect(await count('agent_transfers', 'agent_id = ? AND from_account_id = ? AND to_account_id = ?', a.id, owner.id, heir.id)).toBe(1);
    // By id, and back again.
    expect((await post(heir, `/api/v1/agents/${a.id}/transfer`, { account: owner.id })).status).toBe(200);
    // An agent cannot own an agent.
    const other = await created(owner);
    expect((await post(owner, `/api/v1/agents/${a.id}/transfer`, { account: other.id })).status).toBe(422);
  });
});
