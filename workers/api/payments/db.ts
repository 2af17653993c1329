/**
 * The ledger's connection: a Pool of the Neon driver (WebSocket, interactive transactions) with
 * drizzle's neon-serverless session. Pools are per request — a Worker cannot keep sockets
 * between requests — and closed after the response with `ctx.waitUntil(pool.end())`.
 * (Not drizzle-orm/neon-http: constructing it changes the driver's global type parsers.)
 */
import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless';
import type { Config } from '../../env';
import { ApiError } from '../lib/errors';
import { LedgerBusyError } from './errors';
import * as schema from './schema';

export type LedgerDb = NeonDatabase<typeof schema>;

export interface LedgerConnection {
  db: LedgerDb;
  /** Closes the pool; pass it to `ctx.waitUntil`. */
  close(): Promise<void>;
}

type LedgerConfig = Pick<Config, 'LEDGER_DATABASE_URL' | 'LEDGER_WS_PROXY'>;

/** Opens a per-request pool; throws a clear error when the ledger is not configured. */
export function openLedger(config: LedgerConfig): LedgerConnection {
  if (!config.LEDGER_DATABASE_URL) throw new Error('The ledger is not configured: set LEDGER_DATABASE_URL (docs/ledger.md)');
  const proxy = config.LEDGER_WS_PROXY;
  if (proxy) {
    // The local stand-in for Neon's proxy speaks plain ws:// and plain Postgres behind it.
    neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: config.LEDGER_DATABASE_URL });
  // node-postgres re-emits an idle client's socket error on the pool and, with no listener,
  // throws it as unhandled. The pool has already dropped that client and a query on it would
  // fail on its own, so there is nothing to do here: a server (or proxy) closing the socket of
  // a client that finished its work — as PostgreSQL does at Terminate — is not an error.
  pool.on('error', () => {});
  return { db: drizzle({ client: pool, schema }), close: () => pool.end() };
}

/**
 * Runs `work` on a fresh pool and closes it afterwards: in the background with `waitUntil` (a
 * request's response need not wait), or awaited (queues, cron, tests).
 */
export async function withLedger<T>(config: LedgerConfig, waitUntil: ((closing: Promise<unknown>) => void) | null, work: (db: LedgerDb) => Promise<T>): Promise<T> {
  const connection = openLedger(config);
  try {
    return await work(connection.db);
  } catch (err) {
    // Nothing of the busy transaction was kept, and every ledger write is keyed: asking again is safe.
    if (err instanceof LedgerBusyError) throw new ApiError(503, 'The ledger is busy; nothing was lost — retry with the same Idempotency-Key', undefined, { 'Retry-After': '2' });
    throw err;
  } finally {
    const closing = connection.close();
    if (waitUntil) waitUntil(closing);
    else await closing;
  }
}
