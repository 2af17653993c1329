import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type TestUser, call, count, json, scopedToken, signUp } from './helpers';

const post = (path: string, token: string | null, body: unknown = {}) => call(path, { token, json: body });
const follow = (u: TestUser, target: string, body: unknown = {}) => post(`/api/v1/accounts/${target}/follow`, u.token, body);
const account = async (id: string) => json(await call(`/api/v1/accounts/${id}`));
const lock = (id: string) => env.DB.prepare('UPDATE accounts SET locked = 1 WHERE id = ?').bind(id).run();
const relationshipOf = async (u: TestUser, id: string) => (await json<any[]>(await call(`/api/v1/accounts/relationships?id[]=${id}`, { token: u.token })))[0];
const UNKNOWN = '117000000000000000';

describe('following', () => {
  it('follows with options, counts once, and following again only changes the options', async () => {
    const [a, b] = [await signUp(), await signUp()];
    const res = await follow(a, b.id, { reblogs: false, languages: ['en', 'de'] });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: b.id, following: true, showing_reblogs: false, notifying: false, languages: ['en', 'de'], requested: false, followed_by: false, domain_blocking: false, endorsed: false, note: '' });
    const again = await json(await follow(a, b.id, { notify: true }));
    expect(again).toMatchObject({ following: true, showing_reblogs: false, notifying: true, languages: ['en', 'de'] });
    expect((await account(a.id)).following_count).toBe(1);
    expect((await account(b.id)).followers_count).toBe(1);
    expect(await count('follows', 'account_id = ? AND target_id = ?', a.id, b.id)).toBe(1);
    const back = await json(await follow(b, a.id));
    expect(back).toMatchObject({ following: true, followed_by: true, showing_reblogs: true, languages: null });
  });

  it('accepts the options as a form with languages[]', async () => {
    const [a, b] = [await signUp(), await signUp()];
    const res = await call(`/api/v1/accounts/${b.id}/follow`, { token: a.token, body: 'reblogs=0&languages[]=fr&languages[]=it', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await json(res)).toMatchObject({ following: true, showing_reblogs: false, languages: ['fr', 'it'] });
  });

  it('unfollows, fixing both counters, and unfollowing again changes nothing', async () => {
    const [a, b] = [await signUp(), await signUp()];
    await follow(a, b.id);
    expect(await json(await post(`/api/v1/accounts/${b.id}/unfollow`, a.token))).toMatchObject({ following: false });
    expect((await post(`/api/v1/accounts/${b.id}/unfollow`, a.token)).status).toBe(200);
    expect([(await account(a.id)).following_count, (await account(b.id)).followers_count]).toEqual([0, 0]);
  });

  it('refuses to follow yourself (403), an unknown account (404), a bad body (422), without token (401) or scope (403)', async () => {
    const a = await signUp();
    expect((await follow(a, a.id)).status).toBe(403);
    expect((await follow(a, UNKNOWN)).status).toBe(404);
    expect((await follow(a, (await signUp()).id, { languages: ['not a language'] })).status).toBe(422);
    expect((await post(`/api/v1/accounts/${a.id}/follow`, null)).status).toBe(401);
    const readOnly = await scopedToken(a, 'read');
    expect((await post(`/api/v1/accounts/${UNKNOWN}/follow`, readOnly)).status).toBe(403);
    expect(await count('follows', 'account_id = ?', a.id)).toBe(0);
  });

  it('lets anyone follow an agent account', async () => {
    const [a, agent] = [await signUp(), await signUp()];
    await env.DB.prepare("UPDATE accounts SET kind = 'agent', owner_id = ? WHERE id = ?").bind(a.id, agent.id).run();
    expect(await json(await follow(a, agent.id))).toMatchObject({ following: true });
    expect((await account(agent.id)).followers_count).toBe(1);
  });
});
