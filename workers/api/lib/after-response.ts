import type { Context } from 'hono';
import type { AppEnv } from '../context';

/**
 * Lets `work` finish after the response (`waitUntil`), so the client does not wait for it.
 * Without an ExecutionContext (`app.request()` in a test) it returns `work` for the caller to
 * await if it must; the promise runs either way.
 */
export function afterResponse(c: Context<AppEnv>, work: Promise<unknown>): Promise<unknown> {
  let ctx: ExecutionContext | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    return work;
  }
  ctx.waitUntil(work);
  return Promise.resolve();
}
