import { defineConfig } from 'vitest/config';

/** Browser journeys: a real server on a random port, driven by headless Chromium (scripts/test-e2e.mjs). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Each journey file in a fresh module state. Loading modules once per worker (isolate: false)
    // took the 36 files from 473 to 368 s, but 2 of 5 such runs had a journey wait 30 s for a
    // control that passes alone (desk-day, phone-journey); runs without it did so too, more
    // rarely (CI of 2026-12-06 17:03): not kept until that is understood.
    maxWorkers: 2,
    // In CI a journey that fails is run once more: one in several hundred runs waited 30 s for a
    // control that is there when run alone (desk-day "Lọc", phone-journey tracking), cause not yet
    // found. Each failed try still writes what its page showed (harness.ts watchPage), and
    // scripts/test-e2e.mjs prints it at the end even when the second try passed. Local runs: no retry.
    retry: process.env.CI ? 1 : 0,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: true,
  },
});
