import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../workers/env';

/**
 * One rate-limit bucket (a request class and an account or an address, e.g. `write:ip:192.0.2.1`):
 * a fixed-window counter, one instance per bucket so every isolate everywhere counts into the
 * same place. The count lives in memory only: an instance is evicted only after it has been
 * idle for a while, and a bucket idle that long is not being flooded, so losing its count
 * forgives at most one window, and a storage write on every API write would cost more than the
 * limit protects.
 */
export class RateLimiter extends DurableObject<Env> {
  private windowStart = 0;
  private count = 0;

  /** Counts one request in the current window; returns the window's count and when it ends. */
  hit(windowMs: number): { count: number; resetAt: number } {
    const now = Date.now();
    const start = Math.floor(now / windowMs) * windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.count = 0;
    }
    this.count += 1;
    return { count: this.count, resetAt: start + windowMs };
  }
}
