import i18next from 'i18next';

/** A failed API call: the HTTP status and the stable error code of the body `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** What to tell the user of a failure: the server's message for an API error, else the error as text. */
export const errorText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `idempotency-key`. */
  headers?: Record<string, string>;
}

/** Answers index.html asked for before the app started (its inline script), by URL. */
interface EarlyAnswers {
  at: number;
  lang: string;
  answers: Record<string, Promise<Response | undefined> | undefined>;
}
const EARLY_FOR_MS = 10_000;

/**
 * The answer index.html's inline script fetched for `path`, taken once: the first request of
 * a page does not wait for the app to start. Too old, in another language, or failed: none.
 */
async function takeEarlyAnswer(path: string, lang: string): Promise<Response | undefined> {
  const early = (window as { __motcuaEarly?: EarlyAnswers }).__motcuaEarly;
  const answer = early?.answers[path];
  if (!early || !answer) return undefined;
  delete early.answers[path];
  if (Date.now() - early.at > EARLY_FOR_MS || (lang && lang !== early.lang)) return undefined;
  return answer;
}

/** JSON over fetch with the session cookie; the page language goes along as Accept-Language. */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const lang = document.documentElement.lang;
  if (lang) headers['accept-language'] = lang;
  const form = options.body instanceof FormData; // uploads: the browser sets the multipart boundary
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  // Offline: say so at once rather than wait for the browser to give up.
  // The message is what the page shows (errorText, a page's `error.message`): the reader's words and what to do, not "Failed to fetch".
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new ApiError(0, 'OFFLINE', i18next.t('app.requestOffline'));
  let response: Response;
  try {
    const early = !options.method || options.method === 'GET' ? await takeEarlyAnswer(path, lang) : undefined;
    response = early ?? (await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : form ? (options.body as FormData) : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    }));
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR', i18next.t('app.requestFailed'));
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText, error?.details);
  }
  return data as T;
}

/** Builds `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
