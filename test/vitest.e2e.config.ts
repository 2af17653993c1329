import { defineConfig } from 'vitest/config';

/** End-to-end tests: run in Node against the real server — the run's shared one, or a file's own (test/e2e/server.ts). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    // One server for the files that need nothing of their own (sharedServer()).
    globalSetup: ['test/e2e/shared-server.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One file at a time: most start a Chromium, some their own wrangler dev (about 5.5 s); two
    // at a time on 2 cores slowed the browser files up to 4.6× and timed two of them out.
    fileParallelism: false,
  },
});
