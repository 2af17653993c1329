/** MFA test helpers: what an authenticator app shows, enrolment through the API, a token's session. */
import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import { call, json, type TestUser } from './helpers';

/** The code an authenticator app shows `steps` periods from now. */
export const codeAt = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + steps * 30_000 });

/** The session id inside an access token. */
export const sessionIdOf = (token: string) => JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sid as string;

export async function setup(user: TestUser, token = user.token) {
  const res = await call('/api/v1/mfa/totp/setup', { token, json: { current_password: user.password } });
  expect(res.status).toBe(200);
  return json<{ secret: string; otpauth_uri: string; qr_svg: string }>(res);
}

/**
 * Waits out the last seconds of a 30 s step: a previous step's code sent then could reach the
 * server in the next step, outside the window of one step either side it accepts.
 */
export async function awayFromStepEnd(margin = 5_000) {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < margin) await new Promise((r) => setTimeout(r, left + 50));
}

/** Enrols `user`, confirming with the previous step's code so that the current and next steps stay free for the test. */
export async function enrol(user: TestUser) {
  const { secret } = await setup(user);
  await awayFromStepEnd();
  const res = await call('/api/v1/mfa/totp/confirm', { token: user.token, json: { code: codeAt(secret, -1) } });
  expect(res.status).toBe(200);
  const { recovery_codes } = await json<{ recovery_codes: string[] }>(res);
  return { secret, recoveryCodes: recovery_codes };
}
