import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PUBLIC_CHANNEL } from '../../durable-objects/UserStream';
import worker from '../../workers/index';
import { call, postStatus, relate, scopedToken, signUp, unique } from './helpers';
import { type Frame, openStream, settle } from './streaming.helpers';

describe('streaming: connecting', () => {
  it('answers the health check with OK as text', async () => {
    const res = await call('/api/v1/streaming/health');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
  });

  it('accepts the token in the Authorization header', async () => {
    const user = await signUp();
    const s = await openStream('?stream=user', { authorization: `Bearer ${user.token}` });
    expect(s.res.status).toBe(101);
    s.ws.close();
  });

  it('accepts the token as Sec-WebSocket-Protocol and echoes it back, or browsers drop the socket', async () => {
    const user = await signUp();
    const s = await openStream('?stream=user', { 'sec-websocket-protocol': user.token });
    expect(s.res.status).toBe(101);
    expect(s.res.headers.get('sec-websocket-protocol')).toBe(user.token);
    s.ws.close();
  });

  it('accepts the token as the access_token query parameter', async () => {
    const user = await signUp();
    const s = await openStream(`?stream=user:notification&access_token=${user.token}`);
    expect(s.res.status).toBe(101);
    s.ws.close();
  });

  it('refuses a user stream with a bad token, without a token, or with a token lacking read scopes', async () => {
    const user = await signUp();
    const writeOnly = await scopedToken(user, 'write');
    for (const [query, headers] of [
      ['?stream=user&access_token=nonsense', {}],
      ['?stream=user', { 'sec-websocket-protocol': 'nonsense' }],
      ['?stream=user', {}],
      [`?stream=user&access_token=${writeOnly}`, {}],
    ] as const) {
      const res = await call(`/api/v1/streaming${query}`, { headers: { upgrade: 'websocket', ...headers } });
      expect(res.status, query).toBe(401);
    }
    expect((await call('/api/v1/streaming?stream=user', { token: 'nonsense', headers: { upgrade: 'websocket' } })).status).toBe(401);
  });

  it('lets a token with read:notifications only open user:notification, not user', async () => {
    const user = await signUp();
    const token = await scopedToken(user, 'read:notifications');
    expect((await call(`/api/v1/streaming?stream=user&access_token=${token}`, { headers: { upgrade: 'websocket' } })).status).toBe(401);
    const s = await openStream(`?stream=user:notification&access_token=${token}`);
    expect(s.res.status).toBe(101);
    s.ws.close();
  });

  it('opens public streams without a token, and refuses a plain GET', async () => {
    const s = await openStream('?stream=public');
    expect(s.res.status).toBe(101);
    s.ws.close();
    expect((await call('/api/v1/streaming')).status).toBe(400);
    expect((await call('/api/v1/streaming?stream=hashtag', { headers: { upgrade: 'websocket' } })).status).toBe(400);
  });
});

describe('streaming: frames', () => {
  it('answers invalid frames with an error frame and keeps the socket open', async () => {
    const s = await openStream();
    s.send('not json');
    s.send({ type: 'subscribe', stream: 'nowhere' });
    s.send({ type: 'subscribe', stream: 'hashtag' });
    s.send({ type: 'subscribe', stream: 'user' });
    await s.next(() => s.frames.length >= 4);
    expect(s.frames.map((f) => f.status)).toEqual([400, 400, 400, 401]);
    expect(s.frames.every((f) => typeof f.error === 'string')).toBe(true);
    s.send({ type: 'subscribe', stream: 'public' });
    await settle();
    expect(s.frames).toHaveLength(4);
    s.ws.close();
  });
});

