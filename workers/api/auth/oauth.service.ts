/**
 * OAuth 2.0 as Mastodon speaks it: app registration, the authorization-code flow with PKCE
 * (S256), client credentials, refresh-token rotation and revocation (RFC 6749, 7636, 7009).
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { OOB_REDIRECT_URI, TOKEN_TTL, WEB_CLIENT_ID } from '../../../shared/constants';
import { isKnownScope, parseScopes, scopesWithin } from '../../../shared/scopes';
import type { AuthorizeDecisionBody, AuthorizeQuery, CreateAppBody, Token, TokenBody } from '../../../shared/schemas/oauth';
import type { Services } from '../context';
import { type AccountRow, type OAuthAppRow, oauthApps, oauthCodes } from '../db/schema';
import { base64url, randomToken, sha256, timingSafeEqual } from '../lib/crypto';
import { invalidField, oauthError } from '../lib/errors';
import { newId } from '../lib/ids';
import { createSession, refreshSession } from './sessions.service';

type Deps = Pick<Services, 'db' | 'config'>;

function checkScopes(requested: string[], field: string): void {
  const unknown = requested.filter((s) => !isKnownScope(s));
  if (unknown.length) throw invalidField(field, `contains unknown scopes: ${unknown.join(', ')}`);
}

function checkRedirectUri(uri: string): void {
  if (uri === OOB_REDIRECT_URI) return;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw invalidField('redirect_uris', `${uri} is not an absolute URI`);
  }
  if (url.hash) throw invalidField('redirect_uris', 'must not contain a fragment');
  if (url.protocol === 'javascript:' || url.protocol === 'data:') throw invalidField('redirect_uris', `${url.protocol} is not allowed`);
}

export async function createApp(deps: Deps, body: z.output<typeof CreateAppBody>) {
  const scopes = parseScopes(body.scopes ?? 'read');
  checkScopes(scopes, 'scopes');
  body.redirect_uris.forEach(checkRedirectUri);
  const clientSecret = randomToken();
  const [app] = await deps.db
    .insert(oauthApps)
    .values({
      id: newId(),
      name: body.client_name,
      website: body.website || null,
      redirectUris: JSON.stringify(body.redirect_uris),
      scopes: scopes.join(' '),
      clientId: randomToken(24),
      clientSecretHash: await sha256(clientSecret),
    })
    .returning();
  return { app: app!, clientSecret };
}

export async function findApp(deps: Deps, clientId: string): Promise<OAuthAppRow | null> {
  const [app] = await deps.db.select().from(oauthApps).where(eq(oauthApps.clientId, clientId)).limit(1);
  return app ?? null;
}

export async function findAppById(deps: Deps, id: string): Promise<OAuthAppRow | null> {
  const [app] = await deps.db.select().from(oauthApps).where(eq(oauthApps.id, id)).limit(1);
  return app ?? null;
}

export const redirectUrisOf = (app: OAuthAppRow): string[] => JSON.parse(app.redirectUris) as string[];

/** Authenticates a client by id and secret (body or HTTP Basic). */
export async function authenticateClient(deps: Deps, clientId: string | undefined, secret: string | undefined): Promise<OAuthAppRow> {
  const app = clientId ? await findApp(deps, clientId) : null;
  if (!app || !secret || !timingSafeEqual(await sha256(secret), app.clientSecretHash)) {
    throw oauthError(401, 'invalid_client', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.');
  }
  return app;
}

/** Client credentials from HTTP Basic win over body parameters (RFC 6749 §2.3.1). */
export function clientCredentials(authorization: string | undefined, body: { client_id?: string | undefined; client_secret?: string | undefined }) {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (match) {
    try {
      const [id, secret] = atob(match[1]!).split(':').map((s) => decodeURIComponent(s));
      return { clientId: id, clientSecret: secret };
    } catch {
      throw oauthError(401, 'invalid_client', 'Malformed Basic authorization header');
    }
  }
  return { clientId: body.client_id, clientSecret: body.client_secret };
}

/** Checks an authorization request; the consent page shows what it returns. */
export async function validateAuthorization(deps: Deps, q: z.output<typeof AuthorizeQuery>) {
  const app = await findApp(deps, q.client_id);
  if (!app) throw oauthError(400, 'invalid_client', 'Unknown client_id');
  if (!redirectUrisOf(app).includes(q.redirect_uri)) throw oauthError(400, 'invalid_request', 'redirect_uri is not registered for this application');
  const scopes = parseScopes(q.scope ?? 'read');
  if (!scopes.every(isKnownScope) || !scopesWithin(scopes, parseScopes(app.scopes))) {
    throw oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, or exceeds what the application registered');
  }
  return { app, scopes };
}

/** The user's answer on the consent page: a one-time code for the app, or access_denied. */
export async function decideAuthorization(deps: Deps, account: AccountRow, body: z.output<typeof AuthorizeDecisionBody>) {
  const { app, scopes } = await validateAuthorization(deps, body);
  const oob = body.redirect_uri === OOB_REDIRECT_URI;
  const target = (params: Record<string, string>) => {
    const url = new URL(oob ? `${deps.config.PUBLIC_URL}/oauth/authorize/native` : body.redirect_uri);
    for (const [k, v] of Object.entries({ ...params, ...(body.state ? { state: body.state } : {}) })) url.searchParams.set(k, v);
    return url.toString();
  };
  if (!body.approve) return { redirect_to: target({ error: 'access_denied', error_description: 'The user denied the request' }) };
  const code = randomToken();
  await deps.db.insert(oauthCodes).values({
    codeHash: await sha256(code),
    appId: app.id,
    accountId: account.id,
    redirectUri: body.redirect_uri,
    scopes: scopes.join(' '),
    codeChallenge: body.code_challenge ?? null,
    codeChallengeMethod: body.code_challenge ? (body.code_challenge_method ?? 'S256') : null,
    expiresAt: Date.now() + TOKEN_TTL.authorizationCodeSeconds * 1000,
  });
  return { redirect_to: target({ code }), code };
}

async function pkceMatches(verifier: string, challenge: string): Promise<boolean> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return timingSafeEqual(base64url(digest), challenge);
}

