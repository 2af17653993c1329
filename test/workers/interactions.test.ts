import { describe, expect, it } from 'vitest';
import { call, json, postStatus, signUp } from './helpers';

const act = (token: string, id: string, action: string, body?: unknown) => call(`/api/v1/statuses/${id}/${action}`, { method: 'POST', token, ...(body ? { json: body } : {}) });

describe('favourites', () => {
  it('liking twice counts once; unliking undoes it; the likers are listed', async () => {
    const author = await signUp();
    const fan = await signUp();
    const status = await postStatus(author, 'like me');
    const first = await json(await act(fan.token, status.id, 'favourite'));
    expect(first).toMatchObject({ favourited: true, favourites_count: 1 });
    expect((await json(await act(fan.token, status.id, 'favourite'))).favourites_count).toBe(1);
    const likers = await json<Array<{ id: string }>>(await call(`/api/v1/statuses/${status.id}/favourited_by`));
    expect(likers.map((a) => a.id)).toEqual([fan.id]);
    const favs = await json<Array<{ id: string }>>(await call('/api/v1/favourites', { token: fan.token }));
    expect(favs.map((s) => s.id)).toEqual([status.id]);
    expect(await json(await act(fan.token, status.id, 'unfavourite'))).toMatchObject({ favourited: false, favourites_count: 0 });
    expect(await json(await call('/api/v1/favourites', { token: fan.token }))).toEqual([]);
  });

  it('cannot like what one cannot see', async () => {
    const author = await signUp();
    const stranger = await signUp();
    const secret = await postStatus(author, 'followers only', { visibility: 'private' });
    expect((await act(stranger.token, secret.id, 'favourite')).status).toBe(404);
    expect((await act(stranger.token, '123456789012345678', 'favourite')).status).toBe(404);
  });
});

describe('reblogs', () => {
  it('a reblog wraps the original, counts once, and can be undone', async () => {
    const author = await signUp();
    const fan = await signUp();
    const status = await postStatus(author, 'share me');
    const res = await act(fan.token, status.id, 'reblog');
    expect(res.status).toBe(200);
    const boost = await json(res);
    expect(boost).toMatchObject({ account: { id: fan.id }, reblog: { id: status.id, reblogs_count: 1, reblogged: true } });
    expect((await json(await act(fan.token, status.id, 'reblog'))).id).toBe(boost.id);
    // Acting on the reblog acts on the original.
    expect((await json(await act(fan.token, boost.id, 'favourite'))).id).toBe(status.id);
    const sharers = await json<Array<{ id: string }>>(await call(`/api/v1/statuses/${status.id}/reblogged_by`));
    expect(sharers.map((a) => a.id)).toEqual([fan.id]);
    expect(await json(await act(fan.token, status.id, 'unreblog'))).toMatchObject({ id: status.id, reblogs_count: 0, reblogged: false });
    expect((await call(`/api/v1/statuses/${boost.id}`)).status).toBe(404);
  });

  it('followers-only statuses cannot be reblogged', async () => {
    const author = await signUp();
    const status = await postStatus(author, 'mine only', { visibility: 'private' });
    expect((await act(author.token, status.id, 'reblog')).status).toBe(403);
  });
});

describe('bookmarks and pins', () => {
  it('bookmarks are private to their owner and listed newest first', async () => {
    const author = await signUp();
    const reader = await signUp();
    const a = await postStatus(author, 'a');
    const b = await postStatus(author, 'b');
    await act(reader.token, a.id, 'bookmark');
    expect((await json(await act(reader.token, b.id, 'bookmark'))).bookmarked).toBe(true);
    const saved = await json<Array<{ id: string }>>(await call('/api/v1/bookmarks', { token: reader.token }));
    expect(saved.map((s) => s.id)).toEqual([b.id, a.id]);
    expect((await json(await call(`/api/v1/statuses/${a.id}`, { token: author.token }))).bookmarked).toBe(false);
    await act(reader.token, a.id, 'unbookmark');
    expect((await json<Array<{ id: string }>>(await call('/api/v1/bookmarks', { token: reader.token }))).map((s) => s.id)).toEqual([b.id]);
  });

  it('pins own public statuses, at most five, and shows them on the profile', async () => {
    const user = await signUp();
    const other = await signUp();
    const posts = [];
    for (let i = 0; i < 6; i++) posts.push(await postStatus(user, `post ${i}`));
    for (const p of posts.slice(0, 5)) expect((await json(await act(user.token, p.id, 'pin'))).pinned).toBe(true);
    const sixth = await act(user.token, posts[5]!.id, 'pin');
    expect(sixth.status).toBe(422);
    const pinned = await json<Array<{ id: string }>>(await call(`/api/v1/accounts/${user.id}/statuses?pinned=true`));
    expect(pinned).toHaveLength(5);
    expect((await act(other.token, posts[5]!.id, 'pin')).status).toBe(404);
    const secret = await postStatus(user, 'private', { visibility: 'private' });
    expect((await act(user.token, secret.id, 'pin')).status).toBe(422);
    await act(user.token, posts[0]!.id, 'unpin');
    expect(await json<unknown[]>(await call(`/api/v1/accounts/${user.id}/statuses?pinned=true`))).toHaveLength(4);
  });
});
