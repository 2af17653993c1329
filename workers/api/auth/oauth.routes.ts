import { Hono } from 'hono';
import { authApi } from '../../../shared/api/auth';
import { ALL_SCOPES } from '../../../shared/scopes';
import type { AppEnv } from '../context';
import { requestMeta } from '../lib/request';
import { on } from '../lib/route';
import { serveWebClient } from '../web-client';
import { authenticateClient, clientCredentials, decideAuthorization, exchangeToken, validateAuthorization } from './oauth.service';
import { revokeToken } from './sessions.service';

export const oauthRoutes = new Hono<AppEnv>();

// The consent page is part of the web client; the API below tells it what is being asked.
oauthRoutes.get('/oauth/authorize', (c) => serveWebClient(c));
oauthRoutes.get('/oauth/authorize/native', (c) => serveWebClient(c));

on(oauthRoutes, authApi.authorizeInfo, async (c, { query }) => {
  const { app, scopes } = await validateAuthorization(c.var, query);
  return { application: { name: app.name, website: app.website }, scopes, redirect_uri: query.redirect_uri, first_party: app.firstParty };
});

on(oauthRoutes, authApi.authorizeDecide, async (c, { body }) => decideAuthorization(c.var, c.var.caller!.account!, body));

on(oauthRoutes, authApi.token, async (c, { body }) => {
  const token = await exchangeToken(c.var, body, { authorization: c.req.header('authorization'), ...requestMeta(c) });
  c.header('Cache-Control', 'no-store');
  return token;
});

on(oauthRoutes, authApi.revoke, async (c, { body }) => {
  const { clientId, clientSecret } = clientCredentials(c.req.header('authorization'), body);
  const app = await authenticateClient(c.var, clientId, clientSecret);
  await revokeToken(c.var, body.token, app.id);
  return {};
});

oauthRoutes.get('/.well-known/oauth-authorization-server', (c) => {
  const base = c.var.config.PUBLIC_URL;
  return c.json({
    issuer: base,
    service_documentation: `${base}/api/docs`,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    revocation_endpoint: `${base}/oauth/revoke`,
    app_registration_endpoint: `${base}/api/v1/apps`,
    scopes_supported: ALL_SCOPES,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
  });
});
