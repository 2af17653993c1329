import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { InstanceV2 } from '../../shared/schemas/instance';
import { instanceV2 } from '../../workers/api/instance/instance';
import { type Env, loadConfig } from '../../workers/env';
import { call, json, signUp } from './helpers';

describe('instance discovery', () => {
  it('v2 describes limits clients rely on: status length, 100 MB video, polls, streaming URL', async () => {
    const res = await call('/api/v2/instance');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.configuration.statuses.max_characters).toBe(500);
    expect(body.configuration.media_attachments.video_size_limit).toBe(100 * 1024 * 1024);
    expect(body.configuration.polls.max_options).toBe(4);
    expect(body.configuration.urls.streaming).toBe('ws://127.0.0.1:8787');
    expect(body.registrations.enabled).toBe(true);
    expect(body.configuration.payments).toEqual({ provider: 'test', stripe_publishable_key: null });
  });

  it('hands the web client Stripe’s publishable key only when Stripe takes the payments', () => {
    const stripe = { STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc123' };
    const payments = (vars: Record<string, string>) => instanceV2(loadConfig({ ...env, ...vars } as Env)).configuration.payments;
    expect(payments({ ...stripe, PAYMENTS_PROVIDER: 'stripe' })).toEqual({ provider: 'stripe', stripe_publishable_key: 'pk_test_abc123' });
    // A key left configured while the test provider runs is not handed out: no form would use it.
    expect(payments({ ...stripe, PAYMENTS_PROVIDER: 'test' })).toEqual({ provider: 'test', stripe_publishable_key: null });
    expect(InstanceV2.parse(instanceV2(loadConfig({ ...env, ...stripe, PAYMENTS_PROVIDER: 'stripe' } as Env))).configuration.payments.stripe_publishable_key).toBe('pk_test_abc123');
  });

  it('v1 carries the same limits in the older shape', async () => {
    const body = await json(await call('/api/v1/instance'));
    expect(body.urls.streaming_api).toBe('ws://127.0.0.1:8787');
    expect(body.configuration.statuses.max_characters).toBe(500);
  });

  it('WebFinger finds local accounts and nothing else', async () => {
    const user = await signUp();
    const res = await call(`/.well-known/webfinger?resource=acct:${user.username}@127.0.0.1:8787`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/jrd+json');
    const body = await json(res);
    expect(body.subject).toBe(`acct:${user.username}@127.0.0.1:8787`);
    expect(body.links.find((l: { rel: string }) => l.rel === 'self').href).toMatch(new RegExp(`/users/${user.username}$`));
    expect((await call(`/.well-known/webfinger?resource=acct:${user.username}@elsewhere.example`)).status).toBe(404);
    expect((await call('/.well-known/webfinger?resource=acct:ghost@127.0.0.1:8787')).status).toBe(404);
    expect((await call('/.well-known/webfinger')).status).toBe(422);
  });

  it('NodeInfo counts people, not agents', async () => {
    const links = await json(await call('/.well-known/nodeinfo'));
    expect(links.links[0].href).toMatch(/\/nodeinfo\/2\.0$/);
    const before = (await json(await call('/nodeinfo/2.0'))).usage.users.total;
    await signUp();
    const info = await json(await call('/nodeinfo/2.0'));
    expect(info.software.name).toBe('smile');
    expect(info.usage.users.total).toBe(before + 1);
  });
});

describe('start-up calls of Mastodon clients', () => {
  it('answer with empty lists rather than errors', async () => {
    const user = await signUp();
    for (const path of ['/api/v1/custom_emojis', '/api/v1/announcements', '/api/v1/filters', '/api/v2/filters', '/api/v1/lists', '/api/v1/followed_tags']) {
      const res = await call(path, { token: user.token });
      expect(res.status, path).toBe(200);
      expect(await json(res)).toEqual([]);
    }
  });
});
