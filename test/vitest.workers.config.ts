import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/**
 * Tests that run inside workerd with real D1, R2, Durable Objects and Queues (miniflare),
 * against the same `createApp()` the Worker serves. Migrations are applied in the setup file.
 */
/** AI_BASE_URL and friends from the shell turn on the live OpenAI-compatible tests (test/workers/ai-remote.test.ts). */
function liveAiSettings(): Record<string, string> {
  const names = ['AI_BASE_URL', 'AI_API_KEY', 'AI_CHAT_MODEL', 'AI_EMBED_MODEL', 'AI_EMBED_DIMENSIONS'];
  return Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]!]] : [])));
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations/d1');
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        // Workers AI needs Cloudflare's network; the tests never reach it.
        remoteBindings: false,
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, ENVIRONMENT: 'test', LOG_LEVEL: 'error', ...liveAiSettings() },
        },
      }),
    ],
    test: {
      include: ['test/workers/**/*.test.ts'],
      setupFiles: ['test/workers/setup.ts'],
      // The ledger's Postgres and WebSocket proxy, handed to the tests with inject('ledger');
      // the stand-in for Stripe's API, with inject('stripe').
      globalSetup: ['test/ledger-global-setup.ts', 'test/stripe-stand-in.ts'],
      // Tests sign up several accounts (PBKDF2 at 100,000 iterations each); on a busy 2-core machine
      // vitest's 5 s default is too tight.
      testTimeout: 30_000,
      // obscenity ships CommonJS behind an ESM wrapper that workerd's module loader cannot link;
      // pre-bundled by vite (as wrangler's esbuild bundles it for the Worker itself) it loads.
      deps: { optimizer: { ssr: { enabled: true, include: ['obscenity'] } } },
    },
  };
});
