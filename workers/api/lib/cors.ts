/**
 * Cross-origin access, as Mastodon grants it: any origin may call the API, the OAuth token
 * endpoints and the discovery documents, without credentials. Clients authenticate with a bearer
 * token they hold, never with a cookie, so a page of another origin can do nothing with a
 * visitor's ambient authority: `*` without Access-Control-Allow-Credentials is exactly right,
 * and the browser refuses to send cookies under it (docs/security.md).
 */
import { cors } from 'hono/cors';

export const CORS_PATHS = ['/api/*', '/oauth/token', '/oauth/revoke', '/.well-known/*', '/nodeinfo/*'];

export const apiCors = cors({
  origin: '*',
  credentials: false,
  allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  // What Mastodon clients send beyond the CORS-safelisted headers.
  allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'Cache-Control'],
  exposeHeaders: ['Link', 'X-Request-Id', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
  maxAge: 86400,
});
