import type { Pool } from '@neondatabase/serverless';

export interface LedgerDb {
  /** The Worker's LEDGER_DATABASE_URL: the PGlite server or the real PostgreSQL given. */
  LEDGER_DATABASE_URL: string;
  /** The Worker's LEDGER_WS_PROXY: the local stand-in for Neon's WebSocket proxy, host:port (127.0.0.1:…). */
  LEDGER_WS_PROXY: string;
  /** Boots the embedded database now (otherwise it boots on the first connection). */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

export interface LedgerDbOptions {
  /** A real PostgreSQL to use instead of the embedded PGlite (postgres://user:password@host:port/db). */
  databaseUrl?: string;
  /** Where PGlite keeps its files; in memory otherwise. */
  dataDir?: string;
  /** The proxy's port on 127.0.0.1 (a free one otherwise). */
  proxyPort?: number;
  /** PGlite's port on 127.0.0.1 (a free one otherwise). */
  databasePort?: number;
}

export function startLedgerDb(options?: LedgerDbOptions): Promise<LedgerDb>;
export function ledgerPool(databaseUrl: string, proxyAddress: string): Pool;
