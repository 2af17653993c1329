/**
 * Starts the real SMILE Workers (the API's and the chat Worker) with `wrangler dev --local` on a
 * free 127.0.0.1 port, against a fresh, migrated local state directory, and stops it afterwards. End-to-end tests talk to it
 * over real HTTP and WebSockets; the benchmark loads its data set into the state first.
 * Types: dev-server.d.mts.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { devWorkersArgs } from './dev-config.mjs';
import { startLedgerDb } from './ledger-db.mjs';

const root = resolve(import.meta.dirname, '../..');
const wrangler = join(root, 'node_modules/.bin/wrangler');
const run = promisify(execFile);

export async function freePort() {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => done(port));
    });
  });
}

async function waitForHttp(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Spawns `wrangler dev --local` on 127.0.0.1:`port` (a free one by default) with `args` added (a
 * `--config`, vars, flags) over the state directory `state`, and waits until `readyPath` answers
 * 2xx. `stop` ends wrangler and its workerd and removes `state` (kept with `{ keepState: true }`).
 * `logFile`, if given, receives everything the server prints too (for readers in other processes).
 */
export async function startWrangler({ state, args = [], readyPath = '/', port, logFile }) {
  // VSCODE_INSPECTOR_OPTIONS: wrangler's DevTools relay copies every DevTools event to its Node
  // process as a debug log — each D1 query's network events with the whole answer — which cost more
  // than the query (a one-row read: 190 req/s with it, 450 without). Wrangler leaves the relay out
  // in a VS Code debug terminal, which this variable marks; tests and benchmarks open no DevTools,
  // and the Worker's own logs still reach the output.
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CI: 'true', VSCODE_INSPECTOR_OPTIONS: '{}' };
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const all = ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()), '--persist-to', state, '--log-level', 'warn', '--show-interactive-dev-session=false', ...args];
  const child = spawn(wrangler, all, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // The newest megabyte of what the server printed: enough for a failure's message, bounded for long runs.
  let log = '';
  const keep = (d) => {
    log = (log + d.toString()).slice(-1_000_000);
    if (logFile) appendFileSync(logFile, d);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  if (process.env.SMILE_SERVER_LOG) child.stderr.on('data', (d) => process.stderr.write(d));
  const output = () => log;
  // wrangler runs in its own process group (to stop it with its workerd); a test whose hook timed
  // out before `stop` existed must not leave that group running after this process.
  const killGroup = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killGroup);
  child.once('exit', () => process.off('exit', killGroup));
  const stop = async ({ keepState = false } = {}) => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      // wrangler starts workerd as a child: end the whole process group.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    if (!keepState) await rm(state, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}${readyPath}`, child, output, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, stop, output, cpuMs: () => groupCpuMs(child.pid) };
}

/**
 * CPU time (user + system, ms) used so far by the live processes of a process group — wrangler
 * and the workerd it started. Read from /proc: Linux only (NaN elsewhere). A figure per request
 * that a busy machine disturbs less than req/s does.
 */
async function groupCpuMs(pgid) {
  let ticks = 0;
  try {
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      // Fields after the command's closing parenthesis: state, ppid, pgrp, …, utime (12th), stime (13th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return NaN;
  }
  // Linux counts in USER_HZ, 100 per second.
  return ticks * 10;
}

/**
 * A local state directory with every D1 migration applied, made once per set of migrations and
 * copied for each server (applying them costs a few seconds, paid by every server before). Built aside and renamed into place, so a run that
 * stopped halfway or a concurrent one never leaves a half-migrated template.
 */
async function migratedState() {
  const dir = join(root, 'migrations/d1');
  const hash = createHash('sha256');
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()) hash.update(file).update(await readFile(join(dir, file)));
  const template = join(tmpdir(), `smile-d1-migrated-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(template)) {
    const building = await mkdtemp(join(tmpdir(), 'smile-d1-migrating-'));
    // Imported only here: loading wrangler's code costs every test file that imports this one ~2 s.
    const { openLocalState } = await import('./local-state.mjs');
    const local = await openLocalState(building);
    try {
      await local.migrate();
    } finally {
      await local.dispose();
    }
    await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
  }
  const state = await mkdtemp(join(tmpdir(), 'smile-e2e-'));
  await cp(template, state, { recursive: true });
  return state;
}

/**
 * The API's rate limits for test and benchmark servers, whose clients all share one address and
 * a handful of accounts (docs/security.md has the production defaults).
 */
export const RAISED_RATE_LIMITS = { RATE_LIMIT_READS: '100000000', RATE_LIMIT_WRITES: '100000000', RATE_LIMIT_POSTS: '100000000' };

export async function startServer(options = {}) {
  // A state directory handed back by `stop({ keepState: true })` is already migrated and prepared.
  const state = options.state ?? (await migratedState());
  if (!options.state) await options.prepare?.(state);
  // PUBLIC_URL names the port, so it is chosen before wrangler starts (a restart keeps it: tokens name it as their issuer).
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // The ledger's Postgres boots on first use, so a server whose tests never touch money pays nothing for it.
  const ledger = await startLedgerDb({ dataDir: join(state, 'ledger') });
  const vars = { PUBLIC_URL: url, INSTANCE_DOMAIN: `127.0.0.1:${port}`, LOG_LEVEL: 'warn', LEDGER_DATABASE_URL: ledger.LEDGER_DATABASE_URL, LEDGER_WS_PROXY: ledger.LEDGER_WS_PROXY, ...RAISED_RATE_LIMITS, ...options.vars };
  const args = await devWorkersArgs(state, vars);
  // `/__scheduled` runs the Worker's scheduled handler (the benchmark's cron trigger).
  if (options.testScheduled) args.push('--test-scheduled');
  let server;
  try {
    server = await startWrangler({ state, args, readyPath: '/api/v2/instance', port, logFile: options.logFile });
  } catch (err) {
    await ledger.stop();
    throw err;
  }
  const { output } = server;
  const stop = async (stopOptions) => {
    await ledger.stop();
    await server.stop(stopOptions);
  };
  return { url, port, state, stop, output, sql: d1Sql(state), cpuMs: server.cpuMs };
}

/** Runs SQL against the local D1 database of the state directory `state` (`wrangler d1 execute`), resolving with the rows. */
export function d1Sql(state) {
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CI: 'true' };
  return async (command) => {
    const { stdout } = await run(wrangler, ['d1', 'execute', 'DB', '--local', '--persist-to', state, '--json', '--command', command], { cwd: root, env });
    return JSON.parse(stdout).flatMap((r) => r.results);
  };
}
