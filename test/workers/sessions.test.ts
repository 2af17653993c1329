import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, count, freshIp, json, lastMail, linkToken, login, signUp } from './helpers';

const me = (token: string) => call('/api/v1/accounts/verify_credentials', { token });

describe('first-party login', () => {
  it('logs in with the e-mail or the username, any case, and returns tokens and the account', async () => {
    const user = await signUp();
    for (const name of [user.email.toUpperCase(), user.username, `@${user.username}`]) {
      const res = await login(name, user.password);
      expect(res.status).toBe(200);
      const session = await json(res);
      expect(session).toMatchObject({ token_type: 'Bearer', account: { id: user.id, username: user.username } });
      expect(session.refresh_token).toBeTruthy();
      expect((await me(session.access_token)).status).toBe(200);
    }
  });

  it('refuses a wrong password or an unknown login with the same 401', async () => {
    const user = await signUp();
    const wrong = await login(user.username, 'not the password');
    const unknown = await login('nobody_at_all', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await json(wrong)).toEqual(await json(unknown));
  });

  it('locks an account for 15 minutes after 5 failed attempts, even with the right password', async () => {
    const user = await signUp();
    for (let i = 0; i < 5; i++) expect((await login(user.username, 'bad guess', freshIp())).status).toBe(401);
    const locked = await login(user.username, user.password, freshIp());
    expect(locked.status).toBe(429);
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
  });

  it('limits failed attempts per address across accounts', async () => {
    const ip = freshIp();
    const users = await Promise.all([signUp(), signUp(), signUp()]);
    for (let i = 0; i < 5; i++) await login(users[i % 3]!.username, 'bad guess', ip);
    expect((await login(users[0]!.username, users[0]!.password, ip)).status).toBe(429);
    expect((await login(users[0]!.username, users[0]!.password, freshIp())).status).toBe(200);
  });

  it('clears the account counter after a successful login', async () => {
    const user = await signUp();
    for (let i = 0; i < 4; i++) await login(user.username, 'bad guess', freshIp());
    expect((await login(user.username, user.password, freshIp())).status).toBe(200);
    for (let i = 0; i < 4; i++) await login(user.username, 'bad guess', freshIp());
    expect((await login(user.username, user.password, freshIp())).status).toBe(200);
  });

  it('validates the body', async () => {
    const res = await call('/api/v1/auth/login', { json: { login: '' } });
    expect(res.status).toBe(422);
    expect(Object.keys((await json(res)).details).sort()).toEqual(['login', 'password']);
  });
});

describe('logout and password change', () => {
  it('logout revokes only the calling session', async () => {
    const user = await signUp();
    const a = (await json(await login(user.username, user.password))).access_token;
    const b = (await json(await login(user.username, user.password))).access_token;
    expect((await call('/api/v1/auth/logout', { method: 'POST', token: a })).status).toBe(200);
    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(200);
    expect((await call('/api/v1/auth/logout', { method: 'POST' })).status).toBe(401);
  });

  it('changing the password revokes every other session and mails the owner', async () => {
    const user = await signUp();
    const current = (await json(await login(user.username, user.password))).access_token;
    const other = (await json(await login(user.username, user.password))).access_token;
    const res = await call('/api/v1/auth/password', { token: current, json: { current_password: user.password, new_password: 'a brand new secret' } });
    expect(res.status).toBe(200);
    expect((await me(current)).status).toBe(200);
    expect((await me(other)).status).toBe(401);
    expect((await me(user.token)).status).toBe(401);
    expect((await login(user.username, user.password)).status).toBe(401);
    expect((await login(user.username, 'a brand new secret')).status).toBe(200);
    expect((await lastMail(user.email)).template).toBe('password_changed');
  });

  it('refuses a wrong current password or a short new one, and keeps the old password', async () => {
    const user = await signUp();
    const wrong = await call('/api/v1/auth/password', { token: user.token, json: { current_password: 'guess', new_password: 'a brand new secret' } });
    expect(wrong.status).toBe(422);
    expect((await json(wrong)).details).toHaveProperty('current_password');
    const short = await call('/api/v1/auth/password', { token: user.token, json: { current_password: user.password, new_password: 'short' } });
    expect(short.status).toBe(422);
    expect((await login(user.username, user.password)).status).toBe(200);
  });
});

