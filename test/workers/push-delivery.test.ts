/**
 * Web Push delivery from the fanout queue, inside workerd. The push service is the test: the
 * Worker's outbound fetch to https://push.example is answered here, and every body is decrypted
 * with the subscribing "browser's" own keys (push-receiver.ts, node:crypto, nothing from the
 * Worker) and its VAPID JWT verified against server_key. Other fetches pass through.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../workers/index';
import { call, count, eventually, json, login, postStatus, relate, signUp, type TestUser } from './helpers';
import { type PushBrowser, pushBrowser, verifyVapid } from './push-receiver';

interface Received {
  path: string;
  status: number;
  headers: Headers;
  payload: Record<string, any>;
}

const received: Received[] = [];
/** Answers to give, per endpoint path, before the default 201. */
const answers = new Map<string, number[]>();
const browsers = new Map<string, PushBrowser>();
const realFetch = globalThis.fetch;

beforeAll(() => {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== 'https://push.example') return realFetch(input, init);
    const status = answers.get(url.pathname)?.shift() ?? 201;
    const payload = JSON.parse(browsers.get(url.pathname)!.decrypt(new Uint8Array(await request.arrayBuffer())));
    received.push({ path: url.pathname, status, headers: request.headers, payload });
    return new Response(null, { status });
  });
});
afterAll(() => vi.restoreAllMocks());

let n = 0;
/** Subscribes `token` with a fresh browser key pair at a fresh endpoint path. */
async function subscribe(token: string, alerts: string[], policy = 'all'): Promise<string> {
  const path = `/push/${n++}`;
  const browser = pushBrowser();
  browsers.set(path, browser);
  const res = await call('/api/v1/push/subscription', { token, json: { subscription: { endpoint: `https://push.example${path}`, keys: browser.keys }, data: { alerts: Object.fromEntries(alerts.map((a) => [a, true])), policy } } });
  expect(res.status).toBe(200);
  return path;
}

const delivered = (path: string) => received.filter((r) => r.path === path && r.status < 300);
const attempts = (path: string) => received.filter((r) => r.path === path);
const until = (what: () => Received[], n = 1) => eventually(async () => what(), (list) => list.length >= n);

async function favourite(user: TestUser, statusId: string) {
  expect((await call(`/api/v1/statuses/${statusId}/favourite`, { method: 'POST', token: user.token })).status).toBe(200);
}

