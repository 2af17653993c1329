import { type Context, Hono } from 'hono';
import { WEB_CLIENT_CSP } from '../../shared/security-headers';
import type { AppEnv } from './context';
import { pageHeaders } from './lib/security-headers';

/**
 * Serves the web client's index.html for a page whose path the Worker owns: the OAuth consent
 * page under /oauth/*, profile pages (`/@user`, the `url` of every Account) and status pages
 * (`/@user/:id`, the `url` of every Status). The SPA reads the URL and renders.
 */
export async function serveWebClient(c: Context<AppEnv>): Promise<Response> {
  if (!c.env.ASSETS) return c.text('The web client is not built: run `npm run build:web`.', 503);
  const index = new URL('/', c.req.url);
  const res = await c.env.ASSETS.fetch(new Request(index, { headers: { accept: 'text/html' } }));
  return new Response(res.body, { status: res.status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...pageHeaders(WEB_CLIENT_CSP) } });
}

export const webClientRoutes = new Hono<AppEnv>();

webClientRoutes.get('/:handle{@[^/]+}', (c) => serveWebClient(c));
webClientRoutes.get('/:handle{@[^/]+}/:id{[^/]+}', (c) => serveWebClient(c));
