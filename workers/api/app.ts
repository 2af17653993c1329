/**
 * The API as one Hono app, used by the Worker's fetch handler and by the tests alike.
 * Middleware order: request id → security headers → services (config, db, logger) → access log
 * → CORS → /healthz → authentication; rate limits are spent per contract in `on()`.
 */
import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { loadConfig } from '../env';
import { accountsRoutes } from './accounts/accounts.routes';
import { analyticsRoutes } from './analytics/analytics.routes';
import { agentsRoutes } from './agents/agents.routes';
import { agentChatRoutes } from './agents/chat.routes';
import { postingRoutes } from './agents/posting.routes';
import { appsRoutes } from './auth/apps.routes';
import { oauthRoutes } from './auth/oauth.routes';
import { sessionRoutes } from './auth/session.routes';
import { socialRoutes } from './auth/social.routes';
import { businessRoutes } from './business/business.routes';
import { chatMessagesRoutes } from './chat/messages.routes';
import { chatsRoutes } from './chat/chats.routes';
import { e2eeRoutes } from './e2ee/e2ee.routes';
import { conversationsRoutes } from './conversations/conversations.routes';
import type { AppEnv } from './context';
import { mailboxRoutes } from './dev/mailbox.routes';
import { marketRoutes } from './market/market.routes';
import { paymentsRoutes } from './payments/payments.routes';
import { subscriptionsRoutes } from './payments/subscriptions.routes';
import { payoutsRoutes } from './payments/payouts.routes';
import { tiersRoutes } from './payments/tiers.routes';
import { instanceRoutes } from './instance/instance.routes';
import { startupRoutes } from './instance/startup.routes';
import { apiCors, CORS_PATHS } from './lib/cors';
import { ApiError } from './lib/errors';
import { reportError } from './lib/error-reporter';
import { securityHeaders } from './lib/security-headers';
import { healthRoutes } from './health/health.routes';
import { createLogger } from './lib/logger';
import { mediaApiRoutes } from './media/media-api.routes';
import { mediaRoutes } from './media/media.routes';
import { mfaRoutes } from './mfa/mfa.routes';
import { moderationRoutes } from './moderation/moderation.routes';
import { adminRoutes } from './admin/admin.routes';
import { authenticate } from './middleware/auth';
import { notificationsRoutes } from './notifications/notifications.routes';
import { openapiRoutes } from './openapi/openapi.routes';
import { relationshipsRoutes } from './relationships/relationships.routes';
import { searchRoutes } from './search/search.routes';
import { pollsRoutes } from './social/polls.routes';
import { reactionsRoutes } from './social/reactions.routes';
import { statusesRoutes } from './social/statuses.routes';
import { timelinesRoutes } from './social/timelines.routes';
import { privacyRoutes } from './privacy/privacy.routes';
import { pushRoutes } from './push/push.routes';
import { liveRoutes } from './live/live.routes';
import { storiesRoutes } from './stories/stories.routes';
import { streamingRoutes } from './streaming/streaming.routes';
import { trainingRoutes } from './training/training.routes';
import { webClientRoutes } from './web-client';

export function createApp() {
  const app = new Hono<AppEnv>();

  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(securityHeaders);
  app.use(async (c, next) => {
    const config = loadConfig(c.env);
    c.set('config', config);
    c.set('db', drizzle(c.env.DB));
    c.set('log', createLogger(config.LOG_LEVEL, { request_id: c.var.requestId }));
    const started = Date.now();
    await next();
    c.var.log.info('request', { method: c.req.method, path: new URL(c.req.url).pathname, status: c.res.status, ms: Date.now() - started, account_id: c.var.caller?.account?.id });
  });
  for (const path of CORS_PATHS) app.use(path, apiCors);
  // Before authentication: a load balancer's probe carries no token, and a bad one must not fail it.
  app.route('/', healthRoutes);
  app.use(authenticate);

  // relationshipsRoutes and searchRoutes before accountsRoutes: /accounts/relationships and
  // /accounts/search must not match /accounts/:id.
  for (const routes of [appsRoutes, oauthRoutes, sessionRoutes, mfaRoutes, socialRoutes, relationshipsRoutes, searchRoutes, accountsRoutes, statusesRoutes, pollsRoutes, reactionsRoutes, storiesRoutes, liveRoutes, trainingRoutes, agentChatRoutes, postingRoutes, agentsRoutes, timelinesRoutes, notificationsRoutes, pushRoutes, conversationsRoutes, chatsRoutes, chatMessagesRoutes, streamingRoutes, instanceRoutes, startupRoutes, businessRoutes, marketRoutes, paymentsRoutes, subscriptionsRoutes, moderationRoutes, mailboxRoutes, mediaApiRoutes, mediaRoutes, openapiRoutes, webClientRoutes, e2eeRoutes, privacyRoutes, payoutsRoutes, tiersRoutes, adminRoutes, analyticsRoutes]) {
    app.route('/', routes);
  }

  app.notFound((c) => c.json({ error: 'Not found' }, 404));

  app.onError(async (err, c) => {
    if (err instanceof ApiError) {
      for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
      return c.json(err.toBody(), err.status);
    }
    await reportError(c, err);
    return c.json({ error: 'Internal server error', request_id: c.var.requestId }, 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
