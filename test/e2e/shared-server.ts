/**
 * Vitest global setup: one server with the default options for the whole e2e run, which the
 * files that need nothing of their own use through `sharedServer()` (test/e2e/server.ts) — the
 * API files (masto, streaming, live) and the browser files that pass no start options
 * (test/e2e/browser.ts). A server start is about 5.5 s of a file's time; files that need their
 * own configuration, a restart or a clock start their own with `startServer(options)`. Files
 * share its data, so each makes its own accounts (`unique(...)`) and asserts only on what it
 * made. `npm start` (start.test.ts) rebuilds web/dist only when its sources changed: a rebuild
 * empties the folder this server serves, and its pages answered 404 from then on.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../scripts/lib/dev-server.mjs';

export interface SharedServerInfo {
  url: string;
  port: number;
  state: string;
  logFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sharedServer: SharedServerInfo;
  }
}

export default async function setup(project: TestProject) {
  const logs = await mkdtemp(join(tmpdir(), 'smile-shared-server-'));
  const logFile = join(logs, 'server.log');
  // Every file signs its people up from 127.0.0.1, more than the default allows an address in an hour.
  const server = await startServer({ logFile, vars: { RATE_LIMIT_SIGNUPS: '100000' } });
  project.provide('sharedServer', { url: server.url, port: server.port, state: server.state, logFile });
  return async () => {
    await server.stop();
    await rm(logs, { recursive: true, force: true });
  };
}
