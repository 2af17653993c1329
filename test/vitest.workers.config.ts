import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { type TestProjectInlineConfiguration, defineConfig } from 'vitest/config';
import { freePort, RAISED_RATE_LIMITS } from '../scripts/lib/dev-server.mjs';

/**
 * Tests that run inside workerd with real D1, R2, Durable Objects and Queues (miniflare),
 * against the same `createApp()` the Worker serves. Migrations are applied in the setup file.
 */
/** AI_BASE_URL and friends from the shell turn on the live OpenAI-compatible tests (test/workers/ai-remote.test.ts). */
function liveAiSettings(): Record<string, string> {
  const names = ['AI_BASE_URL', 'AI_API_KEY', 'AI_CHAT_MODEL', 'AI_EMBED_MODEL', 'AI_EMBED_DIMENSIONS'];
  return Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]!]] : [])));
}

/**
 * The ledger's addresses, chosen now so the Worker's bindings can name them; the global setup
 * (test/ledger-global-setup.ts) starts the database and proxy there. LEDGER_TEST_DATABASE_URL
 * runs everything against a real PostgreSQL instead of the embedded one.
 */
async function ledgerSettings() {
  // Vitest evaluates this config once more for each project: every evaluation names the same addresses.
  if (!process.env.SMILE_TEST_LEDGER) {
    const proxyPort = await freePort();
    const databasePort = await freePort();
    const settings = {
      LEDGER_DATABASE_URL: process.env.LEDGER_TEST_DATABASE_URL || `postgres://postgres:postgres@127.0.0.1:${databasePort}/postgres`,
      LEDGER_WS_PROXY: `127.0.0.1:${proxyPort}`,
    };
    process.env.SMILE_TEST_LEDGER = JSON.stringify({ ...settings, proxyPort, databasePort });
  }
  const { LEDGER_DATABASE_URL, LEDGER_WS_PROXY } = JSON.parse(process.env.SMILE_TEST_LEDGER) as Record<string, string>;
  return { LEDGER_DATABASE_URL: LEDGER_DATABASE_URL!, LEDGER_WS_PROXY: LEDGER_WS_PROXY! };
}

const PREBUNDLED = [
  'obscenity',
  'stripe',
  'zod',
  'drizzle-orm',
  'drizzle-orm/d1',
  'drizzle-orm/sqlite-core',
  'drizzle-orm/pg-core',
  'drizzle-orm/neon-serverless',
  '@neondatabase/serverless',
  'hono',
  'hono/body-limit',
  'hono/cookie',
  'hono/cors',
  'hono/request-id',
  'hono/route',
  'hono/secure-headers',
  'hono/streaming',
  'jose',
  'arctic',
  'fflate',
  'otpauth',
  'unpdf',
  'uqr',
];

/**
 * The test files that run ledger-wide jobs — the renewal jobs, or reconciliation with its clock
 * ahead or over orders made stale — after all the others, one at a time: a job sweeps every due row in the shared
 * PostgreSQL, and another file's pending payout, finished by a workerd whose test provider does
 * not know its connected account, would be refused under it — or another file's pending order
 * charged with this workerd's provider before that file's own assertions.
 */
const SWEEPING_JOB_FILES = [
  'test/workers/payouts.test.ts',
  'test/workers/subscriptions.test.ts',
  'test/workers/metered-subscriptions.test.ts',
  'test/workers/tiers.test.ts',
  'test/workers/tier-changes.test.ts',
  'test/workers/payment-authentication.test.ts',
  'test/workers/payment-webhooks.test.ts',
];
const projects: TestProjectInlineConfiguration[] = [
  { extends: true, test: { name: 'workers', include: ['test/workers/**/*.test.ts'], exclude: SWEEPING_JOB_FILES } },
  { extends: true, test: { name: 'sweeping jobs', include: SWEEPING_JOB_FILES, sequence: { groupOrder: 1 }, fileParallelism: false } },
];

export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations/d1');
  const ledger = await ledgerSettings();
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        // The API Worker with the chat Worker's Durable Objects beside it (test/workers/worker.ts).
        main: './test/workers/worker.ts',
        // Workers AI needs Cloudflare's network; the tests never reach it.
        remoteBindings: false,
        miniflare: {
          // The fraud rules' card velocity counts Stripe's one test card across every test's buyers;
          // the API's rate limits count every test's requests from one address
          // (test/workers/rate-limits.test.ts sets low ones of its own).
          durableObjects: { CHAT_ROOM: { className: 'ChatRoom', useSQLite: true }, AGENT_SESSION: { className: 'AgentSession', useSQLite: true } },
          bindings: { TEST_MIGRATIONS: migrations, ENVIRONMENT: 'test', LOG_LEVEL: 'error', FRAUD_CARD_PURCHASES_PER_HOUR: '1000000', ...RAISED_RATE_LIMITS, ...ledger, ...liveAiSettings() },
        },
      }),
    ],
    test: {
      setupFiles: ['test/workers/setup.ts'],
      // The ledger's Postgres and WebSocket proxy, handed to the tests with inject('ledger');
      // the stand-in for Stripe's API, with inject('stripe').
      globalSetup: ['test/ledger-global-setup.ts', 'test/stripe-stand-in.ts'],
      // Tests sign up several accounts (PBKDF2 at 100,000 iterations each); on a busy 2-core machine
      // vitest's 5 s default is too tight.
      testTimeout: 30_000,
      // The same for the hooks: the authorization matrix's beforeAll signs up a whole world of accounts.
      hookTimeout: 60_000,
      // One workerd per Vitest worker, running file after file, instead of one per file: a start
      // is ~5 s (the Worker loaded module by module), which was 400 of the suite's 520 s.
      // test/workers/setup.ts empties D1 before each file, so a file still starts on its own data;
      // scripts/patch-vitest-pool.mjs (npm's postinstall) fixes the pool's two bugs that made each file slower than the one before.
      isolate: false,
      maxWorkers: 2,
      // Pre-bundled by vite: obscenity ships CommonJS behind an ESM wrapper that workerd's module
      // loader cannot link (as wrangler's esbuild bundles it for the Worker itself, it loads); the
      // rest because a workerd loads them module by module — stripe's hundreds of files alone —
      // where a bundle is one module each (a start: ~40 % faster).
      deps: { optimizer: { ssr: { enabled: true, include: PREBUNDLED } } },
      // Every file shares the ledger's one PostgreSQL, and a ledger-wide job sweeps every due row
      // in it: the files that run such jobs (SWEEPING_JOB_FILES) run after all the others, one at a
      // time, so they sweep up no other file's subscriptions, payouts or orders.
      projects,
    },
  };
});
