import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, count, json, scopedToken, signUp } from './helpers';
import { UNKNOWN, account, follow, lock, post, relationshipOf } from './relationships.helpers';

describe('blocks', () => {
  it('ends follows and requests both ways with the counters fixed, and stops new follows (403, no row)', async () => {
    const [a, b] = [await signUp(), await signUp()];
    await follow(a, b.id);
    await follow(b, a.id);
    // A follow that has nothing to do with the block keeps counting.
    const c = await signUp();
    await follow(a, c.id);
    const res = await post(`/api/v1/accounts/${b.id}/block`, a.token);
    expect(await json(res)).toMatchObject({ blocking: true, following: false, followed_by: false });
    expect([(await account(a.id)).followers_count, (await account(a.id)).following_count]).toEqual([0, 1]);
    expect([(await account(b.id)).followers_count, (await account(b.id)).following_count]).toEqual([0, 0]);
    expect(await relationshipOf(b, a.id)).toMatchObject({ blocked_by: true, blocking: false });
    expect((await follow(b, a.id)).status).toBe(403);
    expect((await follow(a, b.id)).status).toBe(403);
    expect(await count('follows', '(account_id = ?1 AND target_id = ?2) OR (account_id = ?2 AND target_id = ?1)', a.id, b.id)).toBe(0);
    expect(await count('follow_requests', 'account_id = ? AND target_id = ?', b.id, a.id)).toBe(0);
    // The blocked side can still see the account (as in Mastodon); the relationship says why.
    expect((await call(`/api/v1/accounts/${a.id}`, { token: b.token })).status).toBe(200);
  });

  it('ends pending requests both ways', async () => {
    const [a, b] = [await signUp(), await signUp()];
    await lock(a.id);
    await lock(b.id);
    await follow(a, b.id);
    await follow(b, a.id);
    await post(`/api/v1/accounts/${a.id}/block`, b.token);
    expect(await count('follow_requests', 'account_id IN (?1, ?2)', a.id, b.id)).toBe(0);
  });

  it('lists blocks with a Link header and unblocks; refuses yourself (403) and unknown ids (404)', async () => {
    const [a, b, c] = [await signUp(), await signUp(), await signUp()];
    await post(`/api/v1/accounts/${b.id}/block`, a.token);
    await post(`/api/v1/accounts/${c.id}/block`, a.token);
    expect((await post(`/api/v1/accounts/${c.id}/block`, a.token)).status).toBe(200);
    const list = await call('/api/v1/blocks?limit=1', { token: a.token });
    expect((await json<any[]>(list)).map((x) => x.id)).toEqual([c.id]);
    expect(list.headers.get('link')).toMatch(/max_id=\d+.*rel="next"/);
    expect(await json(await post(`/api/v1/accounts/${c.id}/unblock`, a.token))).toMatchObject({ blocking: false });
    expect((await json<any[]>(await call('/api/v1/blocks', { token: a.token }))).map((x) => x.id)).toEqual([b.id]);
    expect((await post(`/api/v1/accounts/${a.id}/block`, a.token)).status).toBe(403);
    for (const action of ['block', 'unblock', 'mute', 'unmute', 'unfollow', 'remove_from_followers']) {
      expect((await post(`/api/v1/accounts/${UNKNOWN}/${action}`, a.token)).status, action).toBe(404);
    }
    expect((await call('/api/v1/blocks', { token: await scopedToken(a, 'read:mutes') })).status).toBe(403);
  });
});

describe('mutes', () => {
  it('mutes for a while, lists the mute with its end, and forgets it once it has expired', async () => {
    const [a, b, c] = [await signUp(), await signUp(), await signUp()];
    expect(await json(await post(`/api/v1/accounts/${b.id}/mute`, a.token, { notifications: false, duration: 3600 }))).toMatchObject({ muting: true, muting_notifications: false });
    expect(await json(await post(`/api/v1/accounts/${c.id}/mute`, a.token))).toMatchObject({ muting: true, muting_notifications: true });
    const list = await call('/api/v1/mutes', { token: a.token });
    const mutes = await json<any[]>(list);
    expect(mutes.map((x) => x.id)).toEqual([c.id, b.id]);
    expect(mutes[0].mute_expires_at).toBeNull();
    expect(Date.parse(mutes[1].mute_expires_at) - Date.now()).toBeGreaterThan(3500_000);
    expect(list.headers.get('link')).toContain('rel="prev"');
    await env.DB.prepare('UPDATE mutes SET expires_at = ? WHERE account_id = ? AND target_id = ?').bind(Date.now() - 1000, a.id, b.id).run();
    expect((await json<any[]>(await call('/api/v1/mutes', { token: a.token }))).map((x) => x.id)).toEqual([c.id]);
    expect(await relationshipOf(a, b.id)).toMatchObject({ muting: false, muting_notifications: false });
    expect(await json(await post(`/api/v1/accounts/${c.id}/unmute`, a.token))).toMatchObject({ muting: false });
    expect(await json<any[]>(await call('/api/v1/mutes', { token: a.token }))).toEqual([]);
  });

  it('refuses a negative duration (422), yourself (403), and a token without write:mutes (403)', async () => {
    const [a, b] = [await signUp(), await signUp()];
    expect((await post(`/api/v1/accounts/${b.id}/mute`, a.token, { duration: -5 })).status).toBe(422);
    expect((await post(`/api/v1/accounts/${a.id}/mute`, a.token)).status).toBe(403);
    expect((await post(`/api/v1/accounts/${b.id}/mute`, await scopedToken(a, 'write:blocks'))).status).toBe(403);
    expect(await count('mutes', 'account_id = ?', a.id)).toBe(0);
  });
});
