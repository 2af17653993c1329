import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { UserStream } from '../../durable-objects/UserStream';
import { count, login, signUp } from './helpers';

describe('housekeeping cron', () => {
  it('removes long-revoked sessions, stale codes and links, and old rate-limit windows, and keeps live ones', async () => {
    const user = await signUp();
    const live = await count('sessions', 'account_id = ? AND revoked_at IS NULL', user.id);
    const old = Date.now() - 30 * 24 * 3600 * 1000;
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO sessions (id, account_id, scopes, expires_at, revoked_at) VALUES ('1', ?, 'read', ?, ?)`).bind(user.id, Date.now() + 1e9, old),
      env.DB.prepare(`INSERT INTO oauth_codes (code_hash, app_id, account_id, redirect_uri, scopes, expires_at) VALUES ('h', 'a', ?, 'x', 'read', ?)`).bind(user.id, old),
      env.DB.prepare(`INSERT INTO rate_limits (key, window_start, count) VALUES ('old-window', ?, 3)`).bind(old),
    ]);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await count('sessions', "id = '1'")).toBe(0);
    expect(await count('oauth_codes', "code_hash = 'h'")).toBe(0);
    expect(await count('rate_limits', "key = 'old-window'")).toBe(0);
    expect(await count('sessions', 'account_id = ? AND revoked_at IS NULL', user.id)).toBe(live);
    expect((await login(user.username, user.password)).status).toBe(200);
  });
});

describe('queues', () => {
  it('retries messages of a queue that has no consumer yet, so they reach its dead-letter queue instead of vanishing', async () => {
    const batch = createMessageBatch('fanout', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: { kind: 'status', id: '1' } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryBatch.retry).toBe(true);
    expect(result.explicitAcks).toEqual([]);
  });
});

describe('Durable Objects', () => {
  it('every class is bound and exported', () => {
    for (const ns of [env.CHAT_ROOM, env.LIVE_STREAM, env.AGENT_SESSION, env.USER_STREAM]) expect(ns.idFromName('x').toString()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('UserStream delivers a published event to the sockets of that stream only', async () => {
    const stub = env.USER_STREAM.get(env.USER_STREAM.idFromName('account-1'));
    const open = async (stream: string) => {
      const res = await stub.fetch(`http://do/?stream=${stream}`, { headers: { upgrade: 'websocket' } });
      expect(res.status).toBe(101);
      const ws = res.webSocket!;
      ws.accept();
      return ws;
    };
    const user = await open('user');
    const notifications = await open('user:notification');
    const received: string[] = [];
    user.addEventListener('message', (e) => received.push(e.data as string));
    notifications.addEventListener('message', () => received.push('wrong stream'));
    const delivered = await runInDurableObject(stub, (instance: UserStream) => instance.publish('user', 'update', { id: '42' }));
    expect(delivered).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toEqual([JSON.stringify({ stream: ['user'], event: 'update', payload: JSON.stringify({ id: '42' }) })]);
    const plain = await stub.fetch('http://do/');
    expect(plain.status).toBe(426);
    user.close();
    notifications.close();
  });

  it('the Worker serves through the same fetch handler as the tests', async () => {
    expect((await exports.default.fetch('http://x/api/v2/instance')).status).toBe(200);
  });
});
