import { env } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { requireRecentMfa } from '../../workers/api/mfa/guard';
import { call, count, json, login, signUp, type TestUser } from './helpers';
import { codeAt, enrol, sessionIdOf, setup } from './mfa.helpers';

const status = (token: string) => call('/api/v1/mfa', { token });

const verify = (token: string, code: string) => call('/api/v1/mfa/verify', { token, json: { code } });

/** Another session of the same account, opened before it turns MFA on (so without verifying). */
async function secondSession(user: TestUser): Promise<string> {
  return (await json(await login(user.username, user.password))).access_token;
}

describe('TOTP enrolment', () => {
  it('starts with the password and returns the secret, an otpauth:// URI for SMILE and the account, and a QR code', async () => {
    const user = await signUp();
    const body = await setup(user);
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(body.otpauth_uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(body.otpauth_uri.startsWith('otpauth://totp/')).toBe(true);
    expect(decodeURIComponent(uri.pathname)).toBe(`/SMILE:${user.username}@127.0.0.1`);
    expect(uri.searchParams.get('issuer')).toBe('SMILE');
    expect(uri.searchParams.get('secret')).toBe(body.secret);
    expect(body.qr_svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    // Pending: not on yet, and the secret is stored encrypted.
    expect(await json(await status(user.token))).toMatchObject({ enabled: false, pending: true, recovery_codes_left: 0 });
    const row = await env.DB.prepare('SELECT secret_enc FROM mfa_totp WHERE account_id = ?').bind(user.id).first<{ secret_enc: string }>();
    expect(row!.secret_enc.startsWith('v1.')).toBe(true);
    expect(row!.secret_enc).not.toContain(body.secret);
  });

  it('refuses to start without the right password', async () => {
    const user = await signUp();
    const res = await call('/api/v1/mfa/totp/setup', { token: user.token, json: { current_password: 'not my password' } });
    expect(res.status).toBe(422);
    expect((await json(res)).details).toHaveProperty('current_password');
    expect(await count('mfa_totp', 'account_id = ?', user.id)).toBe(0);
  });

  it('confirms with a first code, then reports MFA on with 10 recovery codes and this session verified', async () => {
    const user = await signUp();
    const { secret } = await setup(user);
    const res = await call('/api/v1/mfa/totp/confirm', { token: user.token, json: { code: codeAt(secret) } });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.recovery_codes).toHaveLength(10);
    expect(new Set(body.recovery_codes).size).toBe(10);
    expect(body.status).toMatchObject({ enabled: true, pending: false, recovery_codes_left: 10 });
    const now = await json(await status(user.token));
    expect(now).toMatchObject({ enabled: true, recovery_codes_left: 10 });
    expect(Date.parse(now.enrolled_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(now.verified_at)).toBeGreaterThan(Date.now() - 60_000);
    // Only hashes are kept.
    const stored = await env.DB.prepare('SELECT code_hash FROM mfa_recovery_codes WHERE account_id = ?').bind(user.id).all<{ code_hash: string }>();
    expect(stored.results.map((r) => r.code_hash)).not.toContain(body.recovery_codes[0]);
    // The secret is never shown again, and enrolling again needs MFA off first.
    expect(JSON.stringify(now)).not.toContain(secret);
    expect((await call('/api/v1/mfa/totp/setup', { token: user.token, json: { current_password: user.password } })).status).toBe(409);
  });

  it('refuses a wrong confirmation code with 422 and stays off', async () => {
    const user = await signUp();
    const { secret } = await setup(user);
    const wrong = String((Number(codeAt(secret)) + 1) % 1_000_000).padStart(6, '0');
    const res = await call('/api/v1/mfa/totp/confirm', { token: user.token, json: { code: wrong } });
    expect(res.status).toBe(422);
    expect((await json(res)).details).toHaveProperty('code');
    expect(await json(await status(user.token))).toMatchObject({ enabled: false, pending: true });
  });

  it('replaces the pending secret when enrolment starts again', async () => {
    const user = await signUp();
    const first = await setup(user);
    const second = await setup(user);
    expect(second.secret).not.toBe(first.secret);
    expect((await call('/api/v1/mfa/totp/confirm', { token: user.token, json: { code: codeAt(first.secret) } })).status).toBe(422);
    expect((await call('/api/v1/mfa/totp/confirm', { token: user.token, json: { code: codeAt(second.secret) } })).status).toBe(200);
  });

  it('will not confirm before enrolment starts', async () => {
    const user = await signUp();
    expect((await call('/api/v1/mfa/totp/confirm', { token: user.token, json: { code: '123456' } })).status).toBe(409);
  });
});

describe('step-up verification', () => {
  it('marks only the calling session verified, and refuses the same code twice', async () => {
    const user = await signUp();
    const other = await secondSession(user);
    const { secret } = await enrol(user);
    expect((await json(await status(other))).verified_at).toBeNull();
    const code = codeAt(secret);
    const ok = await verify(other, code);
    expect(ok.status).toBe(200);
    expect(Date.parse((await json(ok)).verified_at)).toBeGreaterThan(Date.now() - 60_000);
    const replay = await verify(other, code);
    expect(replay.status).toBe(422);
    expect((await json(replay)).details.code[0].description).toMatch(/already been used/);
    // The next step's code still works (one step of drift is allowed).
    expect((await verify(user.token, codeAt(secret, 1))).status).toBe(200);
  });

  it('accepts each recovery code once, in any case and with or without the dash', async () => {
    const user = await signUp();
    const { recoveryCodes } = await enrol(user);
    const [first, second] = recoveryCodes as [string, string];
    expect((await verify(user.token, first.toUpperCase().replace('-', ' '))).status).toBe(200);
    expect((await verify(user.token, first)).status).toBe(422);
    const res = await verify(user.token, second);
    expect(res.status).toBe(200);
    expect((await json(res)).recovery_codes_left).toBe(8);
  });

  it('locks after 5 failures in 15 minutes with 429 and Retry-After, even for a right code', async () => {
    const user = await signUp();
    const { secret } = await enrol(user);
    for (let i = 0; i < 5; i++) expect((await verify(user.token, 'wrong-guess')).status).toBe(422);
    const locked = await verify(user.token, codeAt(secret));
    expect(locked.status).toBe(429);
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
  });

  it('answers 409 when MFA is off, and 401 without a token', async () => {
    const user = await signUp();
    expect((await verify(user.token, '123456')).status).toBe(409);
    expect((await call('/api/v1/mfa/verify', { json: { code: '123456' } })).status).toBe(401);
  });
});

describe('requireRecentMfa', () => {
  const guard = async (token: string) => {
    const account = await env.DB.prepare('SELECT a.* FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id = ?').bind(sessionIdOf(token)).first();
    try {
      await requireRecentMfa({ db: drizzle(env.DB) }, { sessionId: sessionIdOf(token), appId: null, account: account as never, scopes: [] });
      return 'ok';
    } catch (err) {
      const e = err as { status: number; toBody(): { code?: string } };
      return `${e.status} ${e.toBody().code}`;
    }
  };

  it('refuses an account without MFA with mfa_required', async () => {
    const user = await signUp();
    expect(await guard(user.token)).toBe('403 mfa_required');
  });

  it('passes a session verified just now, and refuses it with mfa_stale once 5 minutes have passed', async () => {
    const user = await signUp();
    const { secret } = await enrol(user);
    expect(await guard(user.token)).toBe('ok');
    await env.DB.prepare('UPDATE sessions SET mfa_verified_at = ? WHERE id = ?').bind(Date.now() - 5 * 60_000 - 1000, sessionIdOf(user.token)).run();
    expect(await guard(user.token)).toBe('403 mfa_stale');
    expect((await json(await status(user.token))).verified_at).not.toBeNull();
    await verify(user.token, codeAt(secret));
    expect(await guard(user.token)).toBe('ok');
  });

  it("does not count another session's verification, nor another user's", async () => {
    const user = await signUp();
    const stranger = await signUp();
    const other = await secondSession(user);
    await enrol(user);
    await enrol(stranger);
    expect(await guard(other)).toBe('403 mfa_stale');
    expect(await guard(stranger.token)).toBe('ok');
    await env.DB.prepare('UPDATE sessions SET mfa_verified_at = NULL WHERE id = ?').bind(sessionIdOf(stranger.token)).run();
    expect(await guard(user.token)).toBe('ok');
    expect(await guard(stranger.token)).toBe('403 mfa_stale');
  });

  it('sends the code in the JSON error body', async () => {
    const { codedError } = await import('../../workers/api/lib/errors');
    expect(codedError(403, 'mfa_stale', 'Confirm').toBody()).toEqual({ error: 'Confirm', code: 'mfa_stale' });
  });
});

describe('disabling and recovery codes', () => {
  it('needs the password and a valid code to turn MFA off', async () => {
    const user = await signUp();
    const { secret } = await enrol(user);
    const noPassword = await call('/api/v1/mfa/disable', { token: user.token, json: { code: codeAt(secret), current_password: 'nope' } });
    expect(noPassword.status).toBe(422);
    expect((await json(noPassword)).details).toHaveProperty('current_password');
    const noCode = await call('/api/v1/mfa/disable', { token: user.token, json: { code: '000000', current_password: user.password } });
    expect(noCode.status).toBe(422);
    expect((await json(noCode)).details).toHaveProperty('code');
    expect((await json(await status(user.token))).enabled).toBe(true);
    const off = await call('/api/v1/mfa/disable', { token: user.token, json: { code: codeAt(secret), current_password: user.password } });
    expect(off.status).toBe(200);
    expect(await json(off)).toMatchObject({ enabled: false, verified_at: null, recovery_codes_left: 0 });
    expect(await count('mfa_recovery_codes', 'account_id = ?', user.id)).toBe(0);
    expect(await count('sessions', 'account_id = ? AND mfa_verified_at IS NOT NULL', user.id)).toBe(0);
  });

  it('regenerates the recovery codes with an app code only; the old ones stop working', async () => {
    const user = await signUp();
    const { secret, recoveryCodes } = await enrol(user);
    expect((await call('/api/v1/mfa/recovery_codes', { token: user.token, json: { code: recoveryCodes[0] } })).status).toBe(422);
    const res = await call('/api/v1/mfa/recovery_codes', { token: user.token, json: { code: codeAt(secret) } });
    expect(res.status).toBe(200);
    const fresh = (await json(res)).recovery_codes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[1]);
    expect((await verify(user.token, recoveryCodes[1]!)).status).toBe(422);
    expect((await verify(user.token, fresh[0]!)).status).toBe(200);
  });
});

describe('password login with MFA', () => {
  it('answers a challenge instead of tokens, and completes with a code', async () => {
    const user = await signUp();
    const { secret } = await enrol(user);
    const first = await json(await login(user.username, user.password));
    expect(first).toMatchObject({ mfa_required: true, expires_in: 300 });
    expect(first.access_token).toBeUndefined();
    const wrong = await call('/api/v1/auth/login/mfa', { json: { mfa_challenge: first.mfa_challenge, code: '000000' } });
    expect(wrong.status).toBe(422);
    const done = await call('/api/v1/auth/login/mfa', { json: { mfa_challenge: first.mfa_challenge, code: codeAt(secret) } });
    expect(done.status).toBe(200);
    const session = await json(done);
    expect(session.account.id).toBe(user.id);
    // Logging in with the code counts as a fresh verification for that session.
    expect((await json(await status(session.access_token))).verified_at).not.toBeNull();
  });

  it('refuses a forged challenge or an access token used as one', async () => {
    const user = await signUp();
    await enrol(user);
    for (const challenge of ['not-a-jwt', user.token]) {
      expect((await call('/api/v1/auth/login/mfa', { json: { mfa_challenge: challenge, code: '123456' } })).status).toBe(401);
    }
  });

  it('still gives tokens at once to accounts without MFA', async () => {
    const user = await signUp();
    expect((await json(await login(user.username, user.password))).access_token).toBeTruthy();
  });
});