describe('streaming: subscriptions', { timeout: 20_000 }, () => {
  it('subscribes and unsubscribes with frames', async () => {
    const author = await signUp();
    const s = await openStream();
    s.send({ type: 'subscribe', stream: 'hashtag', tag: '#Frames' });
    await settle();
    const first = await postStatus(author, 'one #frames');
    const got = await s.next((f) => f.event === 'update');
    expect(got.stream).toEqual(['hashtag', 'frames']);
    expect(JSON.parse(got.payload!).id).toBe(first.id);
    s.send({ type: 'unsubscribe', stream: 'hashtag', tag: 'frames' });
    await settle();
    const second = await postStatus(author, 'two #frames');
    expect(await s.quiet((f) => f.event === 'update' && JSON.parse(f.payload!).id === second.id)).toEqual([]);
    s.ws.close();
  });

  it('registers an account with channel:public while it has a socket (and a public one), and unregisters it after', async () => {
    const me = await signUp();
    const channel = env.USER_STREAM.get(env.USER_STREAM.idFromName(PUBLIC_CHANNEL));
    expect(await channel.online()).not.toContain(me.id);
    const s = await openStream('?stream=user', { authorization: `Bearer ${me.token}` });
    await settle();
    expect(await channel.online()).toContain(me.id);
    expect(await channel.listeners()).not.toContain(me.id);
    s.send({ type: 'subscribe', stream: 'hashtag', tag: 'cats' });
    await settle();
    expect(await channel.listeners()).toContain(me.id);
    s.send({ type: 'unsubscribe', stream: 'hashtag', tag: 'cats' });
    await settle();
    expect(await channel.listeners()).not.toContain(me.id);
    s.send({ type: 'subscribe', stream: 'public' });
    await settle();
    expect(await channel.listeners()).toContain(me.id);
    s.ws.close();
    const deadline = Date.now() + 5000;
    while ((await channel.online()).includes(me.id) && Date.now() < deadline) await settle();
    expect(await channel.listeners()).not.toContain(me.id);
    expect(await channel.online()).not.toContain(me.id);
  });
});

