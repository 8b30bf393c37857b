import { type ComponentType, createElement, lazy as reactLazy } from 'react';
import { loadOfficeTexts } from '../i18n/index.ts';
import { importAgain } from './import-again.ts';

type PageModule = { default: ComponentType };

/** Pages whose chunk failed twice: "Tải lại" (retryFailedPages) gives each a fresh attempt. */
const failedPages = new Set<() => void>();

/**
 * React.lazy for a route's page that survives a lost chunk: a failed download is retried once
 * at once; when that fails too the error reaches the page's error boundary (PageErrorBoundary),
 * whose "Tải lại" button calls `retryFailedPages()` for a new attempt without leaving the page.
 * Same call shape as React.lazy (vite.config.ts reads `lazy(() => import('../pages/…'))`).
 * A staff page (`'office'`) also waits for the staff part of the dictionary (i18n/areas.ts),
 * fetched in parallel with its code.
 */
export function lazy(loadPage: () => Promise<PageModule>, texts?: 'office'): ComponentType & { preload(): Promise<void> } {
  /**
   * The page's component once its code (and, for a staff page, its texts) is here: rendered
   * directly, without suspending (hydration of a prerendered page in one pass).
   */
  let loaded: ComponentType | undefined;
  const page = () => loadPage().catch((error) => importAgain(loadPage, error));
  const loadAll = texts === 'office' ? () => Promise.all([page(), loadOfficeTexts()]).then(([module]) => module) : page;
  const load = () =>
    loadAll().then((module) => {
      loaded = module.default;
      return module;
    });
  const make = () =>
    reactLazy(() =>
      load().catch((error) => {
          failedPages.add(reset);
          throw error;
        }),
    );
  let Current = make();
  function reset() {
    failedPages.delete(reset);
    Current = make();
  }
  // Called once per page at module level (app.tsx), like React.lazy: the component is stable.
  // biome-ignore lint/correctness/noComponentHookFactories: a factory run once per route, not during render
  function LazyPage() {
    return createElement(loaded ?? Current);
  }
  /**
   * Fetches the page's code now; once it resolves the page renders without suspending, so a
   * prerendered page is hydrated in one pass with its shell (main.tsx).
   */
  LazyPage.preload = () => load().then(() => undefined);
  return LazyPage;
}

/** New attempts for every page whose chunk could not be loaded. */
export function retryFailedPages(): void {
  for (const reset of [...failedPages]) reset();
}
