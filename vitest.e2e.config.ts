import { defineConfig } from 'vitest/config';

/** Browser journeys: a real server on a random port, driven by headless Chromium (scripts/test-e2e.mjs). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Modules loaded once per worker, not once per file (as in vitest.config.ts): each file still
    // starts its own server on its own database copy. 473 → 368 s for the 36 files here.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: true,
  },
});
