#!/usr/bin/env node
/**
 * `npm start`: build the web client (when its sources changed since the last build), apply D1
 * migrations locally, load demo data, and serve everything with `wrangler dev` on 127.0.0.1:8787
 * — offline. Beside it runs the ledger's Postgres (embedded PGlite, kept in <state>/ledger,
 * booted on first use) behind a local stand-in for Neon's WebSocket proxy
 * (scripts/lib/ledger-db.mjs); LEDGER_DATABASE_URL set in the shell points that proxy at a real
 * PostgreSQL instead. PORT and SMILE_STATE_DIR (local state folder, default .wrangler/state) can
 * be set; the tests use both.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { devWorkersArgs } from './lib/dev-config.mjs';
import { startLedgerDb } from './lib/ledger-db.mjs';
import { seed } from './seed.mjs';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const port = process.env.PORT ?? '8787';
const state = process.env.SMILE_STATE_DIR;
const stateDir = state ? resolve(root, state) : join(root, '.wrangler/state');
const persist = state ? ['--persist-to', state] : [];
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const started = Date.now();

if (!existsSync(bin('wrangler'))) {
  console.error('Dependencies are missing: run `npm install` first.');
  process.exit(1);
}

async function step(label, work) {
  const t = Date.now();
  const said = await work();
  console.log(`✓ ${label} (${((Date.now() - t) / 1000).toFixed(1)} s)${typeof said === 'string' ? `: ${said}` : ''}`);
}

/**
 * Whether anything the web client is built from (web/, shared/, the lockfile) changed after
 * web/dist was written. A build empties web/dist first: any `wrangler dev` serving it meanwhile
 * (another checkout's server, the e2e run's shared one) lost its pages until restarted.
 */
function webBuildStale() {
  const built = join(root, 'web/dist/index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const sources = [join(root, 'package-lock.json')];
  for (const dir of ['web', 'shared']) {
    for (const file of readdirSync(join(root, dir), { recursive: true })) {
      if (!/^(dist|node_modules)(\/|$)/.test(file)) sources.push(join(root, dir, file));
    }
  }
  return sources.some((file) => statSync(file).mtimeMs > builtAt);
}

// NODE_ENV production whatever the caller's (a test runner sets `test`, which gets React's development build and no service worker).
if (webBuildStale()) {
  await step('web client built', () => execFileSync(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, env: { ...env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] }));
} else console.log('✓ web client up to date (web/dist is newer than its sources)');
// The local D1 and R2 that `wrangler dev` below serves, written in this process.
const { openLocalState } = await import('./lib/local-state.mjs');
const local = await openLocalState(state && resolve(root, state));
try {
  await step('D1 migrations applied', async () => `${(await local.migrate()).length} new`);
  await step('demo data loaded', () => seed(local, `http://127.0.0.1:${port}`));
} finally {
  await local.dispose();
}

const ledger = await startLedgerDb({ databaseUrl: process.env.LEDGER_DATABASE_URL, dataDir: join(stateDir, 'ledger') });
console.log(`✓ ledger database ready behind ws://${ledger.LEDGER_WS_PROXY}`);
const vars = { LEDGER_DATABASE_URL: ledger.LEDGER_DATABASE_URL, LEDGER_WS_PROXY: ledger.LEDGER_WS_PROXY };
if (port !== '8787') Object.assign(vars, { PUBLIC_URL: `http://127.0.0.1:${port}`, INSTANCE_DOMAIN: `127.0.0.1:${port}` });
// The API Worker and the chat Worker (scripts/lib/dev-config.mjs) in one wrangler dev.
const workers = await devWorkersArgs(join(stateDir, 'dev-config'), vars);
const dev = spawn(bin('wrangler'), ['dev', '--local', '--ip', '127.0.0.1', '--port', port, '--show-interactive-dev-session=false', ...workers, ...persist], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let ready = false;
dev.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!ready && chunk.toString().includes('Ready on')) {
    ready = true;
    console.log(`\nSMILE is running at http://127.0.0.1:${port} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log('Demo logins: alice, bob, admin, acme — password "smile-demo-password". Mails: /dev/mailbox. API reference: /api/docs');
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal));
dev.on('exit', async (code) => {
  await ledger.stop();
  process.exit(code ?? 0);
});
