import { describe, expect, it } from 'vitest';
import { call, scopedToken, signUp } from './helpers';
import { openStream, settle } from './streaming.helpers';

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