interface TokenRequestMeta {
  authorization: string | undefined;
  ip: string;
  userAgent: string | null;
}

/** POST /oauth/token for every supported grant. */
export async function exchangeToken(deps: Deps, body: z.output<typeof TokenBody>, meta: TokenRequestMeta): Promise<Token> {
  const { clientId, clientSecret } = clientCredentials(meta.authorization, body);
  const sessionMeta = { ip: meta.ip, userAgent: meta.userAgent };

  switch (body.grant_type) {
    case 'authorization_code': {
      if (!body.code || !body.redirect_uri) throw oauthError(400, 'invalid_request', 'code and redirect_uri are required');
      const app = clientId ? await findApp(deps, clientId) : null;
      if (!app) throw oauthError(401, 'invalid_client', 'Unknown client');
      // Single use: mark the code used in the same statement that finds it.
      const [grant] = await deps.db
        .update(oauthCodes)
        .set({ usedAt: Date.now() })
        .where(and(eq(oauthCodes.codeHash, await sha256(body.code)), eq(oauthCodes.appId, app.id), isNull(oauthCodes.usedAt), gt(oauthCodes.expiresAt, Date.now())))
        .returning();
      if (!grant || grant.redirectUri !== body.redirect_uri) throw oauthError(400, 'invalid_grant', 'The authorization code is invalid, expired, already used, or was issued to another client');
      if (grant.codeChallenge) {
        if (!body.code_verifier || !(await pkceMatches(body.code_verifier, grant.codeChallenge))) throw oauthError(400, 'invalid_grant', 'PKCE verification failed');
      } else {
        await authenticateClient(deps, clientId, clientSecret);
      }
      return createSession(deps, { accountId: grant.accountId, appId: app.id, clientId: app.clientId, scopes: parseScopes(grant.scopes), ...sessionMeta });
    }
    case 'client_credentials': {
      const app = await authenticateClient(deps, clientId, clientSecret);
      const scopes = parseScopes(body.scope ?? 'read');
      if (!scopes.every(isKnownScope) || !scopesWithin(scopes, parseScopes(app.scopes))) throw oauthError(400, 'invalid_scope', 'The requested scope exceeds what the application registered');
      return createSession(deps, { accountId: null, appId: app.id, clientId: app.clientId, scopes, ...sessionMeta });
    }
    case 'refresh_token': {
      if (!body.refresh_token) throw oauthError(400, 'invalid_request', 'refresh_token is required');
      // The first-party web client is public: its refresh tokens need no client secret.
      const app = clientId === WEB_CLIENT_ID ? null : await authenticateClient(deps, clientId, clientSecret);
      const token = await refreshSession(deps, body.refresh_token, app?.id ?? null, app?.clientId ?? WEB_CLIENT_ID);
      if (!token) throw oauthError(400, 'invalid_grant', 'The refresh token is invalid, expired or revoked');
      return token;
    }
    default:
      throw oauthError(400, 'unsupported_grant_type', `grant_type ${body.grant_type} is not supported`);
  }
}
