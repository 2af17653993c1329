import { defineConfig } from 'vitest/config';

/** End-to-end tests: run in Node against the real server started by each file (test/e2e/server.ts). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One file at a time: each starts its own wrangler dev (about 5.5 s) and most a Chromium; two
    // at a time on 2 cores slowed the browser files up to 4.6× and timed two of them out.
    fileParallelism: false,
  },
});
