import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { UserStream } from '../../durable-objects/UserStream';
import { deliverOutbox } from '../../workers/api/auth/mail-delivery';
import { loadConfig } from '../../workers/env';
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
  it('retries messages of a queue that has no consumer (one added to wrangler.toml alone), so they reach its dead-letter queue instead of vanishing', async () => {
    const batch = createMessageBatch('not-consumed-yet', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: { kind: 'status', id: '1' } }]);
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
      const res = await stub.fetch(`http://do/?account=account-1&allowed=user,user:notification&stream=${stream}`, { headers: { upgrade: 'websocket' } });
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

  it('workerd serves the API through the Worker entry that the tests call directly', async () => {
    expect((await exports.default.fetch('http://x/api/v2/instance')).status).toBe(200);
  });
});

describe('mail delivery', () => {
  it('without a mail API configured, mail stays in the outbox for the dev mailbox', async () => {
    const user = await signUp();
    expect(await deliverOutbox(env.DB, loadConfig(env))).toEqual({ sent: 0, failed: 0 });
    expect(await count('outbox', 'to_address = ? AND sent_at IS NULL AND attempts = 0', user.email)).toBe(1);
  });

  it('records a failed delivery and releases the mail for the next run, up to a limit of attempts', async () => {
    const user = await signUp();
    // Only this user's mail is pending, so every delivery run below is about it.
    await env.DB.prepare('UPDATE outbox SET sent_at = 0 WHERE to_address != ?').bind(user.email).run();
    const unreachable = { ...loadConfig(env), MAIL_API_URL: 'http://127.0.0.1:9/emails' };
    const first = await deliverOutbox(env.DB, unreachable);
    expect(first.sent).toBe(0);
    expect(first.failed).toBe(1);
    const row = await env.DB.prepare('SELECT attempts, claimed_at, sent_at, last_error FROM outbox WHERE to_address = ?').bind(user.email).first<Record<string, unknown>>();
    expect(row).toMatchObject({ attempts: 1, claimed_at: null, sent_at: null });
    expect(row!.last_error).toBeTruthy();
    // At the eighth failure a mail is given up on (it stays in the outbox, with its last error).
    await env.DB.prepare('UPDATE outbox SET attempts = 7 WHERE to_address = ?').bind(user.email).run();
    await deliverOutbox(env.DB, unreachable);
    await deliverOutbox(env.DB, unreachable);
    expect(await count('outbox', 'to_address = ? AND attempts = 8 AND sent_at IS NULL', user.email)).toBe(1);
  });
});
