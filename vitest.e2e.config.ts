import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Quarantined journeys, out of `npm test` until their flake is fixed: run them with
 * `npm run test:e2e:quarantine`. e2e/exchange.test.ts: the recipient's 'Tiếp nhận, vào sổ' click
 * sometimes never reaches the server (1 failure in 6 runs; docs/modules/exchange.md).
 */
const QUARANTINE = ['e2e/exchange.test.ts'];

/** Browser journeys: a real server on a random port, driven by headless Chromium (scripts/test-e2e.mjs). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    exclude: process.env.MOTCUA_E2E_QUARANTINE ? configDefaults.exclude : [...configDefaults.exclude, ...QUARANTINE],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: true,
  },
});
