import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, json, postStatus, relate, signUp } from './helpers';

type Note = { id: string; type: string; account: { id: string }; status?: { id: string } };
const list = async (token: string, query = '') => json<Note[]>(await call(`/api/v1/notifications${query}`, { token }));
const act = (token: string, id: string, action: string) => call(`/api/v1/statuses/${id}/${action}`, { method: 'POST', token });

describe('notifications', () => {
  it('mentions, favourites and reblogs notify the author once each; undoing withdraws them', async () => {
    const author = await signUp();
    const fan = await signUp();
    const status = await postStatus(author, 'hello');
    await postStatus(fan, `hey @${author.username}`);
    await act(fan.token, status.id, 'favourite');
    await act(fan.token, status.id, 'favourite');
    await act(fan.token, status.id, 'reblog');
    const notes = await list(author.token);
    expect(notes.map((n) => n.type)).toEqual(['reblog', 'favourite', 'mention']);
    expect(notes.every((n) => n.account.id === fan.id)).toBe(true);
    expect(notes[1]!.status!.id).toBe(status.id);
    await act(fan.token, status.id, 'unfavourite');
    await act(fan.token, status.id, 'unreblog');
    expect((await list(author.token)).map((n) => n.type)).toEqual(['mention']);
  });

  it('nobody is notified of their own actions', async () => {
    const me = await signUp();
    const status = await postStatus(me, `talking to @${me.username}`);
    await act(me.token, status.id, 'favourite');
    expect(await list(me.token)).toEqual([]);
  });

  it('followers who rang the bell get a status notification; sharers get an update when it is edited', async () => {
    const author = await signUp();
    const bell = await signUp();
    const sharer = await signUp();
    await relate('follows', bell.id, author.id);
    await env.DB.prepare('UPDATE follows SET notify = 1 WHERE account_id = ?').bind(bell.id).run();
    const status = await postStatus(author, 'news');
    expect((await list(bell.token)).map((n) => [n.type, n.status?.id])).toEqual([['status', status.id]]);
    await act(sharer.token, status.id, 'reblog');
    await call(`/api/v1/statuses/${status.id}`, { method: 'PUT', token: author.token, json: { status: 'news, corrected' } });
    await call(`/api/v1/statuses/${status.id}`, { method: 'PUT', token: author.token, json: { status: 'news, corrected again' } });
    expect((await list(sharer.token)).map((n) => n.type)).toEqual(['update']);
  });

  it('filters by types[], exclude_types[] and account_id', async () => {
    const author = await signUp();
    const a = await signUp();
    const b = await signUp();
    const status = await postStatus(author, 'x');
    await act(a.token, status.id, 'favourite');
    await act(b.token, status.id, 'reblog');
    expect((await list(author.token, '?types[]=favourite')).map((n) => n.type)).toEqual(['favourite']);
    expect((await list(author.token, '?exclude_types[]=favourite')).map((n) => n.type)).toEqual(['reblog']);
    expect((await list(author.token, `?account_id=${b.id}`)).map((n) => n.account.id)).toEqual([b.id]);
    expect((await call('/api/v1/notifications?types[]=nonsense', { token: author.token })).status).toBe(422);
  });

  it('hides notifications from blocked and muted accounts and about statuses one cannot see', async () => {
    const me = await signUp();
    const pest = await signUp();
    const quiet = await signUp();
    const mine = await postStatus(me, 'mine');
    await act(pest.token, mine.id, 'favourite');
    await act(quiet.token, mine.id, 'favourite');
    await relate('blocks', me.id, pest.id);
    await relate('mutes', me.id, quiet.id);
    expect(await list(me.token)).toEqual([]);
  });

  it('gets, dismisses and clears only your own', async () => {
    const author = await signUp();
    const other = await signUp();
    const status = await postStatus(author, 'x');
    await act(other.token, status.id, 'favourite');
    const [note] = await list(author.token);
    expect((await json(await call(`/api/v1/notifications/${note!.id}`, { token: author.token }))).type).toBe('favourite');
    expect((await call(`/api/v1/notifications/${note!.id}`, { token: other.token })).status).toBe(404);
    expect((await call(`/api/v1/notifications/${note!.id}/dismiss`, { method: 'POST', token: other.token })).status).toBe(404);
    expect((await call(`/api/v1/notifications/${note!.id}/dismiss`, { method: 'POST', token: author.token })).status).toBe(200);
    expect(await list(author.token)).toEqual([]);
    await act(other.token, status.id, 'reblog');
    await call('/api/v1/notifications/clear', { method: 'POST', token: author.token });
    expect(await list(author.token)).toEqual([]);
  });

  it('counts unread notifications after the marker, and markers keep a version', async () => {
    const author = await signUp();
    const fans = await Promise.all([signUp(), signUp(), signUp()]);
    const status = await postStatus(author, 'x');
    for (const f of fans) await act(f.token, status.id, 'favourite');
    const unread = async () => (await json(await call('/api/v1/notifications/unread_count', { token: author.token }))).count;
    expect(await unread()).toBe(3);
    const notes = await list(author.token);
    const saved = await json(await call('/api/v1/markers', { token: author.token, json: { notifications: { last_read_id: notes[1]!.id } } }));
    expect(saved.notifications).toMatchObject({ last_read_id: notes[1]!.id, version: 1 });
    expect(await unread()).toBe(1);
    await call('/api/v1/markers', { token: author.token, json: { notifications: { last_read_id: notes[0]!.id } } });
    const markers = await json(await call('/api/v1/markers?timeline[]=notifications', { token: author.token }));
    expect(markers.notifications).toMatchObject({ last_read_id: notes[0]!.id, version: 2 });
    expect(await unread()).toBe(0);
  });
});

describe('follow notifications', () => {
  it('a follow notifies once and an unfollow withdraws it; a locked account gets a request that becomes a follow', async () => {
    const star = await signUp();
    const fan = await signUp();
    const follow = (who: string, token: string) => call(`/api/v1/accounts/${who}/follow`, { method: 'POST', token });
    await follow(star.id, fan.token);
    await follow(star.id, fan.token);
    expect((await list(star.token)).map((n) => [n.type, n.account.id])).toEqual([['follow', fan.id]]);
    await call(`/api/v1/accounts/${star.id}/unfollow`, { method: 'POST', token: fan.token });
    expect(await list(star.token)).toEqual([]);

    const shy = await signUp();
    await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: shy.token, json: { locked: true } });
    await follow(shy.id, fan.token);
    expect((await list(shy.token)).map((n) => n.type)).toEqual(['follow_request']);
    expect((await call(`/api/v1/follow_requests/${fan.id}/authorize`, { method: 'POST', token: shy.token })).status).toBe(200);
    expect((await list(shy.token)).map((n) => n.type)).toEqual(['follow']);
  });
});
