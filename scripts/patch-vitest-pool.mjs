/**
 * npm's postinstall: fixes one bug in @cloudflare/vitest-pool-workers 0.23.0 (the last release
 * whose wrangler runs on Node 20) that the workers suite's `isolate: false` needs fixed.
 *
 * With isolation off, Vitest hands the pool the same module runner again for every test file a
 * worker runs, and the pool wraps the runner's module fetches in one more layer each time: imports
 * get slower file after file until runs stall (fixed upstream in @cloudflare/vitest-plugin 1.4.5,
 * a renamed successor that needs a newer wrangler). The patch makes the pool wrap a runner once.
 * Idempotent; fails loudly if the pool's code is not the code it was written for.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../node_modules/@cloudflare/vitest-pool-workers/dist/worker/index.mjs', import.meta.url));
// Installed without dev dependencies: no tests to run.
if (!existsSync(file)) process.exit(0);
const MARK = '/* smile: wrap each module runner once */';
const ANCHOR = '\t\t\tonModuleRunner(moduleRunner) {\n\t\t\t\tconst runner = moduleRunner;\n';

const source = readFileSync(file, 'utf8');
if (source.includes(MARK)) process.exit(0);
if (!source.includes(ANCHOR)) {
  console.error(`patch-vitest-pool: ${file} is not the 0.23.0 code this patch was written for; see scripts/patch-vitest-pool.mjs`);
  process.exit(1);
}
writeFileSync(file, source.replace(ANCHOR, `${ANCHOR}\t\t\t\t${MARK}\n\t\t\t\tif (runner.__smileWrapped) return;\n\t\t\t\trunner.__smileWrapped = true;\n`));
