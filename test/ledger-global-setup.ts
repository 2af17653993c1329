/**
 * Runs in Node before the workerd tests: the ledger's local Postgres (PGlite, booted on first
 * use, so runs that never touch the ledger pay nothing) behind the local stand-in for Neon's
 * WebSocket proxy, on the addresses test/vitest.workers.config.ts gave the Worker. With
 * LEDGER_TEST_DATABASE_URL=postgres://… it is a real PostgreSQL instead. Tests that open the
 * ledger themselves read the settings with `inject('ledger')`.
 */
import type { TestProject } from 'vitest/node';
import { startLedgerDb } from '../scripts/lib/ledger-db.mjs';

export default async function setup(project: TestProject) {
  const chosen = JSON.parse(process.env.SMILE_TEST_LEDGER ?? '{}') as { LEDGER_DATABASE_URL: string; LEDGER_WS_PROXY: string; proxyPort: number; databasePort: number };
  const ledger = await startLedgerDb({ databaseUrl: process.env.LEDGER_TEST_DATABASE_URL || undefined, proxyPort: chosen.proxyPort, databasePort: chosen.databasePort });
  if (ledger.LEDGER_DATABASE_URL !== chosen.LEDGER_DATABASE_URL || ledger.LEDGER_WS_PROXY !== chosen.LEDGER_WS_PROXY) throw new Error('the ledger did not start where the Worker was told it is');
  project.provide('ledger', { LEDGER_DATABASE_URL: ledger.LEDGER_DATABASE_URL, LEDGER_WS_PROXY: ledger.LEDGER_WS_PROXY });
  return () => ledger.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    ledger: { LEDGER_DATABASE_URL: string; LEDGER_WS_PROXY: string };
  }
}
