/** The real Worker under `wrangler dev`, shared with the benchmark: see scripts/lib/dev-server.mjs. */
export { freePort, type RunningServer, type StartOptions, startServer } from '../../scripts/lib/dev-server.mjs';
