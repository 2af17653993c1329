import { defineConfig } from 'vitest/config';

/** End-to-end tests: run in Node against the real server started by each file (test/e2e/server.ts). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each file starts its own wrangler dev; two at a time is what 2 cores carry.
    fileParallelism: false,
  },
});
