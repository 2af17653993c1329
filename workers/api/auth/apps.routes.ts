import { Hono } from 'hono';
import { authApi } from '../../../shared/api/auth';
import type { AppEnv } from '../context';
import { notFound } from '../lib/errors';
import { on } from '../lib/route';
import { createApp, findAppById } from './oauth.service';
import { serializeApp } from './serializers';

export const appsRoutes = new Hono<AppEnv>();

on(appsRoutes, authApi.createApp, async (c, { body }) => {
  const { app, clientSecret } = await createApp(c.var, body);
  return { ...serializeApp(app), client_id: app.clientId, client_secret: clientSecret, client_secret_expires_at: 0 };
});

on(appsRoutes, authApi.verifyApp, async (c) => {
  const app = c.var.caller!.appId ? await findAppById(c.var, c.var.caller!.appId) : null;
  if (!app) throw notFound('This token was not issued to an application');
  return serializeApp(app);
});
