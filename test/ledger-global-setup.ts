/**
 * Runs in Node before the workerd tests: the ledger's local Postgres (PGlite, booted on first
 * use, so runs that never touch the ledger pay nothing) behind the local stand-in for Neon's
 * WebSocket proxy, on the addresses test/vitest.workers.config.ts gave the Worker. With
 * LEDGER_TEST_DATABASE_URL=postgres://… it is a real PostgreSQL instead. Tests that open the
 * ledger themselves read the settings with `inject('ledger')`.
 */
import type { TestProject } from 'vitest/node';
import { startLedgerDb } from '../scripts/lib/ledger-db.mjs';

/** Every project of the workers config runs this setup; they share one ledger, stopped after the last. */
const SHARED = Symbol.for('smile.test.ledger');
type Shared = { started: ReturnType<typeof startLedgerDb>; projects: number };

export default async function setup(project: TestProject) {
  const chosen = JSON.parse(process.env.SMILE_TEST_LEDGER ?? '{}') as { LEDGER_DATABASE_URL: string; LEDGER_WS_PROXY: string; proxyPort: number; databasePort: number };
  const processWide = globalThis as { [SHARED]?: Shared };
  const shared = (processWide[SHARED] ??= {
    started: startLedgerDb({ databaseUrl: process.env.LEDGER_TEST_DATABASE_URL || undefined, proxyPort: chosen.proxyPort, databasePort: chosen.databasePort }),
    projects: 0,
  });
  shared.projects += 1;
  const ledger = await shared.started;
  if (ledger.LEDGER_DATABASE_URL !== chosen.LEDGER_DATABASE_URL || ledger.LEDGER_WS_PROXY !== chosen.LEDGER_WS_PROXY) throw new Error('the ledger did not start where the Worker was told it is');
  project.provide('ledger', { LEDGER_DATABASE_URL: ledger.LEDGER_DATABASE_URL, LEDGER_WS_PROXY: ledger.LEDGER_WS_PROXY });
  return async () => {
    shared.projects -= 1;
    if (shared.projects > 0) return;
    delete processWide[SHARED];
    await ledger.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    ledger: { LEDGER_DATABASE_URL: string; LEDGER_WS_PROXY: string };
  }
}
