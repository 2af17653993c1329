import { describe, expect, it } from 'vitest';
import { call, eventually, json, postStatus, relate, signUp } from './helpers';

const ids = async (res: Response) => (await json<Array<{ id: string }>>(res)).map((s) => s.id);

describe('timelines', () => {
  it('home shows own and followed statuses, followers-only ones included, and nothing else', async () => {
    const me = await signUp();
    const friend = await signUp();
    const stranger = await signUp();
    await relate('follows', me.id, friend.id);
    const mine = await postStatus(me, 'mine');
    const theirs = await postStatus(friend, 'friend public');
    const theirsPrivate = await postStatus(friend, 'friend followers-only', { visibility: 'private' });
    await postStatus(stranger, 'stranger');
    const home = () => call('/api/v1/timelines/home', { token: me.token }).then(ids);
    // The author's own status is in their home at once; followers' homes fill through the fanout queue.
    expect(await home()).toContain(mine.id);
    expect(await eventually(home, (list) => list.length === 3)).toEqual([theirsPrivate.id, theirs.id, mine.id]);
    expect((await call('/api/v1/timelines/home')).status).toBe(401);
  });

  it('timelines confirm the session with their read: a logged-out token gets 401 with nothing read, an app-only token no home', async () => {
    const me = await signUp();
    await postStatus(me, 'before logout');
    expect((await call('/api/v1/timelines/home', { token: me.token })).status).toBe(200);
    expect((await call('/api/v1/auth/logout', { method: 'POST', token: me.token })).status).toBe(200);
    for (const path of ['/api/v1/timelines/home', '/api/v1/timelines/public', '/api/v1/bookmarks', `/api/v1/accounts/${me.id}/statuses`]) {
      const res = await call(path, { token: me.token });
      expect(res.status, path).toBe(401);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
    expect((await call('/api/v1/timelines/public')).status).toBe(200);
  });

  it('home leaves out muted and blocked accounts', async () => {
    const me = await signUp();
    const loud = await signUp();
    const rude = await signUp();
    await relate('follows', me.id, loud.id);
    await relate('follows', me.id, rude.id);
    await postStatus(loud, 'loud');
    await postStatus(rude, 'rude');
    await relate('mutes', me.id, loud.id);
    await relate('blocks', rude.id, me.id);
    expect(await ids(await call('/api/v1/timelines/home', { token: me.token }))).toEqual([]);
  });

  it('public shows public statuses only, without reblogs; remote is empty', async () => {
    const a = await signUp();
    const pub = await postStatus(a, 'public one');
    const unlisted = await postStatus(a, 'unlisted one', { visibility: 'unlisted' });
    await call(`/api/v1/statuses/${pub.id}/reblog`, { method: 'POST', token: (await signUp()).token });
    const list = await ids(await call('/api/v1/timelines/public?limit=40'));
    expect(list).toContain(pub.id);
    expect(list).not.toContain(unlisted.id);
    expect(new Set(list).size).toBe(list.length);
    expect(await json(await call('/api/v1/timelines/public?remote=true'))).toEqual([]);
  });

  it('a hashtag timeline matches any case', async () => {
    const a = await signUp();
    const tagged = await postStatus(a, 'I love #SmileTest');
    await postStatus(a, 'no tag here');
    await postStatus(a, 'hidden #smiletest', { visibility: 'private' });
    expect(await ids(await call('/api/v1/timelines/tag/smiletest'))).toEqual([tagged.id]);
    expect(await ids(await call('/api/v1/timelines/tag/SMILETEST'))).toEqual([tagged.id]);
  });

  it("an account's statuses can leave out replies and reblogs, and show followers-only ones to followers", async () => {
    const a = await signUp();
    const follower = await signUp();
    const other = await signUp();
    await relate('follows', follower.id, a.id);
    const theirs = await postStatus(other, 'other');
    const post = await postStatus(a, 'post');
    const reply = await postStatus(a, 'reply', { in_reply_to_id: theirs.id });
    const boost = await json(await call(`/api/v1/statuses/${theirs.id}/reblog`, { method: 'POST', token: a.token }));
    const secret = await postStatus(a, 'secret', { visibility: 'private' });
    const url = `/api/v1/accounts/${a.id}/statuses`;
    expect(await ids(await call(url))).toEqual([boost.id, reply.id, post.id]);
    expect(await ids(await call(url, { token: follower.token }))).toEqual([secret.id, boost.id, reply.id, post.id]);
    expect(await ids(await call(`${url}?exclude_replies=true&exclude_reblogs=true`))).toEqual([post.id]);
    expect((await call('/api/v1/accounts/123456789012345678/statuses')).status).toBe(404);
  });

  it('pages through 25 statuses with Link headers, without gaps or repeats, and caps the limit', async () => {
    const a = await signUp();
    const posted: string[] = [];
    for (let i = 0; i < 25; i++) posted.push((await postStatus(a, `n${i}`)).id);
    const seen: string[] = [];
    let next: string | null = `/api/v1/accounts/${a.id}/statuses?limit=10`;
    while (next) {
      const res = await call(next);
      const page = await ids(res);
      seen.push(...page);
      const link = res.headers.get('link');
      const match = link && /<([^>]+)>; rel="next"/.exec(link);
      next = page.length && match ? new URL(match[1]!).pathname + new URL(match[1]!).search : null;
    }
    expect(seen).toEqual([...posted].reverse());
    const newer = await call(`/api/v1/accounts/${a.id}/statuses?min_id=${posted[19]}&limit=3`);
    expect(await ids(newer)).toEqual([posted[22], posted[21], posted[20]]);
    const since = await call(`/api/v1/accounts/${a.id}/statuses?since_id=${posted[19]}&limit=3`);
    expect(await ids(since)).toEqual([posted[24], posted[23], posted[22]]);
    expect(await ids(await call(`/api/v1/accounts/${a.id}/statuses?limit=1000`))).toHaveLength(25);
    const capped = await ids(await call('/api/v1/timelines/public?limit=1000'));
    expect(capped.length).toBeLessThanOrEqual(40);
  });
});