describe('password reset', () => {
  it('mails a single-use link that sets a new password and logs out everywhere', async () => {
    const user = await signUp();
    const res = await call('/api/v1/auth/password/forgot', { json: { email: user.email }, ip: freshIp() });
    expect(res.status).toBe(202);
    const mail = await lastMail(user.email);
    expect(mail.template).toBe('reset_password');
    const token = linkToken(mail.text_body);

    const reset = await call('/api/v1/auth/password/reset', { json: { token, password: 'reset to this one' } });
    expect(reset.status).toBe(200);
    expect((await me(user.token)).status).toBe(401);
    expect((await login(user.email, 'reset to this one')).status).toBe(200);
    expect((await login(user.email, user.password)).status).toBe(401);

    const reuse = await call('/api/v1/auth/password/reset', { json: { token, password: 'and again please' } });
    expect(reuse.status).toBe(422);
    expect((await json(reuse)).details.token[0].description).toMatch(/already used/);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = await count('outbox');
    const res = await call('/api/v1/auth/password/forgot', { json: { email: 'nobody@nowhere.example' }, ip: freshIp() });
    expect(res.status).toBe(202);
    expect(await count('outbox')).toBe(before);
  });

  it('refuses an expired link', async () => {
    const user = await signUp();
    await call('/api/v1/auth/password/forgot', { json: { email: user.email }, ip: freshIp() });
    const token = linkToken((await lastMail(user.email)).text_body);
    await env.DB.prepare(`UPDATE email_tokens SET expires_at = ? WHERE account_id = ? AND purpose = 'reset_password'`).bind(Date.now() - 1, user.id).run();
    expect((await call('/api/v1/auth/password/reset', { json: { token, password: 'too late for this' } })).status).toBe(422);
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('after one of several reset links is used, the others stop working', async () => {
    const user = await signUp();
    const ip = freshIp();
    await call('/api/v1/auth/password/forgot', { json: { email: user.email }, ip });
    const first = linkToken((await lastMail(user.email)).text_body);
    await call('/api/v1/auth/password/forgot', { json: { email: user.email }, ip });
    const second = linkToken((await lastMail(user.email)).text_body);
    expect((await call('/api/v1/auth/password/reset', { json: { token: second, password: 'second link wins' } })).status).toBe(200);
    expect((await call('/api/v1/auth/password/reset', { json: { token: first, password: 'first link loses' } })).status).toBe(422);
  });

  it('limits reset mails per address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await call('/api/v1/auth/password/forgot', { json: { email: 'x@example.com' }, ip })).status).toBe(202);
    expect((await call('/api/v1/auth/password/forgot', { json: { email: 'x@example.com' }, ip })).status).toBe(429);
  });
});

describe('e-mail verification', () => {
  it('confirms the address with the mailed link, once', async () => {
    const user = await signUp();
    const token = linkToken((await lastMail(user.email)).text_body);
    const res = await call('/api/v1/auth/email/verify', { json: { token } });
    expect(res.status).toBe(200);
    expect((await json(res)).smile.email_verified).toBe(true);
    expect((await json(await me(user.token))).smile.email_verified).toBe(true);
    expect((await call('/api/v1/auth/email/verify', { json: { token } })).status).toBe(422);
    expect((await call('/api/v1/emails/confirmation', { method: 'POST', token: user.token })).status).toBe(409);
  });

  it('resends the link while unconfirmed; a made-up token is refused', async () => {
    const user = await signUp();
    expect((await call('/api/v1/emails/confirmation', { method: 'POST', token: user.token })).status).toBe(200);
    expect(await count('outbox', "to_address = ? AND template = 'verify_email'", user.email)).toBe(2);
    expect((await call('/api/v1/auth/email/verify', { json: { token: 'made-up' } })).status).toBe(422);
  });
});

describe('tokens', () => {
  it('refuses malformed, forged and expired tokens with 401', async () => {
    const user = await signUp();
    const [header, payload] = user.token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    const claims = JSON.parse(atob(payload!.replace(/-/g, '+').replace(/_/g, '/')));
    const { SignJWT } = await import('jose');
    const expired = await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .sign(new TextEncoder().encode(env.JWT_SECRET as string));
    const otherKey = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(new TextEncoder().encode('x'.repeat(40)));
    for (const token of ['garbage', forged, expired, otherKey]) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect((await json(res)).error).toBe('The access token is invalid');
    }
  });

  it('a token that worked stops working when it expires', async () => {
    const user = await signUp();
    const claims = JSON.parse(atob(user.token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
    const { SignJWT } = await import('jose');
    const shortLived = await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) + 2 })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .sign(new TextEncoder().encode(env.JWT_SECRET as string));
    expect((await me(shortLived)).status).toBe(200);
    expect((await me(shortLived)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await me(shortLived)).status).toBe(401);
  });

  it('a token whose session was revoked stops working', async () => {
    const user = await signUp();
    await env.DB.prepare('UPDATE sessions SET revoked_at = ? WHERE account_id = ?').bind(Date.now(), user.id).run();
    expect((await me(user.token)).status).toBe(401);
  });
});
