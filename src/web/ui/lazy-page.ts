import { type ComponentType, createElement, lazy as reactLazy } from 'react';

type PageModule = { default: ComponentType };

/** Pages whose chunk failed twice: "Tải lại" (retryFailedPages) gives each a fresh attempt. */
const failedPages = new Set<() => void>();

/**
 * The URL of a chunk from the browser's "Failed to fetch dynamically imported module: <url>".
 * Chromium remembers a failed module for the page's life, so the retry asks for the same file
 * under another URL (`?retry=N`); a page chunk's own imports keep their URLs (one shared copy).
 */
function failedChunkUrl(error: unknown): string | null {
  const match = /(https?:\/\/\S+\.js)/.exec(String((error as Error)?.message ?? ''));
  return match ? match[1] : null;
}

let attempt = 0;
async function loadAgain(load: () => Promise<PageModule>, error: unknown): Promise<PageModule> {
  const url = failedChunkUrl(error);
  if (!url) return load();
  return import(/* @vite-ignore */ `${url}?retry=${++attempt}`) as Promise<PageModule>;
}

/**
 * React.lazy for a route's page that survives a lost chunk: a failed download is retried once
 * at once; when that fails too the error reaches the page's error boundary (PageErrorBoundary),
 * whose "Tải lại" button calls `retryFailedPages()` for a new attempt without leaving the page.
 * Same call shape as React.lazy (vite.config.ts reads `lazy(() => import('../pages/…'))`).
 */
export function lazy(load: () => Promise<PageModule>): ComponentType {
  const make = () =>
    reactLazy(() =>
      load()
        .catch((error) => loadAgain(load, error))
        .catch((error) => {
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
  return function LazyPage() {
    return createElement(Current);
  };
}

/** New attempts for every page whose chunk could not be loaded. */
export function retryFailedPages(): void {
  for (const reset of [...failedPages]) reset();
}
