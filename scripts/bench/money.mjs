/**
 * `BENCH_PARTS=money`: purchases per second and their latency through the whole HTTP path
 * (checkout: D1 listing, fraud screening, the test provider's Durable Object, the ledger, the
 * entitlement) and through the ledger alone (the purchase transaction of escrow.ts in a worker
 * of its own, ledger/), beside the ceiling — a bare `SELECT 1` through the same driver path
 * (a fresh per-request pool of the Neon driver over the WebSocket proxy). On the embedded
 * PGlite and on a real PostgreSQL (a throwaway cluster of Debian's package). The ledger's
 * invariants are checked after each. Prints figures; asserts nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startServer, startWrangler } from '../lib/dev-server.mjs';
import { ledgerPool, startLedgerDb } from '../lib/ledger-db.mjs';
import { postgresBin, startRealPostgres } from '../lib/real-postgres.mjs';
import { hashPassword } from '../seed.mjs';
import { measure } from './measure.mjs';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const BUYERS = 40;
const PASSWORD = 'bench-password-1';
const DAY = 86_400_000;
const CONNECTIONS = 10;

const fmt = (r) => `${r.rps.toFixed(1)} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms (${r.total} requests${r.failures.length ? `; ${r.failures.join(', ')}` : ''})`;

/** Buyers old enough that the new-account limit does not apply, with verified e-mail. */
async function insertBuyers(state, now) {
  const hash = await hashPassword(PASSWORD);
  const rows = Array.from({ length: BUYERS + 1 }, (_, i) => {
    const name = i === 0 ? 'creator' : `buyer${i}`;
    return `('${(BigInt(now - 90 * DAY) << 16n) + BigInt(i + 1)}', '${name}', '${name}@bench.local', ${now - 90 * DAY}, '${hash}', 'person', 0, '${name}', '', ${now - 90 * DAY}, ${now - 90 * DAY})`;
  });
  const dir = mkdtempSync(join(tmpdir(), 'smile-bench-money-'));
  try {
    const file = join(dir, 'people.sql');
    writeFileSync(file, `INSERT INTO accounts (id, username, email, email_verified_at, password_hash, kind, bot, display_name, note, created_at, updated_at) VALUES\n${rows.join(',\n')};`);
    await run(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--local', '--persist-to', state, '--file', file], { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function api(url, path, token, body) {
  const res = await fetch(`${url}${path}`, { method: body ? 'POST' : 'GET', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

const login = async (url, name) => (await api(url, '/api/v1/auth/login', null, { login: name, password: PASSWORD })).access_token;

/** Checkouts of one listing by 40 buyers, each request with its own Idempotency-Key. */
async function httpPath(ledger) {
  const now = Date.now();
  // The velocity rules would stop 40 buyers buying hundreds of times a minute: that is what they are for.
  const server = await startServer({ vars: { LEDGER_DATABASE_URL: ledger.LEDGER_DATABASE_URL, LEDGER_WS_PROXY: ledger.LEDGER_WS_PROXY, FRAUD_BUYER_PURCHASES_PER_HOUR: '1000000', FRAUD_CARD_PURCHASES_PER_HOUR: '1000000', LOG_LEVEL: 'error' }, prepare: (state) => insertBuyers(state, now) });
  try {
    const creator = await login(server.url, 'creator');
    const agent = await api(server.url, '/api/v1/agents', creator, { username: 'benchagent', display_name: 'Bench agent', template: 'expert' });
    const listing = await api(server.url, '/api/v1/market/listings', creator, { agent_id: agent.id, category: 'business', description: 'Buys itself', pricing_model: 'purchase', price: 1999, currency: 'EUR' });
    await api(server.url, `/api/v1/market/listings/${listing.id}/publish`, creator, {});
    const tokens = await Promise.all(Array.from({ length: BUYERS }, (_, i) => login(server.url, `buyer${i + 1}`)));
    let n = 0;
    const body = JSON.stringify({ payment_method: 'pm_card_visa' });
    const next = () => ({ method: 'POST', path: `/api/v1/market/listings/${listing.id}/checkout`, headers: { authorization: `Bearer ${tokens[n++ % BUYERS]}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }, body });
    await measure(server.url, CONNECTIONS, next, 3);
    return await measure(server.url, CONNECTIONS, next);
  } finally {
    await server.stop();
  }
}

/** The ledger alone and the ceiling, each through its own route of the bench worker. */
async function ledgerAlone(ledger) {
  const state = mkdtempSync(join(tmpdir(), 'smile-bench-ledger-'));
  const worker = await startWrangler({ state, readyPath: '/health', args: ['--config', 'scripts/bench/ledger/wrangler.toml', '--var', `LEDGER_DATABASE_URL:${ledger.LEDGER_DATABASE_URL}`, '--var', `LEDGER_WS_PROXY:${ledger.LEDGER_WS_PROXY}`] });
  try {
    const select1 = () => ({ method: 'POST', path: '/select1' });
    const purchase = () => ({ method: 'POST', path: '/purchase' });
    await measure(worker.url, CONNECTIONS, select1, 3);
    await measure(worker.url, CONNECTIONS, purchase, 3);
    // Alternated twice, so neither gets the machine's better half.
    const [c1, p1, c2, p2] = [await measure(worker.url, CONNECTIONS, select1), await measure(worker.url, CONNECTIONS, purchase), await measure(worker.url, CONNECTIONS, select1), await measure(worker.url, CONNECTIONS, purchase)];
    const best = (a, b) => (a.rps >= b.rps ? a : b);
    return { ceiling: best(c1, c2), purchase: best(p1, p2) };
  } finally {
    await worker.stop();
  }
}

/** After everything: every entry sums to zero, every transaction balances, every paid order has exactly one purchase. */
async function invariants(ledger) {
  const pool = ledgerPool(ledger.LEDGER_DATABASE_URL, ledger.LEDGER_WS_PROXY);
  try {
    const one = async (text) => (await pool.query(text)).rows[0];
    return {
      total: Number((await one('SELECT coalesce(sum(amount), 0)::text AS n FROM journal_entries')).n),
      unbalanced: Number((await one('SELECT count(*) AS n FROM (SELECT 1 FROM journal_entries GROUP BY transaction_id, currency HAVING sum(amount) <> 0) t')).n),
      paidWithoutPurchase: Number((await one(`SELECT count(*) AS n FROM payment_orders o WHERE o.state = 'succeeded' AND NOT EXISTS (SELECT 1 FROM journal_transactions t WHERE t.idempotency_key = 'order:' || o.id AND t.kind = 'purchase')`)).n),
      purchaseWithoutOrder: Number((await one(`SELECT count(*) AS n FROM journal_transactions t WHERE t.idempotency_key LIKE 'order:%' AND NOT EXISTS (SELECT 1 FROM payment_orders o WHERE 'order:' || o.id = t.idempotency_key AND o.state = 'succeeded')`)).n),
      orders: Number((await one(`SELECT count(*) AS n FROM payment_orders WHERE state = 'succeeded'`)).n),
    };
  } finally {
    await pool.end();
  }
}

export async function moneyBench() {
  const targets = [{ name: 'embedded PGlite', start: async () => ({ ledger: await startLedgerDb(), stop: async () => {} }) }];
  if (postgresBin()) {
    targets.push({
      name: 'PostgreSQL',
      start: async () => {
        const postgres = await startRealPostgres();
        return { ledger: await startLedgerDb({ databaseUrl: postgres.databaseUrl }), stop: async () => postgres.stop() };
      },
    });
  } else console.log('Money: PostgreSQL is not installed (apt-get install -y postgresql): only the embedded database is measured.');

  for (const target of targets) {
    const { ledger, stop } = await target.start();
    try {
      await ledger.ready();
      console.log(`\nMoney on ${target.name} (${CONNECTIONS} connections, a fresh driver pool per request):`);
      const alone = await ledgerAlone(ledger);
      console.log(`  ceiling, SELECT 1 through the same path:   ${fmt(alone.ceiling)}`);
      console.log(`  ledger purchase transaction alone:         ${fmt(alone.purchase)} — ${((100 * alone.purchase.rps) / alone.ceiling.rps).toFixed(0)} % of the ceiling`);
      const http = await httpPath(ledger);
      console.log(`  checkout through the whole HTTP path:      ${fmt(http)}`);
      const check = await invariants(ledger);
      console.log(`  invariants: entries sum to ${check.total}, ${check.unbalanced} unbalanced transactions, ${check.paidWithoutPurchase} paid orders without a purchase, ${check.purchaseWithoutOrder} purchases without a paid order (${check.orders} paid orders)`);
    } finally {
      await ledger.stop();
      await stop();
    }
  }
}
