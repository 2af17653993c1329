/** The real Worker under `wrangler dev`, shared with the benchmark: see scripts/lib/dev-server.mjs. */
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { d1Sql, type RunningServer } from '../../scripts/lib/dev-server.mjs';

export { freePort, type RunningServer, type StartOptions, startServer } from '../../scripts/lib/dev-server.mjs';

/** A server this file does not own: the run's global setup started it and stops it (shared-server.ts). */
export type SharedServer = Omit<RunningServer, 'stop' | 'cpuMs'>;

/** The run's server with the default options (test/e2e/shared-server.ts), for files that need nothing of their own. */
export function sharedServer(): SharedServer {
  const { url, port, state, logFile } = inject('sharedServer');
  // The newest megabyte, as an own server's output() keeps.
  const output = () => readFileSync(logFile, 'utf8').slice(-1_000_000);
  return { url, port, state, output, sql: d1Sql(state) };
}
