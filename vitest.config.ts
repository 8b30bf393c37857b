import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['src/web/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Each worker loads the server's modules once, not once per test file: importing them was most
    // of the suite's time (10 files: import 164 s → 34 s). Files still get their own database and
    // system; what a module keeps at load must not depend on which file loaded it first.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
  },
});
