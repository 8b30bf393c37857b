/**
 * The URL of a chunk from the browser's "Failed to fetch dynamically imported module: <url>".
 * Chromium remembers a failed module for the page's life, so a retry asks for the same file
 * under another URL (`?retry=N`); a chunk's own imports keep their URLs (one shared copy).
 */
function failedChunkUrl(error: unknown): string | null {
  const match = /(https?:\/\/\S+\.js)/.exec(String((error as Error)?.message ?? ''));
  return match ? match[1] : null;
}

let attempt = 0;

/** A second attempt at a dynamic import that failed with `error` (see failedChunkUrl). */
export async function importAgain<T>(load: () => Promise<T>, error: unknown): Promise<T> {
  const url = failedChunkUrl(error);
  if (!url) return load();
  return import(/* @vite-ignore */ `${url}?retry=${++attempt}`) as Promise<T>;
}