describe('streaming: fan-out', { timeout: 20_000 }, () => {
  it('delivers a post by an account you follow as `update` on your user stream, hydrated for you', async () => {
    const [me, author] = await Promise.all([signUp(), signUp()]);
    await relate('follows', me.id, author.id);
    const s = await openStream('?stream=user', { authorization: `Bearer ${me.token}` });
    await settle();
    const posted = await postStatus(author, 'hello followers');
    const frame = await s.next((f) => f.event === 'update');
    expect(frame.stream).toEqual(['user']);
    const status = JSON.parse(frame.payload!);
    expect(status).toMatchObject({ id: posted.id, content: posted.content, favourited: false, account: { id: author.id } });
    s.ws.close();
  });

  it('keeps a followers-only post from non-followers and from the public stream', async () => {
    const [follower, stranger, author] = await Promise.all([signUp(), signUp(), signUp()]);
    await relate('follows', follower.id, author.id);
    const f = await openStream('?stream=user', { authorization: `Bearer ${follower.token}` });
    const st = await openStream('?stream=user', { authorization: `Bearer ${stranger.token}` });
    const pub = await openStream('?stream=public');
    st.send({ type: 'subscribe', stream: 'public' });
    await settle();
    const posted = await postStatus(author, 'just for followers', { visibility: 'private' });
    expect(JSON.parse((await f.next((x) => x.event === 'update')).payload!).id).toBe(posted.id);
    const isIt = (x: Frame) => x.event === 'update' && JSON.parse(x.payload!).id === posted.id;
    expect(await st.quiet(isIt, 300)).toEqual([]);
    expect(await pub.quiet(isIt, 300)).toEqual([]);
    for (const s of [f, st, pub]) s.ws.close();
  });

  it('delivers public posts to the public stream of anonymous and signed-in sockets', async () => {
    const [me, author] = await Promise.all([signUp(), signUp()]);
    const anon = await openStream('?stream=public:local');
    const mine = await openStream('?stream=public', { authorization: `Bearer ${me.token}` });
    await settle();
    const posted = await postStatus(author, 'hello world');
    for (const s of [anon, mine]) {
      const frame = await s.next((f) => f.event === 'update' && JSON.parse(f.payload!).id === posted.id);
      expect(frame.stream).toEqual(['public']);
    }
    const isIt = (f: Frame) => f.event === 'update' && JSON.parse(f.payload!).id === posted.id;
    expect(JSON.parse((await mine.next(isIt)).payload!).favourited).toBe(false);
    expect(JSON.parse((await anon.next(isIt)).payload!).favourited).toBeUndefined();
    anon.ws.close();
    mine.ws.close();
  });

  it('does not deliver to a follower who blocks or mutes the author', async () => {
    const [muter, blocker, author] = await Promise.all([signUp(), signUp(), signUp()]);
    await relate('follows', muter.id, author.id);
    await relate('follows', blocker.id, author.id);
    await relate('mutes', muter.id, author.id);
    await relate('blocks', blocker.id, author.id);
    const m = await openStream('?stream=user', { authorization: `Bearer ${muter.token}` });
    const b = await openStream('?stream=public', { authorization: `Bearer ${blocker.token}` });
    b.send({ type: 'subscribe', stream: 'user' });
    await settle();
    const own = await openStream('?stream=user', { authorization: `Bearer ${author.token}` });
    await settle();
    const posted = await postStatus(author, 'you will not see this');
    // The author's own stream shows the post, so the fan-out has run by the time it arrives.
    expect(JSON.parse((await own.next((f) => f.event === 'update')).payload!).id).toBe(posted.id);
    const isIt = (f: Frame) => f.event === 'update' && JSON.parse(f.payload!).id === posted.id;
    expect(await m.quiet(isIt, 500)).toEqual([]);
    expect(await b.quiet(isIt, 100)).toEqual([]);
    for (const s of [m, b, own]) s.ws.close();
  });

  it('delivers a notification on user and user:notification', async () => {
    const [me, fan] = await Promise.all([signUp(), signUp()]);
    const user = await openStream('?stream=user', { authorization: `Bearer ${me.token}` });
    const notes = await openStream(`?stream=user:notification&access_token=${me.token}`);
    await settle();
    const mine = await postStatus(me, 'like me');
    expect((await call(`/api/v1/statuses/${mine.id}/favourite`, { method: 'POST', token: fan.token })).status).toBe(200);
    for (const [s, stream] of [[user, 'user'], [notes, 'user:notification']] as const) {
      const frame = await s.next((f) => f.event === 'notification');
      expect(frame.stream).toEqual([stream]);
      expect(JSON.parse(frame.payload!)).toMatchObject({ type: 'favourite', account: { id: fan.id }, status: { id: mine.id } });
    }
    // user:notification carries notifications only, not the own post's `update`.
    expect(notes.frames.filter((f) => f.event !== 'notification')).toEqual([]);
    user.ws.close();
    notes.ws.close();
  });

  it('delivers a mention as a notification, and a direct post on the direct stream only to those mentioned', async () => {
    const [me, author, other] = await Promise.all([signUp(), signUp(), signUp()]);
    const s = await openStream('?stream=direct', { authorization: `Bearer ${me.token}` });
    s.send({ type: 'subscribe', stream: 'user:notification' });
    const o = await openStream('?stream=direct', { authorization: `Bearer ${other.token}` });
    await settle();
    const posted = await postStatus(author, `@${me.username} psst`, { visibility: 'direct' });
    const conv = await s.next((f) => f.event === 'conversation');
    expect(conv.stream).toEqual(['direct']);
    expect(JSON.parse(conv.payload!)).toMatchObject({ last_status: { id: posted.id }, accounts: [{ id: author.id }] });
    expect(JSON.parse((await s.next((f) => f.event === 'notification')).payload!)).toMatchObject({ type: 'mention', status: { id: posted.id } });
    expect(await o.quiet((f) => f.event === 'conversation', 300)).toEqual([]);
    s.ws.close();
    o.ws.close();
  });

  it('delivers an edit as status.update and a deletion as delete with the id', async () => {
    const [me, author] = await Promise.all([signUp(), signUp()]);
    await relate('follows', me.id, author.id);
    const s = await openStream('?stream=user', { authorization: `Bearer ${me.token}` });
    const pub = await openStream('?stream=public');
    await settle();
    const posted = await postStatus(author, 'first draft');
    await s.next((f) => f.event === 'update');
    expect((await call(`/api/v1/statuses/${posted.id}`, { method: 'PUT', token: author.token, json: { status: 'second draft' } })).status).toBe(200);
    const edit = await s.next((f) => f.event === 'status.update');
    expect(JSON.parse(edit.payload!)).toMatchObject({ id: posted.id, content: expect.stringContaining('second draft') });
    expect((await call(`/api/v1/statuses/${posted.id}`, { method: 'DELETE', token: author.token })).status).toBe(200);
    for (const socket of [s, pub]) expect((await socket.next((f) => f.event === 'delete')).payload).toBe(posted.id);
    s.ws.close();
    pub.ws.close();
  });

  it('gives a hashtag stream the tagged public posts only', async () => {
    const author = await signUp();
    const tag = unique('tag');
    const s = await openStream(`?stream=hashtag&tag=${tag}`);
    await settle();
    await postStatus(author, `unlisted #${tag}`, { visibility: 'unlisted' });
    await postStatus(author, 'no tag here');
    const tagged = await postStatus(author, `public #${tag}`);
    const frame = await s.next((f) => f.event === 'update');
    expect(frame.stream).toEqual(['hashtag', tag.toLowerCase()]);
    expect(JSON.parse(frame.payload!).id).toBe(tagged.id);
    expect(await s.quiet((f) => f.event === 'update', 500)).toHaveLength(1);
    s.ws.close();
  });
});

