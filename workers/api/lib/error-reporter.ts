/**
 * Where unhandled errors go (docs/security.md). One small interface, as for every service that
 * has a production and a local side (ARCHITECTURE.md §3): the local reporter writes the
 * structured log line (which Workers Logs / Logpush carry in production) and keeps a D1 row
 * per fingerprint, counted, so the same failure a thousand times is one row. A Sentry
 * reporter would implement the same interface and be chosen when its DSN is configured.
 */
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv, Db } from '../context';
import { errorReports } from '../db/operations';
import { afterResponse } from './after-response';
import { createLogger, type Logger } from './logger';

export interface ErrorReport {
  requestId: string;
  method: string;
  /** The matched route pattern (`/api/v1/statuses/:id`), so ids do not split one failure into many. */
  route: string;
  path: string;
  error: Error;
}

export interface ErrorReporter {
  report(report: ErrorReport): Promise<void>;
}

/** The longest stack kept; the top frames say where, the rest is framework. */
const STACK_MAX = 4000;

/** Same route, same message shape (digits and ids blurred), same throwing frame: the same failure. */
export async function fingerprint(r: ErrorReport): Promise<string> {
  const frame = r.error.stack?.split('\n').find((line) => line.trim().startsWith('at ')) ?? '';
  const text = [r.method, r.route, r.error.name, r.error.message.replace(/\d+/g, 'N'), frame.trim()].join('\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class LocalErrorReporter implements ErrorReporter {
  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  async report(r: ErrorReport): Promise<void> {
    // A wrapped error (a failed query) says why only in its cause.
    const cause = r.error.cause instanceof Error ? r.error.cause.message : undefined;
    const print = await fingerprint(r);
    this.log.error('unhandled error', { error: r.error.message, ...(cause ? { cause } : {}), stack: r.error.stack, method: r.method, route: r.route, path: r.path, fingerprint: print });
    const now = Date.now();
    const message = cause ? `${r.error.message} (cause: ${cause})` : r.error.message;
    await this.db
      .insert(errorReports)
      .values({ fingerprint: print, route: r.route, method: r.method, message: message.slice(0, 1000), stack: r.error.stack?.slice(0, STACK_MAX) ?? null, firstSeenAt: now, lastSeenAt: now, lastRequestId: r.requestId })
      .onConflictDoUpdate({ target: errorReports.fingerprint, set: { count: sql`${errorReports.count} + 1`, lastSeenAt: now, lastRequestId: r.requestId } });
  }
}

/**
 * Reports an error the API did not expect, from `onError`. The row is written after the response
 * (waitUntil) so the client's 500 is not delayed, and a failing report is logged, never thrown.
 */
export async function reportError(c: Context<AppEnv>, error: Error): Promise<void> {
  const log = c.var.log ?? createLogger('error', { request_id: c.var.requestId });
  const report: ErrorReport = { requestId: c.var.requestId, method: c.req.method, route: routePath(c) || new URL(c.req.url).pathname, path: new URL(c.req.url).pathname, error };
  // Without services (the configuration itself failed to load) the log line is all there is.
  if (!c.var.db) {
    log.error('unhandled error', { error: error.message, stack: error.stack, method: report.method, path: report.path });
    return;
  }
  await afterResponse(c, new LocalErrorReporter(c.var.db, log).report(report).catch((failure: unknown) => log.error('error report failed', { error: String(failure) })));
}
