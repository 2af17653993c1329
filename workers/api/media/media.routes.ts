/** Serves stored media from R2: immutable keys, long cache, ETags and byte ranges (video seeking). */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { notFound } from '../lib/errors';
import { serveObject } from './serve';

export const mediaRoutes = new Hono<AppEnv>();

mediaRoutes.get('/media/:key{.+}', async (c) => {
  const key = c.req.param('key');
  // Training files are the agent owner's private data, never served by URL; live recordings are
  // served by the live module, which checks who may watch them.
  if (key.startsWith('training/') || key.startsWith('live/')) throw notFound('Media not found');
  return serveObject(c, key);
});