describe('streaming: reblogs and follows', { timeout: 20_000 }, () => {
  it('delivers a reblog to the reblogger’s followers who show reblogs, and not to the public stream', async () => {
    const [me, quiet, booster, author] = await Promise.all([signUp(), signUp(), signUp(), signUp()]);
    await relate('follows', me.id, booster.id);
    await relate('follows', quiet.id, booster.id);
    await env.DB.prepare('UPDATE follows SET show_reblogs = 0 WHERE account_id = ?').bind(quiet.id).run();
    const original = await postStatus(author, 'worth sharing');
    const s = await openStream('?stream=user', { authorization: `Bearer ${me.token}` });
    const q = await openStream('?stream=user', { authorization: `Bearer ${quiet.token}` });
    const pub = await openStream('?stream=public');
    await settle();
    expect((await call(`/api/v1/statuses/${original.id}/reblog`, { method: 'POST', token: booster.token })).status).toBe(200);
    const frame = await s.next((f) => f.event === 'update');
    expect(JSON.parse(frame.payload!)).toMatchObject({ account: { id: booster.id }, reblog: { id: original.id } });
    expect(await q.quiet((f) => f.event === 'update', 300)).toEqual([]);
    // The original's own fan-out may still reach the public socket; no reblog may.
    expect(await pub.quiet((f) => f.event === 'update' && JSON.parse(f.payload!).reblog !== null, 100)).toEqual([]);
    for (const x of [s, q, pub]) x.ws.close();
  });

  it('delivers follow and follow-request notifications, and the follow of an authorized request', async () => {
    const [me, fan] = await Promise.all([signUp(), signUp()]);
    const s = await openStream('?stream=user:notification', { authorization: `Bearer ${me.token}` });
    await settle();
    expect((await call(`/api/v1/accounts/${me.id}/follow`, { method: 'POST', token: fan.token })).status).toBe(200);
    expect(JSON.parse((await s.next((f) => f.event === 'notification')).payload!)).toMatchObject({ type: 'follow', account: { id: fan.id } });
    s.ws.close();

    const [locked, asker] = await Promise.all([signUp(), signUp()]);
    await env.DB.prepare('UPDATE accounts SET locked = 1 WHERE id = ?').bind(locked.id).run();
    const l = await openStream('?stream=user:notification', { authorization: `Bearer ${locked.token}` });
    await settle();
    expect((await call(`/api/v1/accounts/${locked.id}/follow`, { method: 'POST', token: asker.token })).status).toBe(200);
    expect(JSON.parse((await l.next((f) => f.event === 'notification')).payload!)).toMatchObject({ type: 'follow_request' });
    expect((await call(`/api/v1/follow_requests/${asker.id}/authorize`, { method: 'POST', token: locked.token })).status).toBe(200);
    expect(JSON.parse((await l.next((f) => f.event === 'notification' && JSON.parse(f.payload!).type === 'follow')).payload!)).toMatchObject({ account: { id: asker.id } });
    l.ws.close();
  });
});

describe('streaming: the fanout consumer', { timeout: 20_000 }, () => {
  it('acknowledges a malformed message instead of retrying it forever, and publishes a valid one it is handed', async () => {
    const author = await signUp();
    const s = await openStream('?stream=user', { authorization: `Bearer ${author.token}` });
    await settle();
    const posted = await postStatus(author, 'published twice at worst');
    await s.next((f) => f.event === 'update');
    const body = { kind: 'status.created', statusId: posted.id, authorId: author.id, visibility: 'public', tags: [], mentionIds: [] };
    const batch = createMessageBatch('fanout', [
      { id: 'bad', timestamp: new Date(), attempts: 1, body: { kind: 'status.created' } },
      { id: 'good', timestamp: new Date(), attempts: 1, body },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(['bad', 'good']);
    expect(result.retryMessages).toEqual([]);
    // A redelivery publishes the same event again: a duplicate the client de-duplicates by id.
    await s.next(() => s.frames.filter((f) => f.event === 'update').length === 2);
    s.ws.close();
  });
});
