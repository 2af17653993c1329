import { describe, expect, it } from 'vitest';
import { call, json, postStatus, signUp } from './helpers';

const react = (token: string, id: string, emoji: string, method = 'PUT') => call(`/api/v1/statuses/${id}/reactions/${encodeURIComponent(emoji)}`, { method, token });

describe('emoji reactions (SMILE extension)', () => {
  it('counts each emoji once per person, shows mine, notifies the author once, and can be taken back', async () => {
    const author = await signUp();
    const a = await signUp();
    const b = await signUp();
    const status = await postStatus(author, 'react to me');
    await react(a.token, status.id, '🎉');
    await react(a.token, status.id, '🎉');
    await react(a.token, status.id, '❤️');
    const res = await react(b.token, status.id, '🎉');
    expect(res.status).toBe(200);
    expect((await json(res)).smile.reactions).toEqual([
      { name: '🎉', count: 2, me: true },
      { name: '❤️', count: 1, me: false },
    ]);
    expect(await json(await call(`/api/v1/statuses/${status.id}/reactions`))).toEqual([
      { name: '🎉', count: 2, me: false },
      { name: '❤️', count: 1, me: false },
    ]);
    const notes = await json<Array<{ type: string; account: { id: string } }>>(await call('/api/v1/notifications?types[]=reaction', { token: author.token }));
    expect(notes.map((n) => n.account.id).sort()).toEqual([a.id, b.id].sort());
    await react(b.token, status.id, '🎉', 'DELETE');
    const after = await json<Array<{ account: { id: string } }>>(await call('/api/v1/notifications?types[]=reaction', { token: author.token }));
    expect(after.map((n) => n.account.id)).toEqual([a.id]);
  });

  it('refuses what is not one emoji, and statuses one cannot see', async () => {
    const author = await signUp();
    const stranger = await signUp();
    const status = await postStatus(author, 'x');
    expect((await react(stranger.token, status.id, 'lol')).status).toBe(422);
    expect((await react(stranger.token, status.id, '🎉🎉')).status).toBe(422);
    const secret = await postStatus(author, 'followers only', { visibility: 'private' });
    expect((await react(stranger.token, secret.id, '🎉')).status).toBe(404);
    expect((await call(`/api/v1/statuses/${status.id}/reactions/${encodeURIComponent('🎉')}`, { method: 'PUT' })).status).toBe(401);
  });
});

describe('reports', () => {
  it('files a report on an account and its statuses for the moderators', async () => {
    const reporter = await signUp();
    const spammer = await signUp();
    const spam = await postStatus(spammer, 'buy now!!!');
    const res = await call('/api/v1/reports', { token: reporter.token, json: { account_id: spammer.id, status_ids: [spam.id], category: 'spam', comment: 'obvious spam' } });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ category: 'spam', comment: 'obvious spam', status_ids: [spam.id], action_taken: false, target_account: { id: spammer.id } });
  });

  it("refuses statuses that are not the reported account's, unknown accounts and bad categories", async () => {
    const reporter = await signUp();
    const target = await signUp();
    const other = await postStatus(reporter, 'mine');
    expect((await call('/api/v1/reports', { token: reporter.token, json: { account_id: target.id, status_ids: [other.id] } })).status).toBe(422);
    expect((await call('/api/v1/reports', { token: reporter.token, json: { account_id: '123456789012345678' } })).status).toBe(404);
    expect((await call('/api/v1/reports', { token: reporter.token, json: { account_id: target.id, category: 'boring' } })).status).toBe(422);
  });
});
