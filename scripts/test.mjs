#!/usr/bin/env node
/**
 * `npm test`: every suite, then one closing line `N passed, N failed` summing them all.
 *  1. system packages the tests need (Chromium): installed with apt when running as root,
 *     otherwise the run stops at once naming the package and the command;
 *  2. the web client build, the type check, and `wrangler deploy --dry-run` of both Workers (production config);
 *  3. Workers tests inside workerd (vitest pool): real D1, R2, Durable Objects, Queues;
 *  4. the money tests again on a real PostgreSQL server (Debian's `postgresql`, a throwaway
 *     cluster), as well as on the embedded one step 3 used;
 *  5. end-to-end tests against the real server: masto, real HTTP, Chromium via playwright-core.
 * Pass suite names to run only some: `npm test -- workers ledger-postgres e2e`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { startRealPostgres } from './lib/real-postgres.mjs';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const only = process.argv.slice(2);
const results = [];

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  return r.status === 0;
}

function ensureSystemPackage(pkg, file) {
  if (existsSync(file)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`\nThe browser tests need the Debian package "${pkg}" (${file} is missing).\nInstall it with:  sudo apt-get update && sudo apt-get install -y ${pkg}\n`);
    process.exit(1);
  }
  console.log(`Installing the system package ${pkg} (needed by the browser tests)…`);
  if (!run('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`]) || !existsSync(file)) {
    console.error(`\nInstalling ${pkg} failed. Install it with: apt-get install -y ${pkg}\n`);
    process.exit(1);
  }
}

const failures = [];
const firstLine = (text = '') => text.split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 300) ?? '';

function check(name, ok) {
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
  console.log(`${ok ? '✓' : '✗'} ${name}`);
}

function vitest(name, config, filters = [], extraEnv = {}) {
  const report = join(tmpdir(), `smile-${name.replace(/\W+/g, '-')}-${process.pid}.json`);
  rmSync(report, { force: true });
  const ok = run(bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...filters], { env: { ...env, ...extraEnv } });
  let passed = 0;
  let failed = ok ? 0 : 1;
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed = r.numPassedTests;
    // A suite that failed to load has no failed tests but is a failure all the same.
    failed = r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0) + (!ok && r.numFailedTests === 0 && r.numFailedTestSuites === 0 ? 1 : 0);
    // Named again in the closing lines, where a CI log's tail still shows them.
    for (const file of r.testResults) {
      for (const t of file.assertionResults) {
        if (t.status === 'failed') failures.push(`${name}: ${relative(process.cwd(), file.name)} > ${t.fullName}\n      ${firstLine(t.failureMessages[0])}`);
      }
      if (file.status === 'failed' && file.assertionResults.length === 0) failures.push(`${name}: ${relative(process.cwd(), file.name)}\n      ${firstLine(file.message)}`);
    }
    rmSync(report, { force: true });
  }
  results.push({ name, passed, failed });
}

const want = (suite) => only.length === 0 || only.includes(suite);

if (want('e2e')) ensureSystemPackage('chromium', '/usr/bin/chromium');
if (want('ledger-postgres')) ensureSystemPackage('postgresql', '/usr/lib/postgresql');

if (want('checks') || want('e2e')) check('web client builds', run(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']));
if (want('checks')) {
  check('type check: worker, tests', run(bin('tsc'), ['--noEmit', '-p', '.']));
  check('type check: web client', run(bin('tsc'), ['--noEmit', '-p', 'web']));
  check('type check: end-to-end tests', run(bin('tsc'), ['--noEmit', '-p', 'test/e2e']));
  const out = join(tmpdir(), `smile-dry-run-${process.pid}`);
  mkdirSync(out, { recursive: true });
  check('wrangler deploy --dry-run --env production', run(bin('wrangler'), ['deploy', '--dry-run', '--env', 'production', '--outdir', out], { stdio: ['ignore', 'ignore', 'inherit'] }));
  check("wrangler deploy --dry-run --env production: the chat Worker", run(bin('wrangler'), ['deploy', '--dry-run', '--env', 'production', '-c', 'wrangler.chat.jsonc', '--outdir', join(out, 'chat')], { stdio: ['ignore', 'ignore', 'inherit'] }));
  rmSync(out, { recursive: true, force: true });
}
if (want('workers')) vitest('workers', 'test/vitest.workers.config.ts');
if (want('ledger-postgres')) {
  // The tests that move money, whose guarantees rest on the database: PGlite ran them above.
  const money = ['ledger', 'checkout', 'payment-webhooks', 'payment-authentication', 'plan-fraud', 'plan-grants', 'payouts', 'subscriptions', 'metered-subscriptions', 'tiers', 'tier-changes', 'saved-cards', 'subscription-invoices'].map((n) => `test/workers/${n}`);
  const postgres = await startRealPostgres();
  try {
    vitest('money on PostgreSQL', 'test/vitest.workers.config.ts', money, { LEDGER_TEST_DATABASE_URL: postgres.databaseUrl });
  } finally {
    postgres.stop();
  }
}
if (want('e2e')) vitest('e2e', 'test/vitest.e2e.config.ts');

console.log('\nSuites:');
for (const r of results) console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed`);
if (failures.length > 0) {
  console.log('\nFailed:');
  for (const f of failures) console.log(`  ${f}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.length === 0 ? 1 : 0);
