/**
 * Social login (Google, Facebook, Apple) as browser redirects: `/oauth/social/:provider/start`
 * sends the browser to the provider, `/callback` brings it back, and the web client receives
 * its tokens in the URL fragment of `/auth/social/complete` (a fragment is never sent to a
 * server, so tokens stay out of access logs). Providers without credentials are not offered.
 *
 * Between start and callback the flow's state, PKCE verifier and nonce live in a signed,
 * HttpOnly, SameSite=Lax cookie scoped to /oauth/social: the callback only proceeds for the
 * browser that started the flow.
 */
import { generateCodeVerifier, generateState } from 'arctic';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { z } from 'zod';
import { authApi } from '../../../shared/api/auth';
import { SocialProvider as ProviderId } from '../../../shared/schemas/auth';
import type { AppEnv } from '../context';
import { timingSafeEqual } from '../lib/crypto';
import { ApiError, notFound } from '../lib/errors';
import { requestMeta } from '../lib/request';
import { on } from '../lib/route';
import { configuredProviders, type SocialProvider, socialProvider } from './social-providers';
import { deliverMailSoon } from './mail-delivery';
import { SocialLoginError, signInWithSocial } from './social.service';

export const socialRoutes = new Hono<AppEnv>();

const COOKIE = 'smile_social';
const COOKIE_PATH = '/oauth/social';
const FLOW_SECONDS = 10 * 60;

const Flow = z.object({ provider: ProviderId, state: z.string(), codeVerifier: z.string(), nonce: z.string(), returnTo: z.string() });
type Flow = z.infer<typeof Flow>;

on(socialRoutes, authApi.socialProviders, (c) => ({
  providers: configuredProviders(c.var.config).map((p) => ({ id: p.id, name: p.name, start_url: `/oauth/social/${p.id}/start` })),
}));

socialRoutes.get('/oauth/social/:provider/start', async (c) => {
  const provider = providerOr404(c);
  const flow: Flow = { provider: provider.id, state: generateState(), codeVerifier: generateCodeVerifier(), nonce: generateState(), returnTo: safeReturnTo(c.req.query('return_to')) };
  const url = await provider.authorizationUrl(flow);
  await setSignedCookie(c, COOKIE, JSON.stringify(flow), cookieSecret(c), { ...cookieOptions(c), maxAge: FLOW_SECONDS });
  c.header('Cache-Control', 'no-store');
  return c.redirect(url.href, 302);
});

socialRoutes.get('/oauth/social/:provider/callback', (c) => callback(c, c.req.query()));

/**
 * Apple's `form_post` arrives as a cross-site POST, which carries no SameSite=Lax cookie; a 303
 * turns it into a top-level GET navigation, which does. The GET does every check.
 */
const formLimit = bodyLimit({
  maxSize: 16 * 1024,
  onError: () => {
    throw new ApiError(413, 'The request body is too large');
  },
});
socialRoutes.post('/oauth/social/:provider/callback', formLimit, async (c) => {
  providerOr404(c);
  const form = await c.req.parseBody();
  const query = new URLSearchParams();
  for (const key of ['code', 'state', 'error']) if (typeof form[key] === 'string') query.set(key, form[key]);
  return c.redirect(`${c.req.path}?${query}`, 303);
});

async function callback(c: Context<AppEnv>, params: Record<string, string>) {
  const provider = providerOr404(c);
  const flow = await readFlow(c);
  deleteCookie(c, COOKIE, cookieOptions(c));
  c.header('Cache-Control', 'no-store');
  if (!flow || flow.provider !== provider.id || !params.state || !timingSafeEqual(params.state, flow.state)) {
    return toLogin(c, 'social_state', 'The sign-in request expired or did not start in this browser. Please try again.');
  }
  if (params.error || !params.code) return toLogin(c, 'social_denied', `${provider.name} did not sign you in.`);
  try {
    const identity = await provider.identify(params.code, flow);
    const { token } = await signInWithSocial(c.var, provider.id, identity, requestMeta(c));
    deliverMailSoon(c);
    const fragment = new URLSearchParams({
      access_token: token.access_token,
      refresh_token: token.refresh_token ?? '',
      expires_in: String(token.expires_in ?? ''),
      token_type: token.token_type,
      scope: token.scope,
      return_to: flow.returnTo,
    });
    return c.redirect(`${new URL('/auth/social/complete', c.var.config.PUBLIC_URL).href}#${fragment}`, 302);
  } catch (err) {
    if (err instanceof SocialLoginError) return toLogin(c, err.code, err.message);
    if (err instanceof ApiError && err.status === 429) return toLogin(c, 'rate_limited', 'Too many sign-ups from this network; try again later.');
    c.var.log.warn('social login failed', { provider: provider.id, error: err instanceof Error ? err.message : String(err) });
    return toLogin(c, 'social_failed', `Signing in with ${provider.name} failed. Please try again.`);
  }
}

function providerOr404(c: Context<AppEnv>): SocialProvider {
  const provider = socialProvider(c.var.config, c.req.param('provider') ?? '');
  if (!provider) throw notFound('Unknown or unconfigured social login provider');
  return provider;
}

async function readFlow(c: Context<AppEnv>): Promise<Flow | null> {
  const raw = await getSignedCookie(c, cookieSecret(c), COOKIE);
  if (!raw) return null;
  try {
    return Flow.parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

/** Its own key, derived from JWT_SECRET, so a cookie signature can never double as a token signature. */
function cookieSecret(c: Context<AppEnv>): string {
  return `smile-social-cookie:${c.var.config.JWT_SECRET}`;
}

function cookieOptions(c: Context<AppEnv>) {
  return { path: COOKIE_PATH, httpOnly: true, sameSite: 'Lax', secure: c.var.config.PUBLIC_URL.startsWith('https:') } as const;
}

/** Only a path on this site: `//host` and `/\host` would leave it (open redirect). */
function safeReturnTo(value: string | undefined): string {
  return value && value.length <= 512 && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

function toLogin(c: Context<AppEnv>, code: string, description: string) {
  const url = new URL('/login', c.var.config.PUBLIC_URL);
  url.searchParams.set('error', code);
  url.searchParams.set('error_description', description);
  return c.redirect(url.href, 302);
}
