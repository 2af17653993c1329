/**
 * npm's postinstall: fixes two bugs in @cloudflare/vitest-pool-workers 0.23.0 (the last release
 * whose wrangler runs on Node 20), both a layer added again and again inside one workerd, which the
 * workers suite's `isolate: false` (one workerd for many files) turns into a slowdown file after file.
 *
 * 1. With isolation off, Vitest hands the pool the same module runner again for every test file a
 *    worker runs, and the pool wraps the runner's module fetches in one more layer each time:
 *    imports get slower file after file until runs stall (fixed upstream in
 *    @cloudflare/vitest-plugin 1.4.5, a renamed successor that needs a newer wrangler). Patched to
 *    wrap a runner once.
 * 2. The pool's wrapper of every Durable Object (and entrypoint) class replaces the class's
 *    prototype with a new `Proxy` around the previous one each time an instance is constructed, so
 *    after N objects every method lookup walks N proxies. The suite constructs thousands (a rate
 *    limiter per client address, a stream per account, a room per chat): measured, a file of plain
 *    requests took 8.8 s alone and 43–59 s after 16 other files, 2/3 of its time in that proxy's
 *    `get`. Patched to wrap the prototype once — the proxy keeps no per-instance state (it answers
 *    through the receiver), so one layer behaves as the chain did.
 *
 * Idempotent; fails loudly if the pool's code is not the code it was written for.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (path) => fileURLToPath(new URL(`../node_modules/@cloudflare/vitest-pool-workers/dist/${path}`, import.meta.url));

/** Each patch: the pool's code at `anchor` becomes `replacement`, which carries `mark` (applied once). */
const PATCHES = [
  {
    file: dist('worker/index.mjs'),
    mark: '/* smile: wrap each module runner once */',
    anchor: '\t\t\tonModuleRunner(moduleRunner) {\n\t\t\t\tconst runner = moduleRunner;\n',
    replacement: (mark) => `\t\t\tonModuleRunner(moduleRunner) {\n\t\t\t\tconst runner = moduleRunner;\n\t\t\t\t${mark}\n\t\t\t\tif (runner.__smileWrapped) return;\n\t\t\t\trunner.__smileWrapped = true;\n`,
  },
  {
    file: dist('worker/lib/cloudflare/test-internal.mjs'),
    mark: '/* smile: wrap each class prototype once */',
    anchor: '\tfunction Class(...args) {\n\t\tClass.prototype = new Proxy(',
    replacement: (mark) => `\tfunction Class(...args) {\n\t\t${mark}\n\t\tif (!Class.__smileProxied) Class.__smileProxied = true, Class.prototype = new Proxy(`,
  },
];

for (const p of PATCHES) {
  // Installed without dev dependencies: no tests to run.
  if (!existsSync(p.file)) continue;
  const source = readFileSync(p.file, 'utf8');
  if (source.includes(p.mark)) continue;
  if (!source.includes(p.anchor)) {
    console.error(`patch-vitest-pool: ${p.file} is not the 0.23.0 code this patch was written for; see scripts/patch-vitest-pool.mjs`);
    process.exit(1);
  }
  writeFileSync(p.file, source.replace(p.anchor, p.replacement(p.mark)));
}
