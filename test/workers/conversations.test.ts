import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, count, json, postStatus, relate, scopedToken, signUp, type TestUser } from './helpers';
import { openStream, settle } from './streaming.helpers';

type Conversation = { id: string; unread: boolean; accounts: { id: string }[]; last_status: { id: string; content: string } | null };

const list = async (token: string, query = '') => json<Conversation[]>(await call(`/api/v1/conversations${query}`, { token }));
const dm = (from: TestUser, to: TestUser[], text: string, extra: Record<string, unknown> = {}) =>
  postStatus(from, `${to.map((u) => `@${u.username}`).join(' ')} ${text}`, { visibility: 'direct', ...extra });
const summary = (c: Conversation) => ({ unread: c.unread, accounts: c.accounts.map((a) => a.id), last: c.last_status?.id ?? null });

describe('conversations', () => {
  it('a direct status starts a conversation: unread for the recipient, read for the author', async () => {
    const [alice, bob] = await Promise.all([signUp(), signUp()]);
    const first = await dm(alice, [bob], 'hello');
    expect((await list(alice.token)).map(summary)).toEqual([{ unread: false, accounts: [bob.id], last: first.id }]);
    const [forBob] = await list(bob.token);
    expect(summary(forBob!)).toEqual({ unread: true, accounts: [alice.id], last: first.id });
    expect(forBob!.last_status).toMatchObject({ visibility: 'direct', account: { id: alice.id }, favourited: false });
  });

  it('a reply joins the thread’s conversation and makes it unread for the other side', async () => {
    const [alice, bob] = await Promise.all([signUp(), signUp()]);
    const first = await dm(alice, [bob], 'hello');
    const [before] = await list(alice.token);
    const reply = await dm(bob, [alice], 'hi back', { in_reply_to_id: first.id });
    const [after] = await list(alice.token);
    expect(after!.id).toBe(before!.id);
    expect(summary(after!)).toEqual({ unread: true, accounts: [bob.id], last: reply.id });
    expect((await list(bob.token)).map(summary)).toEqual([{ unread: false, accounts: [alice.id], last: reply.id }]);
    const threads = await env.DB.prepare('SELECT DISTINCT conversation_id AS c FROM statuses WHERE id IN (?, ?)').bind(first.id, reply.id).all();
    expect(threads.results).toHaveLength(1);
  });

  it('public statuses make no conversation; a note to yourself lists yourself', async () => {
    const [alice, bob] = await Promise.all([signUp(), signUp()]);
    await postStatus(alice, `@${bob.username} in public`);
    expect(await list(bob.token)).toEqual([]);
    const note = await postStatus(alice, 'just for me', { visibility: 'direct' });
    expect((await list(alice.token)).map(summary)).toEqual([{ unread: false, accounts: [alice.id], last: note.id }]);
  });

  it('marks a conversation read, and answers 404 for another person’s conversation', async () => {
    const [alice, bob, eve] = await Promise.all([signUp(), signUp(), signUp()]);
    await dm(alice, [bob], 'hello');
    const [conv] = await list(bob.token);
    for (const [method, path] of [['POST', `/api/v1/conversations/${conv!.id}/read`], ['DELETE', `/api/v1/conversations/${conv!.id}`]] as const) {
      const res = await call(path, { method, token: eve.token });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await call('/api/v1/conversations/117000000000000000/read', { method: 'POST', token: bob.token })).status).toBe(404);
    const read = await call(`/api/v1/conversations/${conv!.id}/read`, { method: 'POST', token: bob.token });
    expect(read.status).toBe(200);
    expect(summary(await json<Conversation>(read))).toEqual({ unread: false, accounts: [alice.id], last: conv!.last_status!.id });
    expect((await list(bob.token))[0]!.unread).toBe(false);
  });

  it('removing a conversation hides it from that person only, until a new message brings it back', async () => {
    const [alice, bob] = await Promise.all([signUp(), signUp()]);
    const first = await dm(alice, [bob], 'hello');
    const [conv] = await list(bob.token);
    const res = await call(`/api/v1/conversations/${conv!.id}`, { method: 'DELETE', token: bob.token });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({});
    expect(await list(bob.token)).toEqual([]);
    expect((await list(alice.token)).map(summary)).toEqual([{ unread: false, accounts: [bob.id], last: first.id }]);
    expect((await call(`/api/v1/statuses/${first.id}`, { token: bob.token })).status).toBe(200);
    const again = await dm(alice, [bob], 'are you there?', { in_reply_to_id: first.id });
    expect((await list(bob.token)).map(summary)).toEqual([{ unread: true, accounts: [alice.id], last: again.id }]);
  });

  it('pages newest activity first with max_id, since_id and min_id, and a Link header', async () => {
    const [me, a, b, c] = await Promise.all([signUp(), signUp(), signUp(), signUp()]);
    const toA = await dm(me, [a], 'one');
    const toB = await dm(me, [b], 'two');
    const toC = await dm(me, [c], 'three');
    // New activity moves the oldest conversation to the top.
    const fromA = await dm(a, [me], 'bump', { in_reply_to_id: toA.id });
    expect((await list(me.token)).map((x) => x.last_status!.id)).toEqual([fromA.id, toC.id, toB.id]);
    const res = await call('/api/v1/conversations?limit=2', { token: me.token });
    const page1 = await json<Conversation[]>(res);
    expect(page1.map((x) => x.accounts[0]!.id)).toEqual([a.id, c.id]);
    const link = res.headers.get('link')!;
    expect(link).toContain(`max_id=${toC.id}`);
    expect(link).toContain(`min_id=${fromA.id}`);
    const next = new URL(/<([^>]+)>; rel="next"/.exec(link)![1]!);
    expect((await list(me.token, next.search)).map((x) => x.accounts[0]!.id)).toEqual([b.id]);
    expect((await list(me.token, `?since_id=${toB.id}`)).map((x) => x.accounts[0]!.id)).toEqual([a.id, c.id]);
    expect((await list(me.token, `?min_id=${toB.id}&limit=1`)).map((x) => x.accounts[0]!.id)).toEqual([c.id]);
  });

  it('deleting the last status falls back to the previous one; deleting the only one removes the conversation', async () => {
    const [alice, bob] = await Promise.all([signUp(), signUp()]);
    const first = await dm(alice, [bob], 'hello');
    const reply = await dm(bob, [alice], 'hi back', { in_reply_to_id: first.id });
    expect((await call(`/api/v1/statuses/${reply.id}`, { method: 'DELETE', token: bob.token })).status).toBe(200);
    expect((await list(alice.token)).map((x) => x.last_status!.id)).toEqual([first.id]);
    expect((await list(bob.token)).map((x) => x.last_status!.id)).toEqual([first.id]);
    expect((await call(`/api/v1/statuses/${first.id}`, { method: 'DELETE', token: alice.token })).status).toBe(200);
    expect(await list(alice.token)).toEqual([]);
    expect(await list(bob.token)).toEqual([]);
    expect(await count('account_conversations', 'account_id IN (?, ?)', alice.id, bob.id)).toBe(0);
  });

  it('never carries direct statuses across a block, whoever blocked and whenever', async () => {
    const [alice, bob, carol] = await Promise.all([signUp(), signUp(), signUp()]);
    await relate('blocks', bob.id, alice.id);
    await dm(alice, [bob], 'let me in');
    expect(await list(bob.token)).toEqual([]);
    expect(await count('account_conversations', 'account_id = ?', bob.id)).toBe(0);
    // Blocked after the conversation began: it leaves the list.
    await dm(alice, [carol], 'hello');
    expect(await list(carol.token)).toHaveLength(1);
    await relate('blocks', alice.id, carol.id);
    expect(await list(carol.token)).toEqual([]);
  });

  it('needs read:statuses to list and write:conversations to change', async () => {
    const [alice, bob] = await Promise.all([signUp(), signUp()]);
    await dm(alice, [bob], 'hello');
    const reader = await scopedToken(bob, 'read:statuses');
    const writer = await scopedToken(bob, 'write:conversations');
    const [conv] = await list(reader);
    expect(conv).toBeDefined();
    expect((await call('/api/v1/conversations', { token: writer })).status).toBe(403);
    expect((await call(`/api/v1/conversations/${conv!.id}/read`, { method: 'POST', token: reader })).status).toBe(403);
    expect((await call(`/api/v1/conversations/${conv!.id}`, { method: 'DELETE', token: reader })).status).toBe(403);
    expect((await call(`/api/v1/conversations/${conv!.id}/read`, { method: 'POST', token: writer })).status).toBe(200);
    expect((await call(`/api/v1/conversations/${conv!.id}`, { method: 'DELETE', token: writer })).status).toBe(200);
    expect((await call('/api/v1/conversations')).status).toBe(401);
  });

  it('sends each participant’s own Conversation entity on their direct stream', async () => {
    const [alice, bob] = await Promise.all([signUp(), signUp()]);
    const forBob = await openStream('?stream=direct', { authorization: `Bearer ${bob.token}` });
    const forAlice = await openStream('?stream=direct', { authorization: `Bearer ${alice.token}` });
    await settle();
    const posted = await dm(alice, [bob], 'psst');
    const frame = await forBob.next((f) => f.event === 'conversation');
    expect(frame.stream).toEqual(['direct']);
    const entity = JSON.parse(frame.payload!) as Conversation;
    const [listed] = await list(bob.token);
    expect(entity.id).toBe(listed!.id);
    expect(summary(entity)).toEqual({ unread: true, accounts: [alice.id], last: posted.id });
    const own = JSON.parse((await forAlice.next((f) => f.event === 'conversation')).payload!) as Conversation;
    expect(summary(own)).toEqual({ unread: false, accounts: [bob.id], last: posted.id });
    expect(own.id).not.toBe(entity.id);
    forBob.ws.close();
    forAlice.ws.close();
    // Lets the stream objects finish their close handlers before the test environment goes away.
    await settle();
  });
});
