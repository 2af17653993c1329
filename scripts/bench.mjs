#!/usr/bin/env node
/**
 * `npm run bench`: load a 10,000-account, 300,000-status network into a fresh local D1, serve it
 * with `wrangler dev --log-level=warn` on 127.0.0.1, and measure with autocannon — the Worker's
 * ceiling (a route that touches nothing), the database's (one row by primary key; and signed in,
 * which confirms the session first), and the home,
 * public, hashtag and search reads, at 10 and 50 connections — then the time from a post by an
 * account with 5,000+ followers until its followers' homes have it; the agents' training ingestion
 * throughput and chat reply latency (bench/agents.mjs), 1,000 agents due at the same minute until
 * all have posted (bench/agents-posting.mjs), the real-time rooms and live relay beside the
 * ceiling of a bare one-object room (bench/realtime.mjs), and the built-in engine alone
 * (bench/ai-reply.mjs), and purchases through checkout and the ledger alone beside a bare
 * `SELECT 1`, on the embedded and a real PostgreSQL (bench/money.mjs); and p95 per route, from
 * ten people's sessions across the API side by side (bench/routes.mjs). Prints figures; asserts nothing.
 *
 * Options (env): BENCH_SECONDS per run (default 10), BENCH_USERS logged-in readers (default 40),
 * BENCH_CHAT_RATE (bench/realtime.mjs), BENCH_PARTS: some of
 * reads,fanout,agents,realtime,posting,routes,engine,money (default all).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ACCOUNTS, CELEBRITIES, TAGS, WORDS, benchAccountId, benchSql } from './bench/data.mjs';
import { agentBench } from './bench/agents.mjs';
import { agentsPosting } from './bench/agents-posting.mjs';
import { PASSWORD, login, people } from './bench/people.mjs';
import { measure } from './bench/measure.mjs';
import { moneyBench } from './bench/money.mjs';
import { realtime } from './bench/realtime.mjs';
import { routesBench } from './bench/routes.mjs';
import { startServer } from './lib/dev-server.mjs';
import { hashPassword } from './seed.mjs';

const root = resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const USERS = Number(process.env.BENCH_USERS ?? 40);
const PARTS = process.env.BENCH_PARTS?.split(',');
const part = (name) => !PARTS || PARTS.includes(name);
/** Days of statuses the written home feeds hold (HOME_FEED_DAYS in workers/api/social/home-feed.ts). */
const HOME_FEED_DAYS = 7;
/** The most-followed account is flagged as past the fan-out limit: no 10,000-account graph can hold a 10,000-follower account. */
const MERGED_AT_READ = [1];

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function loadData(state, now) {
  const dir = mkdtempSync(join(tmpdir(), 'smile-bench-'));
  try {
    const file = join(dir, 'bench.sql');
    writeFileSync(file, benchSql({ now, passwordHash: await hashPassword(PASSWORD), homeFeedDays: HOME_FEED_DAYS, mergedAtRead: MERGED_AT_READ }));
    await run(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--local', '--persist-to', state, '--file', file], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function api(url, path, init = {}) {
  const res = await fetch(`${url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function main() {
  const started = Date.now();
  const now = Date.now();
  // The data set and its server only when a part needs them.
  if (['reads', 'fanout', 'agents', 'realtime', 'posting', 'routes'].some(part)) {
    const server = await startServer({ vars: { LOG_LEVEL: 'warn' }, testScheduled: true, prepare: (state) => loadData(state, now) });
    console.log(`Data set: ${ACCOUNTS.toLocaleString()} accounts, 300,000 statuses, power-law follows — loaded and served in ${seconds(Date.now() - started)}`);
    try {
      const readers = [];
      // Every 25th bench account is an agent, and agents do not log in.
      const person = () => {
        const n = CELEBRITIES + 1 + Math.floor(Math.random() * (ACCOUNTS - CELEBRITIES));
        return n % 25 === 0 ? n + 1 : n;
      };
      for (let i = 0; i < USERS; i++) readers.push(await login(server.url, person()));
      const auth = () => ({ authorization: `Bearer ${pick(readers)}` });
      const someAccount = () => benchAccountId(now, 1 + Math.floor(Math.random() * ACCOUNTS));
      const scenarios = [
        ['hello world (no I/O)', () => ({ path: '/api/v1/streaming/health' })],
        ['one-row D1 read (account by id)', () => ({ path: `/api/v1/accounts/${someAccount()}` })],
        // The same read signed in: what confirming a session costs a route that reads it first.
        ['one-row read, signed in', () => ({ path: `/api/v1/accounts/${someAccount()}`, headers: auth() })],
        ['home timeline, limit=20', () => ({ path: '/api/v1/timelines/home?limit=20', headers: auth() })],
        ['public timeline, limit=20', () => ({ path: '/api/v1/timelines/public?local=true&limit=20' })],
        ['hashtag timeline, limit=20', () => ({ path: `/api/v1/timelines/tag/${pick(TAGS)}?limit=20` })],
        ['search statuses, limit=20', () => ({ path: `/api/v2/search?type=statuses&limit=20&q=${pick(WORDS)}`, headers: auth() })],
      ];
      if (part('reads')) await reads(server, scenarios);
      if (part('fanout')) await fanOut(server.url, now);
      if (part('agents')) await agentBench(server.url, readers);
      if (part('realtime')) await realtime(server.url, (count) => people(server.url, now, count));
      if (part('posting')) await agentsPosting(server);
      if (part('routes')) await routesBench(server.url, await people(server.url, now, 10));
    } finally {
      await server.stop();
    }
  }
  // The engine alone, in Node, once the server no longer competes for the CPU.
  if (part('engine')) await run(process.execPath, [join(root, 'scripts/bench/ai-reply.mjs')], { cwd: root }).then(({ stdout }) => process.stdout.write(stdout));
  // Money brings its own servers and databases (embedded and real PostgreSQL).
  if (part('money')) await moneyBench();
  console.log(`Benchmark finished in ${seconds(Date.now() - started)}`);
}

async function reads(server, scenarios) {
  // Warm up: the first reads of a fresh 400 MB database come from disk, not from the page cache.
  for (const [, next] of scenarios) await measure(server.url, 10, next, 3);
  const rows = [];
  for (const connections of [10, 50]) {
    for (const [name, next] of scenarios) {
      const r = await measure(server.url, connections, next, undefined, server.cpuMs);
      rows.push({ name, connections, ...r });
      console.log(`${name.padEnd(34)} c=${String(connections).padStart(2)}  ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  server CPU ${r.cpuPerRequest.toFixed(1)} ms/req${r.bad ? `  (${r.bad} failed)` : ''}`);
    }
  }
  const at = (name, c) => rows.find((r) => r.name.startsWith(name) && r.connections === c);
  for (const c of [10, 50]) {
    const home = at('home', c);
    const one = at('one-row D1', c);
    const signedIn = at('one-row read, signed in', c);
    console.log(
      `home vs one-row read at c=${c}: ${((home.rps / one.rps) * 100).toFixed(0)} % of its req/s (target ≥ 80 %), p95 ${(home.p95 / one.p95).toFixed(2)}× (target ≤ 2× at c=10); server CPU per request ${(home.cpuPerRequest / one.cpuPerRequest).toFixed(2)}×; ` +
        `the one-row read signed in runs at ${((signedIn.rps / one.rps) * 100).toFixed(0)} %`,
    );
  }
}

/**
 * A post by each of three celebrities (5,000+ followers, fanned out on write), timed from the
 * POST's answer until a follower's home has it: the follower is the account's newest (person) follower, and
 * the write is one INSERT … SELECT, so when one follower has it every follower does.
 */
async function fanOut(url, now) {
  // Celebrities 8, 5 and 2 have about 5,500, 7,000 and 8,500 followers (see bench/data.mjs).
  for (const n of [8, 5, 2]) {
    const account = await api(url, `/api/v1/accounts/${benchAccountId(now, n)}`);
    const token = await login(url, n);
    const newest = (await api(url, `/api/v1/accounts/${account.id}/followers?limit=40`)).find((f) => !f.bot);
    const followerToken = await login(url, Number(newest.username.slice('bench'.length)));
    const posted = await api(url, '/api/v1/statuses', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ status: `fan-out check ${Date.now()}` }) });
    const t0 = Date.now();
    for (;;) {
      const home = await api(url, '/api/v1/timelines/home?limit=5', { headers: { authorization: `Bearer ${followerToken}` } });
      if (home.some((s) => s.id === posted.id)) break;
      if (Date.now() - t0 > 30_000) throw new Error('fan-out did not arrive within 30 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    console.log(`fan-out: post by @${account.username} (${account.followers_count.toLocaleString()} followers) in the last follower's home after ${Date.now() - t0} ms (target ≤ 2000 ms)`);
  }
}

await main();
