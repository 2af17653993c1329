/**
 * Runs in Node before the workerd tests: the ledger's local Postgres (PGlite, booted on first
 * use, so runs that never touch the ledger pay nothing) behind the local stand-in for Neon's
 * WebSocket proxy. LEDGER_TEST_DATABASE_URL=postgres://… runs the ledger tests against a real
 * PostgreSQL instead. Tests read the settings with `inject('ledger')`.
 */
import type { TestProject } from 'vitest/node';
import { startLedgerDb } from '../scripts/lib/ledger-db.mjs';

export default async function setup(project: TestProject) {
  const ledger = await startLedgerDb({ databaseUrl: process.env.LEDGER_TEST_DATABASE_URL || undefined });
  project.provide('ledger', { LEDGER_DATABASE_URL: ledger.LEDGER_DATABASE_URL, LEDGER_WS_PROXY: ledger.LEDGER_WS_PROXY });
  return () => ledger.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    ledger: { LEDGER_DATABASE_URL: string; LEDGER_WS_PROXY: string };
  }
}
