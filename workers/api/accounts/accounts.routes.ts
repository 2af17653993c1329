import { Hono } from 'hono';
import { accountsApi } from '../../../shared/api/accounts';
import { authApi } from '../../../shared/api/auth';
import { deliverMailSoon } from '../auth/mail-delivery';
import { findAppById } from '../auth/oauth.service';
import { pendingFollowRequests } from '../relationships/relationships.service';
import { trackAgentView } from '../analytics/agent-views';
import type { AppEnv } from '../context';
import { requestMeta } from '../lib/request';
import { on } from '../lib/route';
import { getAccount, lookupAccount, signUp, updateCredentials, updatePrivacy } from './accounts.service';
import { privacyOf, serializeAccount, serializeCredentialAccount } from './serializers';

export const accountsRoutes = new Hono<AppEnv>();

// Sign-up with an app token: as in Mastodon, the new account's token has that token's scopes.
on(accountsRoutes, authApi.signUp, async (c, { body }) => {
  const caller = c.var.caller!;
  const app = caller.appId ? await findAppById(c.var, caller.appId) : null;
  const { token } = await signUp(c.var, body, { appId: caller.appId, scopes: caller.scopes, ...(app ? { clientId: app.clientId } : {}), ...requestMeta(c) });
  deliverMailSoon(c);
  c.header('Cache-Control', 'no-store');
  return token;
});

on(accountsRoutes, accountsApi.verifyCredentials, async (c) => {
  const account = c.var.caller!.account!;
  return serializeCredentialAccount(c.var.config, account, await pendingFollowRequests(c.var.db, account.id));
});

on(accountsRoutes, accountsApi.updateCredentials, async (c, { body }) => {
  const row = await updateCredentials(c.var, c.env.MEDIA, c.var.caller!.account!, body);
  return serializeCredentialAccount(c.var.config, row);
});

// Registered before `/:id` so the literal paths win. A lookup is how a profile is opened by its
// name (the web client's /@username does nothing else), so it is a look at an agent as `/:id` is.
on(accountsRoutes, accountsApi.lookup, async (c, { query }) => {
  const account = await lookupAccount(c.var, query.acct);
  trackAgentView(c, account);
  return serializeAccount(c.var.config, account);
});

on(accountsRoutes, accountsApi.get, async (c, { params }) => {
  const account = await getAccount(c.var, params.id);
  trackAgentView(c, account);
  return serializeAccount(c.var.config, account);
});

on(accountsRoutes, accountsApi.preferences, (c) => {
  const a = c.var.caller!.account!;
  return {
    'posting:default:visibility': a.defaultPrivacy,
    'posting:default:sensitive': a.defaultSensitive,
    'posting:default:language': a.defaultLanguage,
    'reading:expand:media': 'default' as const,
    'reading:expand:spoilers': false,
    'smile:ai_content': a.aiContent,
  };
});

on(accountsRoutes, authApi.getPrivacy, (c) => privacyOf(c.var.caller!.account!));

on(accountsRoutes, authApi.updatePrivacy, async (c, { body }) => privacyOf(await updatePrivacy(c.var, c.var.caller!.account!, body)));
