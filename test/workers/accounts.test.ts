import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PNG_1X1, appToken, call, count, freshIp, json, registerApp, scopedToken, signUp, unique } from './helpers';

const signUpBody = (username: string, extra: Record<string, unknown> = {}) => ({ username, email: `${username}@example.com`, password: 'long enough password', agreement: true, locale: 'en', ...extra });

describe('POST /api/v1/accounts (sign-up)', () => {
  it('creates an account whose token works at once, with an unconfirmed e-mail and a mailed link', async () => {
    const user = await signUp();
    const res = await call('/api/v1/accounts/verify_credentials', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const me = await json(res);
    expect(me).toMatchObject({ username: user.username, acct: user.username, bot: false, locked: false, smile: { type: 'person', email: user.email, email_verified: false } });
    expect(me.source.privacy).toBe('public');
    expect(await count('outbox', "to_address = ? AND template = 'verify_email'", user.email)).toBe(1);
  });

  it('refuses a taken username (any case) and a taken e-mail with 422 field errors', async () => {
    const user = await signUp();
    const token = await appToken(await registerApp());
    const dupName = await call('/api/v1/accounts', { token, json: signUpBody(user.username.toUpperCase()), ip: freshIp() });
    expect(dupName.status).toBe(422);
    expect((await json(dupName)).details.username[0].error).toBe('ERR_TAKEN');
    const dupMail = await call('/api/v1/accounts', { token, json: signUpBody(unique(), { email: user.email.toUpperCase() }), ip: freshIp() });
    expect(dupMail.status).toBe(422);
    expect((await json(dupMail)).details.email[0].error).toBe('ERR_TAKEN');
  });

  it('reports every invalid field at once, and leaves no row behind', async () => {
    const token = await appToken(await registerApp());
    const before = await Promise.all(['accounts', 'sessions', 'outbox', 'email_tokens'].map((t) => count(t)));
    const res = await call('/api/v1/accounts', { token, json: { username: 'no spaces allowed', email: 'nope', password: 'short', agreement: false }, ip: freshIp() });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(Object.keys(body.details).sort()).toEqual(['agreement', 'email', 'locale', 'password', 'username']);
    expect(body.details.locale[0].error).toBe('ERR_BLANK');
    const after = await Promise.all(['accounts', 'sessions', 'outbox', 'email_tokens'].map((t) => count(t)));
    expect(after).toEqual(before);
  });

  it('leaves no row behind when the write itself fails halfway', async () => {
    const token = await appToken(await registerApp());
    const username = unique();
    // A trigger makes the mail insert (the last statement of the batch) fail.
    await env.DB.prepare(`CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox WHEN NEW.to_address = '${username}@example.com' BEGIN SELECT RAISE(ABORT, 'mail store down'); END`).run();
    try {
      const res = await call('/api/v1/accounts', { token, json: signUpBody(username), ip: freshIp() });
      expect(res.status).toBe(500);
      expect(await count('accounts', 'username = ?', username)).toBe(0);
      expect(await count('email_tokens', 'email = ?', `${username}@example.com`)).toBe(0);
    } finally {
      await env.DB.prepare('DROP TRIGGER fail_outbox').run();
    }
  });

  it('needs an app token: none is 401, a user token without write:accounts is 403', async () => {
    expect((await call('/api/v1/accounts', { json: signUpBody(unique()) })).status).toBe(401);
    const readOnly = await appToken(await registerApp('read'), 'read');
    const res = await call('/api/v1/accounts', { token: readOnly, json: signUpBody(unique()), ip: freshIp() });
    expect(res.status).toBe(403);
    expect((await json(res)).error).toContain('scopes');
  });

  it('limits sign-ups per address with 429 and Retry-After', async () => {
    const token = await appToken(await registerApp());
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await call('/api/v1/accounts', { token, json: signUpBody(unique()), ip })).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const limited = await call('/api/v1/accounts', { token, json: signUpBody(unique()), ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('reading accounts', () => {
  it('gets an account by id and by acct, without exposing private settings', async () => {
    const user = await signUp();
    const byId = await json(await call(`/api/v1/accounts/${user.id}`));
    expect(byId).toMatchObject({ id: user.id, username: user.username, smile: { type: 'person', label: null } });
    expect(byId).not.toHaveProperty('source');
    expect(byId.smile).not.toHaveProperty('email');
    for (const acct of [user.username, `@${user.username.toUpperCase()}`, `${user.username}@127.0.0.1:8787`]) {
      const res = await call(`/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
      expect(res.status).toBe(200);
      expect((await json(res)).id).toBe(user.id);
    }
  });

  it('answers 404 for unknown accounts and other servers, 422 for a malformed id', async () => {
    expect((await call('/api/v1/accounts/1234567890')).status).toBe(404);
    expect((await call('/api/v1/accounts/lookup?acct=nobody_here')).status).toBe(404);
    const user = await signUp();
    expect((await call(`/api/v1/accounts/lookup?acct=${user.username}@other.example`)).status).toBe(404);
    expect((await call('/api/v1/accounts/not-an-id')).status).toBe(422);
    expect((await call('/api/v1/accounts/lookup')).status).toBe(422);
  });

  it('labels agents as bots with the 🤖 mark, always', async () => {
    const owner = await signUp();
    const agentId = '117000000000000001';
    await env.DB.prepare(`INSERT INTO accounts (id, username, kind, owner_id, display_name) VALUES (?, ?, 'agent', ?, 'Helper')`).bind(agentId, unique('agent'), owner.id).run();
    const agent = await json(await call(`/api/v1/accounts/${agentId}`));
    expect(agent).toMatchObject({ bot: true, smile: { type: 'agent', owner_id: owner.id, label: '🤖' } });
  });

  it('returns posting preferences', async () => {
    const user = await signUp();
    const prefs = await json(await call('/api/v1/preferences', { token: user.token }));
    expect(prefs['posting:default:visibility']).toBe('public');
    expect(prefs['posting:default:language']).toBe('en');
  });
});

describe('PATCH /api/v1/accounts/update_credentials', () => {
  it('updates the profile from JSON', async () => {
    const user = await signUp();
    const res = await call('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: user.token,
      json: { display_name: 'Alice <3', note: 'Hello\n\n<b>world</b>', locked: true, source: { privacy: 'unlisted' }, fields_attributes: [{ name: 'Site', value: 'https://alice.example' }] },
    });
    expect(res.status).toBe(200);
    const me = await json(res);
    expect(me).toMatchObject({ display_name: 'Alice <3', locked: true, source: { privacy: 'unlisted', note: 'Hello\n\n<b>world</b>' } });
    expect(me.note).toBe('<p>Hello</p><p>&#60;b&#62;world&#60;/b&#62;</p>');
    expect(me.fields).toEqual([{ name: 'Site', value: 'https://alice.example', verified_at: null }]);
  });

  it('accepts Rails-style form fields (fields_attributes[0][name], source[privacy], "1" booleans)', async () => {
    const user = await signUp();
    const res = await call('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: user.token,
      form: { 'fields_attributes[0][name]': 'A', 'fields_attributes[0][value]': '1', 'fields_attributes[1][name]': 'B', 'fields_attributes[1][value]': '2', 'source[privacy]': 'private', discoverable: '0', bot: '1' },
    });
    expect(res.status).toBe(200);
    const me = await json(res);
    expect(me.fields.map((f: { name: string }) => f.name)).toEqual(['A', 'B']);
    expect(me).toMatchObject({ discoverable: false, bot: true, source: { privacy: 'private' } });
  });

  it('stores an uploaded avatar in R2 and serves it with cache headers and ranges', async () => {
    const user = await signUp();
    const form = new FormData();
    form.set('display_name', 'With avatar');
    form.set('avatar', new File([PNG_1X1], 'me.txt', { type: 'text/plain' }));
    const res = await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, multipart: form });
    expect(res.status).toBe(200);
    const me = await json(res);
    const path = new URL(me.avatar).pathname;
    expect(path).toMatch(new RegExp(`^/media/avatars/${user.id}/\\d+\\.png$`));
    const image = await call(path);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toContain('immutable');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG_1X1);
    const part = await call(path, { headers: { range: 'bytes=0-7' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-7/${PNG_1X1.length}`);
    expect((await part.arrayBuffer()).byteLength).toBe(8);

    // Replacing the avatar removes the old object.
    const again = new FormData();
    again.set('avatar', new File([PNG_1X1], 'again.png'));
    await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, multipart: again });
    expect(await env.MEDIA.head(path.replace('/media/', ''))).toBeNull();
  });

  it('refuses an avatar that is not an image, whatever its name says, and changes nothing', async () => {
    const user = await signUp();
    const form = new FormData();
    form.set('display_name', 'Should not stick');
    form.set('avatar', new File(['<svg onload=alert(1)>'], 'cute.png', { type: 'image/png' }));
    const res = await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, multipart: form });
    expect(res.status).toBe(422);
    expect((await json(res)).details.avatar[0].error).toBe('ERR_UNSUPPORTED_TYPE');
    expect((await json(await call('/api/v1/accounts/verify_credentials', { token: user.token }))).display_name).toBe('');
  });

  it('refuses an avatar over 2 MB and a body over the limit with 413', async () => {
    const user = await signUp();
    const big = new Uint8Array(2 * 1024 * 1024 + 10);
    big.set(PNG_1X1);
    const form = new FormData();
    form.set('avatar', new File([big], 'big.png'));
    expect((await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, multipart: form })).status).toBe(413);
    const huge = await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, json: { note: 'x'.repeat(5 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect((await json(huge)).error).toMatch(/larger than/);
  });

  it('validates lengths and the field count', async () => {
    const user = await signUp();
    const res = await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, json: { display_name: 'x'.repeat(31), fields_attributes: Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, value: 'v' })) } });
    expect(res.status).toBe(422);
    expect(Object.keys((await json(res)).details).sort()).toEqual(['display_name', 'fields_attributes']);
  });

  it('needs write:accounts', async () => {
    const user = await signUp();
    const readOnly = await scopedToken(user, 'read');
    expect((await call('/api/v1/accounts/verify_credentials', { token: readOnly })).status).toBe(200);
    const res = await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: readOnly, json: { display_name: 'nope' } });
    expect(res.status).toBe(403);
  });
});

describe('privacy settings', () => {
  it('are returned and stored', async () => {
    const user = await signUp();
    expect(await json(await call('/api/v1/settings/privacy', { token: user.token }))).toEqual({ locked: false, discoverable: true, hide_from_search: false, dm_policy: 'everyone', ai_content: 'all' });
    const res = await call('/api/v1/settings/privacy', { method: 'PATCH', token: user.token, json: { locked: true, hide_from_search: true, dm_policy: 'following' } });
    expect(await json(res)).toEqual({ locked: true, discoverable: true, hide_from_search: true, dm_policy: 'following', ai_content: 'all' });
    const me = await json(await call('/api/v1/accounts/verify_credentials', { token: user.token }));
    expect(me).toMatchObject({ locked: true, indexable: false, noindex: true, smile: { privacy: { dm_policy: 'following' } } });
  });

  it('reject unknown values and anonymous callers', async () => {
    const user = await signUp();
    expect((await call('/api/v1/settings/privacy', { method: 'PATCH', token: user.token, json: { dm_policy: 'strangers' } })).status).toBe(422);
    expect((await call('/api/v1/settings/privacy')).status).toBe(401);
  });
});
