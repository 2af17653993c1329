/**
 * GET /healthz for load balancers and uptime checks: public, outside every rate limit, never
 * cached. 200 when every dependency answers, 503 naming the one that does not.
 */
import { sql } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../context';

interface Check {
  status: 'ok' | 'fail';
  ms: number;
}

/** Runs one probe; why it failed goes to the log, not to the public answer. */
async function timed(c: Context<AppEnv>, name: string, probe: () => Promise<unknown>): Promise<Check> {
  const started = Date.now();
  try {
    await probe();
    return { status: 'ok', ms: Date.now() - started };
  } catch (err) {
    c.var.log.error('health check failed', { check: name, error: err instanceof Error ? err.message : String(err) });
    return { status: 'fail', ms: Date.now() - started };
  }
}

export const healthRoutes = new Hono<AppEnv>();

healthRoutes.get('/healthz', async (c) => {
  const checks = { d1: await timed(c, 'd1', () => c.var.db.get(sql`SELECT 1`)) };
  const healthy = Object.values(checks).every((check) => check.status === 'ok');
  return c.json({ status: healthy ? 'ok' : 'fail', checks }, healthy ? 200 : 503, { 'Cache-Control': 'no-store' });
});
