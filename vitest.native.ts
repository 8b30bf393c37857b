import { register } from 'tsx/esm/api';

/**
 * Test files and the code they test are loaded by Node itself, TypeScript turned into JavaScript by
 * tsx (the loader `npm start` uses, which keeps what it turned on disk), not by Vite's module
 * runner: the runner fetched and evaluated each of the server's few hundred modules through the
 * main process, three times the cost (one file: import 27 s + transform 18 s → import 8 s on the
 * loaded 2-core machine). A journey file runs in a process of its own, so it paid that import
 * every time. Nothing here uses what needs the runner (vi.mock, import.meta.vitest).
 *
 * The global setup (test/global-setup.ts) is imported in this, the main process: tsx is registered
 * here for it; each worker process starts with `--import tsx`.
 */
register();

export const nativeNode: { execArgv: string[]; experimental: { viteModuleRunner: boolean; nodeLoader: boolean } } = {
  execArgv: ['--import', 'tsx'],
  experimental: { viteModuleRunner: false, nodeLoader: false },
};
