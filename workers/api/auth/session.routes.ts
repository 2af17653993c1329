import { Hono } from 'hono';
import { authApi } from '../../../shared/api/auth';
import { mfaApi } from '../../../shared/api/mfa';
import { MFA } from '../../../shared/constants';
import { serializeCredentialAccount } from '../accounts/serializers';
import type { AppEnv } from '../context';
import { requestMeta, clientIp } from '../lib/request';
import { on } from '../lib/route';
import { deliverMailSoon } from './mail-delivery';
import { changePassword, completeMfaLogin, forgotPassword, login, resendVerification, resetPassword, verifyEmail } from './login.service';
import { revokeSession } from './sessions.service';

export const sessionRoutes = new Hono<AppEnv>();

on(sessionRoutes, authApi.login, async (c, { body }) => {
  const result = await login(c.var, body.login, body.password, requestMeta(c));
  c.header('Cache-Control', 'no-store');
  if ('challenge' in result) return { mfa_required: true as const, mfa_challenge: result.challenge, expires_in: MFA.loginChallengeSeconds };
  return { ...result.token, account: serializeCredentialAccount(c.var.config, result.account) };
});

on(sessionRoutes, mfaApi.loginMfa, async (c, { body }) => {
  const { account, token } = await completeMfaLogin(c.var, body.mfa_challenge, body.code, requestMeta(c));
  c.header('Cache-Control', 'no-store');
  return { ...token, account: serializeCredentialAccount(c.var.config, account) };
});

on(sessionRoutes, authApi.logout, async (c) => {
  await revokeSession(c.var, c.var.caller!.sessionId);
  return {};
});

on(sessionRoutes, authApi.changePassword, async (c, { body }) => {
  const caller = c.var.caller!;
  await changePassword(c.var, caller.account!, caller.sessionId, body.current_password, body.new_password);
  deliverMailSoon(c);
  return {};
});

on(sessionRoutes, authApi.forgotPassword, async (c, { body }) => {
  await forgotPassword(c.var, body.email, clientIp(c));
  deliverMailSoon(c);
  return {};
});

on(sessionRoutes, authApi.resetPassword, async (c, { body }) => {
  await resetPassword(c.var, body.token, body.password);
  return {};
});

on(sessionRoutes, authApi.verifyEmail, async (c, { body }) => serializeCredentialAccount(c.var.config, await verifyEmail(c.var, body.token)));

on(sessionRoutes, authApi.resendVerification, async (c) => {
  await resendVerification(c.var, c.var.caller!.account!);
  deliverMailSoon(c);
  return {};
});
