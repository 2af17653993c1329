/**
 * The API's request budgets, spent by every contract mounted with `on()` (docs/security.md):
 * each request counts once against its address and once against its account (the token's
 * subject), in the class its contract names (`Endpoint.rateLimit`). The tighter of the two
 * buckets answers with Mastodon's X-RateLimit-* headers, and with 429 + Retry-After when spent.
 *
 * Where counts live, by cost:
 * - writes and posts count in a `RateLimiter` Durable Object per bucket, both buckets at once
 *   (one round trip of latency, no D1); once a bucket is known spent, this isolate refuses it
 *   on its own until the window ends, so a flood costs no round trips at all;
 * - reads count in this isolate only: the hottest paths pay nothing, and the limit is a flood
 *   brake — a client served by several isolates gets the budget once in each.
 */
import type { Context } from 'hono';
import type { Endpoint, RateLimitClass } from '../../../shared/api/endpoint';
import type { Config, Env } from '../../env';
import type { AppEnv } from '../context';
import { tooManyRequests } from './errors';
import { clientIp } from './request';

interface Window {
  count: number;
  resetAt: number;
}

/** Isolate-local read counters, by bucket. */
const reads = new Map<string, Window>();
/** Write and post buckets this isolate has seen spent, with the end of their window. */
const spent = new Map<string, number>();
/** Beyond this many entries, ended windows are swept before another is added. */
const SWEEP_AT = 10_000;

export function limitClass(ep: Endpoint): RateLimitClass {
  return ep.rateLimit ?? (ep.method === 'get' ? 'read' : 'write');
}

function budget(config: Config, cls: Exclude<RateLimitClass, 'none'>): number {
  return { read: config.RATE_LIMIT_READS, write: config.RATE_LIMIT_WRITES, post: config.RATE_LIMIT_POSTS }[cls];
}

function sweep<V>(map: Map<string, V>, end: (v: V) => number, now: number): void {
  if (map.size < SWEEP_AT) return;
  for (const [key, value] of map) if (end(value) <= now) map.delete(key);
}

function countRead(key: string, windowMs: number, now: number): Window {
  let w = reads.get(key);
  if (!w || w.resetAt <= now) {
    sweep(reads, (v) => v.resetAt, now);
    w = { count: 0, resetAt: (Math.floor(now / windowMs) + 1) * windowMs };
    reads.set(key, w);
  }
  w.count += 1;
  return w;
}

async function countShared(env: Env, key: string, windowMs: number): Promise<Window> {
  const result = await env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(key)).hit(windowMs);
  const window = { count: result.count, resetAt: result.resetAt };
  // Release the call's result now rather than at garbage collection: without it every API
  // write left one behind and later requests slowed (seen under the fuzz tests).
  result[Symbol.dispose]();
  return window;
}

/** Counts the request against its buckets; throws 429 when one is spent. Sets X-RateLimit-* either way. */
export async function limitRequest(c: Context<AppEnv>, ep: Endpoint): Promise<void> {
  const cls = limitClass(ep);
  if (cls === 'none') return;
  const { config } = c.var;
  const max = budget(config, cls);
  const windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  const now = Date.now();
  // The token's subject is signed; `on()` confirms its session after this, so a request refused
  // here costs no D1 read.
  const account = c.var.claims?.sub;
  const keys = [`${cls}:ip:${clientIp(c)}`, ...(account ? [`${cls}:account:${account}`] : [])];

  let windows: Window[];
  if (cls === 'read') windows = keys.map((k) => countRead(k, windowMs, now));
  else {
    const knownEnd = keys.map((k) => spent.get(k) ?? 0).find((end) => end > now);
    if (knownEnd) windows = [{ count: max + 1, resetAt: knownEnd }];
    else {
      windows = await Promise.all(keys.map((k) => countShared(c.env, k, windowMs)));
      windows.forEach((w, i) => {
        if (w.count <= max) return;
        sweep(spent, (end) => end, now);
        spent.set(keys[i]!, w.resetAt);
      });
    }
  }

  const tightest = windows.reduce((a, b) => (b.count > a.count ? b : a));
  c.header('X-RateLimit-Limit', String(max));
  c.header('X-RateLimit-Remaining', String(Math.max(0, max - tightest.count)));
  c.header('X-RateLimit-Reset', new Date(tightest.resetAt).toISOString());
  if (tightest.count > max) throw tooManyRequests((tightest.resetAt - now) / 1000);
}
