import { Hono } from 'hono';
import { mfaApi } from '../../../shared/api/mfa';
import type { AppEnv } from '../context';
import { on } from '../lib/route';
import { confirmEnrolment, disableMfa, mfaStatus, regenerateRecoveryCodes, startEnrolment, verifySession } from './mfa.service';

export const mfaRoutes = new Hono<AppEnv>();

on(mfaRoutes, mfaApi.status, (c) => mfaStatus(c.var, c.var.caller!.account!.id, c.var.caller!.sessionId));

on(mfaRoutes, mfaApi.setup, async (c, { body }) => {
  c.header('Cache-Control', 'no-store');
  return startEnrolment(c.var, c.var.caller!.account!, body.current_password);
});

on(mfaRoutes, mfaApi.confirm, async (c, { body }) => {
  c.header('Cache-Control', 'no-store');
  return confirmEnrolment(c.var, c.var.caller!.account!.id, c.var.caller!.sessionId, body.code);
});

on(mfaRoutes, mfaApi.verify, (c, { body }) => verifySession(c.var, c.var.caller!.account!.id, c.var.caller!.sessionId, body.code));

on(mfaRoutes, mfaApi.disable, (c, { body }) => disableMfa(c.var, c.var.caller!.account!, c.var.caller!.sessionId, body.code, body.current_password));

on(mfaRoutes, mfaApi.regenerateRecoveryCodes, async (c, { body }) => {
  c.header('Cache-Control', 'no-store');
  return regenerateRecoveryCodes(c.var, c.var.caller!.account!.id, c.var.caller!.sessionId, body.code);
});
