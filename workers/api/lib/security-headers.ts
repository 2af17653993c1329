/**
 * Security headers of every Worker response. Pages the Worker serves (the web client's
 * index.html for /@user and /oauth/* URLs, /api/docs) set their own policy with `pageHeaders`;
 * everything else (JSON, media) gets a policy under which nothing runs or is framed.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { API_CSP, PAGE_HEADERS } from '../../../shared/security-headers';

const defaults = secureHeaders({
  // Media and JSON are read by the web clients of other origins (CORS) and embedded by them.
  crossOriginResourcePolicy: 'cross-origin',
  contentSecurityPolicy: undefined,
  // A page's own headers (pageHeaders) win over these defaults.
  overwrite: false,
});

export const securityHeaders: MiddlewareHandler = (c, next) =>
  defaults(c, async () => {
    await next();
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', API_CSP);
  });

/** The headers of an HTML page under `csp`. */
export const pageHeaders = (csp: string): Record<string, string> => ({ 'Content-Security-Policy': csp, ...PAGE_HEADERS });
