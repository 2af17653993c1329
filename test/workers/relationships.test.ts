import { env } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { blockedEitherWay, relationships } from '../../workers/api/relationships/relationships.service';
import { call, count, json, scopedToken, signUp } from './helpers';
import { UNKNOWN, account, follow, lock, post, relationshipOf } from './relationships.helpers';

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

  it('counts concurrent follows of the same account once', async () => {
    const [a, b] = [await signUp(), await signUp()];
    const results = await Promise.all([1, 2, 3, 4].map(() => follow(a, b.id)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect([(await account(a.id)).following_count, (await account(b.id)).followers_count]).toEqual([1, 1]);
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

describe('follow requests', () => {
  it('asks a locked account, which sees, authorizes and so gains a follower with the asked options', async () => {
    const [a, b] = [await signUp(), await signUp()];
    await lock(b.id);
    expect(await json(await follow(a, b.id, { reblogs: false, languages: ['en'] }))).toMatchObject({ following: false, requested: true, showing_reblogs: false, languages: ['en'] });
    expect(await json(await follow(a, b.id, { notify: true }))).toMatchObject({ requested: true, notifying: true, showing_reblogs: false });
    expect(await relationshipOf(b, a.id)).toMatchObject({ requested_by: true, followed_by: false });
    expect((await account(b.id)).followers_count).toBe(0);
    const list = await call('/api/v1/follow_requests', { token: b.token });
    expect((await json<any[]>(list)).map((x) => x.id)).toEqual([a.id]);
    expect(list.headers.get('link')).toContain('rel="next"');
    const res = await post(`/api/v1/follow_requests/${a.id}/authorize`, b.token);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: a.id, followed_by: true, requested_by: false });
    expect(await relationshipOf(a, b.id)).toMatchObject({ following: true, requested: false, showing_reblogs: false, notifying: true, languages: ['en'] });
    expect([(await account(a.id)).following_count, (await account(b.id)).followers_count]).toEqual([1, 1]);
    expect(await json<any[]>(await call('/api/v1/follow_requests', { token: b.token }))).toEqual([]);
    expect((await post(`/api/v1/follow_requests/${a.id}/authorize`, b.token)).status).toBe(404);
  });

  it('rejects a request, leaving no follow; only the requested account can decide (others get 404)', async () => {
    const [a, b, c] = [await signUp(), await signUp(), await signUp()];
    await lock(b.id);
    await follow(a, b.id);
    expect((await post(`/api/v1/follow_requests/${a.id}/authorize`, c.token)).status).toBe(404);
    expect((await post(`/api/v1/follow_requests/${a.id}/reject`, c.token)).status).toBe(404);
    expect(await json(await post(`/api/v1/follow_requests/${a.id}/reject`, b.token))).toMatchObject({ followed_by: false, requested_by: false });
    expect(await count('follows', 'account_id = ?', a.id)).toBe(0);
    expect(await count('follow_requests', 'account_id = ?', a.id)).toBe(0);
    expect((await post(`/api/v1/follow_requests/${a.id}/reject`, b.token)).status).toBe(404);
    expect((await post(`/api/v1/follow_requests/${UNKNOWN}/reject`, b.token)).status).toBe(404);
  });

  it('withdraws a pending request on unfollow', async () => {
    const [a, b] = [await signUp(), await signUp()];
    await lock(b.id);
    await follow(a, b.id);
    expect(await json(await post(`/api/v1/accounts/${b.id}/unfollow`, a.token))).toMatchObject({ requested: false, following: false });
    expect(await count('follow_requests', 'account_id = ?', a.id)).toBe(0);
  });
});

describe('GET /api/v1/accounts/relationships', () => {
  it('answers for several ids in the order asked, skipping unknown and repeated ones', async () => {
    const [a, b, c, d] = [await signUp(), await signUp(), await signUp(), await signUp()];
    await follow(a, b.id);
    await follow(c, a.id);
    await post(`/api/v1/accounts/${d.id}/mute`, a.token, { notifications: false });
    const res = await call(`/api/v1/accounts/relationships?id[]=${d.id}&id[]=${b.id}&id[]=${UNKNOWN}&id[]=${c.id}&id[]=${b.id}`, { token: a.token });
    const list = await json<any[]>(res);
    expect(list.map((r) => r.id)).toEqual([d.id, b.id, c.id]);
    expect(list[0]).toMatchObject({ muting: true, muting_notifications: false, following: false });
    expect(list[1]).toMatchObject({ following: true, showing_reblogs: true, followed_by: false });
    expect(list[2]).toMatchObject({ following: false, followed_by: true });
    expect(await json<any[]>(await call(`/api/v1/accounts/relationships?id=${b.id}`, { token: a.token }))).toHaveLength(1);
  });

  it('needs ids (422), a token (401) and read:follows (403)', async () => {
    const a = await signUp();
    expect((await call('/api/v1/accounts/relationships', { token: a.token })).status).toBe(422);
    expect((await call('/api/v1/accounts/relationships?id[]=1', { token: a.token })).status).toBe(200);
    expect((await call(`/api/v1/accounts/relationships?id[]=${a.id}`)).status).toBe(401);
    expect((await call(`/api/v1/accounts/relationships?id[]=${a.id}`, { token: await scopedToken(a, 'write:follows') })).status).toBe(403);
    expect((await call(`/api/v1/accounts/relationships?id[]=${a.id}`, { token: await scopedToken(a, 'follow') })).status).toBe(200);
  });
});

describe('POST /api/v1/accounts/:id/remove_from_followers', () => {
  it('makes a follower stop following, fixing both counters', async () => {
    const [a, b] = [await signUp(), await signUp()];
    await follow(b, a.id);
    expect(await json(await post(`/api/v1/accounts/${b.id}/remove_from_followers`, a.token))).toMatchObject({ followed_by: false });
    expect([(await account(a.id)).followers_count, (await account(b.id)).following_count]).toEqual([0, 0]);
    expect(await relationshipOf(b, a.id)).toMatchObject({ following: false });
  });
});

describe('the relationships service (for statuses and timelines)', () => {
  it('answers who blocks whom, and reads an expired mute as no mute', async () => {
    const db = drizzle(env.DB);
    const [a, b, c, d, e] = [await signUp(), await signUp(), await signUp(), await signUp(), await signUp()];
    await follow(b, a.id);
    await follow(c, a.id);
    await post(`/api/v1/accounts/${a.id}/block`, d.token);
    await post(`/api/v1/accounts/${e.id}/mute`, a.token);
    await post(`/api/v1/accounts/${b.id}/mute`, a.token, { duration: 60 });
    await env.DB.prepare('UPDATE mutes SET expires_at = 1 WHERE account_id = ? AND target_id = ?').bind(a.id, b.id).run();
    expect([await blockedEitherWay(db, a.id, d.id), await blockedEitherWay(db, d.id, a.id), await blockedEitherWay(db, a.id, b.id)]).toEqual([true, true, false]);
    const [rel] = await relationships(db, a.id, [b.id]);
    expect(rel).toMatchObject({ followedBy: true, following: null, mute: null });
  });
});
