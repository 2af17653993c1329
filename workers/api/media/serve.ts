/** Answers a GET for an R2 object: ETags, conditional requests and byte ranges (video seeking). */
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { notFound } from '../lib/errors';

export async function serveObject(c: Context<AppEnv>, key: string): Promise<Response> {
  const object = await c.env.MEDIA.get(key, { range: c.req.raw.headers, onlyIf: c.req.raw.headers });
  if (!object) throw notFound('Media not found');
  const headers = new Headers();
  object.writeHttpMetadata(headers);
  headers.set('ETag', object.httpEtag);
  headers.set('Accept-Ranges', 'bytes');
  headers.set('X-Content-Type-Options', 'nosniff');
  if (!('body' in object)) return new Response(null, { status: 304, headers });
  const range = object.range as { offset: number; length?: number } | undefined;
  if (range && c.req.header('range')) {
    const end = range.offset + (range.length ?? object.size - range.offset) - 1;
    headers.set('Content-Range', `bytes ${range.offset}-${end}/${object.size}`);
    headers.set('Content-Length', String(end - range.offset + 1));
    return new Response(object.body, { status: 206, headers });
  }
  headers.set('Content-Length', String(object.size));
  return new Response(object.body, { headers });
}
