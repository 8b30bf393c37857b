import { defineConfig } from 'vitest/config';

/**
 * Tests that need the machine's NATS JetStream (NATS_URL): run by .ci/run with `npm run test:nats`.
 * npm test covers the same flows over HTTP links (exchange.test.ts) and never skips these: it
 * does not include them.
 */
export default defineConfig({
  test: {
    include: ["src/**/*.nats.ts"],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