describe('web push delivery', () => {
  it('pushes a like, a mention and a follow, encrypted for the browser and signed with the server key', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const path = await subscribe(alice.token, ['favourite', 'mention', 'follow']);
    const post = await postStatus(alice, 'a post to like');

    await favourite(bob, post.id);
    const [like] = await until(() => delivered(path));
    expect(like!.payload).toMatchObject({ access_token: alice.token, preferred_locale: 'en', notification_type: 'favourite', title: `${bob.username} favorited your post`, body: 'a post to like' });
    expect(like!.payload.notification_id).toMatch(/^\d+$/);
    expect(like!.payload.icon).toMatch(/^http/);
    expect(like!.headers.get('content-encoding')).toBe('aes128gcm');
    expect(like!.headers.get('ttl')).toBe('172800');
    expect(like!.headers.get('urgency')).toBe('normal');
    const claims = verifyVapid(like!.headers.get('authorization'), env.VAPID_PUBLIC_KEY as string);
    expect(claims.aud).toBe('https://push.example');
    expect(claims.sub).toBe(env.VAPID_SUBJECT);
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());

    await postStatus(bob, `@${alice.username} hello &amp; <b>welcome</b>`);
    const mention = (await until(() => delivered(path), 2)).find((r) => r.payload.notification_type === 'mention');
    expect(mention!.payload.title).toBe(`You were mentioned by ${bob.username}`);
    expect(mention!.payload.body).toContain(`@${alice.username}`);

    expect((await call(`/api/v1/accounts/${alice.id}/follow`, { method: 'POST', token: bob.token })).status).toBe(200);
    const follow = (await until(() => delivered(path), 3)).find((r) => r.payload.notification_type === 'follow');
    expect(follow!.payload.title).toBe(`${bob.username} is now following you`);
  });

  it('pushes an emoji reaction, and the end of a poll to its voters (written by the cron)', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const path = await subscribe(alice.token, ['reaction', 'poll']);
    const post = await postStatus(alice, 'react to this');
    expect((await call(`/api/v1/statuses/${post.id}/reactions/${encodeURIComponent('🎉')}`, { method: 'PUT', token: bob.token })).status).toBe(200);
    const [reaction] = await until(() => delivered(path));
    expect(reaction!.payload).toMatchObject({ notification_type: 'reaction', title: `${bob.username} reacted to your post` });

    const poll = await postStatus(bob, 'which?', { poll: { options: ['this', 'that'], expires_in: 3600 } });
    expect((await call(`/api/v1/polls/${poll.poll.id}/votes`, { token: alice.token, json: { choices: [0] } })).status).toBe(200);
    await env.DB.prepare('UPDATE polls SET expires_at = ? WHERE id = ?').bind(Date.now() - 1, poll.poll.id).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const ended = (await until(() => delivered(path), 2)).find((r) => r.payload.notification_type === 'poll');
    expect(ended!.payload.title).toBe(`A poll by ${bob.username} has ended`);
  });

  it('sends nothing for a type whose alert is off, nor to another account', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const path = await subscribe(alice.token, ['mention']);
    const bystander = await subscribe(bob.token, ['favourite', 'mention']);
    const post = await postStatus(alice, 'likes are muted');
    await favourite(bob, post.id);
    await postStatus(bob, `@${alice.username} but mentions come through`);
    await until(() => delivered(path));
    // The like was queued before the mention: give it the same time again, then look.
    await new Promise((r) => setTimeout(r, 500));
    expect(attempts(path).map((r) => r.payload.notification_type)).toEqual(['mention']);
    expect(attempts(bystander)).toEqual([]);
  });

  it('follows the policy: "followed" only from accounts you follow, "none" never', async () => {
    const alice = await signUp();
    const friend = await signUp();
    const stranger = await signUp();
    await relate('follows', alice.id, friend.id);
    const followed = await subscribe(alice.token, ['favourite'], 'followed');
    const other = (await json(await login(alice.username, alice.password))).access_token as string;
    const none = await subscribe(other, ['favourite'], 'none');
    const post = await postStatus(alice, 'policy');
    await favourite(stranger, post.id);
    await favourite(friend, post.id);
    const [only] = await until(() => delivered(followed));
    expect(only!.payload.title).toBe(`${friend.username} favorited your post`);
    await new Promise((r) => setTimeout(r, 500));
    expect(attempts(followed)).toHaveLength(1);
    expect(attempts(none)).toEqual([]);
  });

  it('deletes a subscription the push service says is gone (410)', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const path = await subscribe(alice.token, ['favourite']);
    answers.set(path, [410]);
    await favourite(bob, (await postStatus(alice, 'gone')).id);
    await until(() => attempts(path));
    await eventually(() => count('push_subscriptions', 'account_id = ?', alice.id), (n) => n === 0);
    expect((await call('/api/v1/push/subscription', { token: alice.token })).status).toBe(404);
  });

  it('retries after a 500 and delivers once to each subscription, never twice to the one that succeeded', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const steady = await subscribe(alice.token, ['favourite']);
    const other = (await json(await login(alice.username, alice.password))).access_token as string;
    const flaky = await subscribe(other, ['favourite']);
    answers.set(flaky, [500]);
    await favourite(bob, (await postStatus(alice, 'retry me')).id);
    await until(() => delivered(flaky));
    await new Promise((r) => setTimeout(r, 500));
    expect(attempts(flaky).map((r) => r.status)).toEqual([500, 201]);
    expect(attempts(steady).map((r) => r.status)).toEqual([201]);
    expect(delivered(flaky)[0]!.payload.notification_id).toBe(delivered(steady)[0]!.payload.notification_id);
    expect(delivered(flaky)[0]!.payload.access_token).toBe(other);
  });
});
