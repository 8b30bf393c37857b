import asyncHooks from 'node:async_hooks';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

/** The build's renderer (src/web/app/prerender.tsx, built for Node to dist/web-prerender). */
type Prerender = (location: string, queries: [readonly unknown[], unknown][], language: Language) => Promise<string>;
/** The visitor's language (src/http/app.ts pageLanguage): the words of the page and its <html lang>. */
type Language = 'vi' | 'en';

/** One rendered page: the HTML and its compressed copies, made once and sent many times. */
export interface RenderedPage {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
  /** Rendered for the signed-in visitor (their name is in it): never stored by a cache. */
  personal: boolean;
}

/** The procedure sheet, by its code (1.004873, 2.000635…), the same for every visitor. */
const PROCEDURE_PAGE = /^\/thu-tuc\/([\w.-]{1,40})$/;
/** The online submission form of a procedure: its first screen, for the signed-in citizen. */
const SUBMIT_PAGE = /^\/nop-ho-so\/([\w.-]{1,40})$/;
/**
 * The login page with a query (`?next=` where to go after, `?eid_error=`/`?login_error=` a refused
 * sign-in): its form and its messages, before the app has run or without it (the build prerendered
 * `/dang-nhap` itself). The same for every visitor, rendered without data.
 */
const LOGIN_PAGE = /^\/dang-nhap\?.{0,600}$/;
/** A rendered sheet is reused for a minute (the appointment line of the sheet follows the clock). */
const FRESH_MS = 60_000;
const KEEP = 300;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * React's server renderer keeps its request in an AsyncLocalStorage, which it enables with its
 * first render: from then on every promise of every request in the process copies that store too
 * (Node 20's async hooks), and `GET /api/v1/ping` cost ~5 µs more — 69–71 % of a bare Fastify hello
 * without the renderer loaded, 59–62 % with it (bench/ping, 2026-12-07). The renderer's module is
 * therefore loaded first here, synchronously, with a store that lives only while its `run` runs:
 * React sets its request for the synchronous work of a render and reads the store only for
 * resource hints (preload, preinit) called outside that work, which these pages never make (a hint
 * without a request is dropped). The build's renderer then imports that same module from the cache.
 */
class SyncStore<T> {
  private store: T | undefined;
  run<R>(store: T, fn: (...args: unknown[]) => R, ...args: unknown[]): R {
    const previous = this.store;
    this.store = store;
    try {
      return fn(...args);
    } finally {
      this.store = previous;
    }
  }
  getStore(): T | undefined {
    return this.store;
  }
}

export function loadReactRendererWithoutAsyncStorage(rendererFile: string): void {
  const hooks = asyncHooks as { AsyncLocalStorage: unknown };
  const real = hooks.AsyncLocalStorage;
  hooks.AsyncLocalStorage = SyncStore;
  try {
    createRequire(rendererFile)('react-dom/static');
  } catch {
    // not installed beside the build: the renderer's own import reports it
  } finally {
    hooks.AsyncLocalStorage = real;
  }
}

/**
 * Pages the server renders for each request with their data, so that the text a visitor came for
 * paints with the HTML instead of after the scripts and the API (issue 12: the procedure sheet is
 * where citizens land from a search engine). The markup is the app's own (the build's renderer,
 * the same as the prerendered pages'), for a signed-out visitor in Vietnamese; the answers it was
 * rendered with travel in the page (`#motcua-data`, a data block, never run), and the browser
 * starts from them before hydrating (src/web/main.tsx), so both render the same markup. The data
 * comes from the public API through `inject` (the same answer a browser gets; http/ knows no
 * module). Without a build (API tests) or for an unknown code: null, and index.html is sent.
 *
 * The submission form (`/nop-ho-so/<code>`) too, for a signed-in visitor (the session cookie is
 * passed on to `/api/v1/me`): its first screen is the heading, the procedure's name and the step
 * (its largest text, Lighthouse's LCP element), with the header of the signed-in citizen; the form
 * itself is built in the browser (it holds the draft kept there). Rendered for each request and
 * never kept (it names the visitor); a visitor not signed in gets index.html, and the app sends
 * them to sign in.
 */
export function renderedPages(
  app: FastifyInstance,
  webDistDir: string,
): ((url: string, cookie?: string, language?: Language) => Promise<RenderedPage | null>) | null {
  const shellFile = path.join(webDistDir, 'prerendered', 'shell.html');
  // Beside the build (dist/web → dist/web-prerender); for a build written elsewhere
  // (MOTCUA_WEB_DIST), the one the same build left in this checkout, whose imports resolve here.
  const beside = path.join(path.dirname(webDistDir), 'web-prerender', 'prerender.mjs');
  const rendererFile = fs.existsSync(beside) ? beside : path.resolve(import.meta.dirname, '../../dist/web-prerender/prerender.mjs');
  if (!fs.existsSync(shellFile) || !fs.existsSync(rendererFile)) return null;
  // In each language its own shell (the build's prerendered/en/shell.html: <html lang="en"> and the
  // site's English name in <title>); a build without it gets the Vietnamese one.
  const shellEn = path.join(webDistDir, 'prerendered', 'en', 'shell.html');
  const shells: Record<Language, string> = { vi: fs.readFileSync(shellFile, 'utf8'), en: fs.readFileSync(fs.existsSync(shellEn) ? shellEn : shellFile, 'utf8') };
  // Loaded and run once at start, in the background: the first visitor of a sheet otherwise waits
  // for the renderer to load and for its first (slow, not yet compiled) render, seconds on a
  // loaded server (Lighthouse's first run of the sheet: speed index 7–13 s against ≈ 1 s).
  loadReactRendererWithoutAsyncStorage(rendererFile);
  let renderer: Promise<Prerender> | undefined = import(pathToFileURL(rendererFile).href).then((m: { prerenderPage: Prerender }) => m.prerenderPage);
  renderer.then((render) => render('/huong-dan', [], 'vi')).catch(() => {});
  const made = new Map<string, { at: number; page: Promise<RenderedPage | null> }>();

  async function answer(url: string, language: Language, cookie?: string): Promise<unknown> {
    const res = await app.inject({ method: 'GET', url, headers: { 'accept-language': language, ...(cookie ? { cookie } : {}) } });
    return res.statusCode === 200 ? res.json() : undefined;
  }

  /** The procedure sheet: the procedure and its appointment line. */
  async function renderProcedure(location: string, code: string, language: Language): Promise<RenderedPage | null> {
    const api = `/api/v1/procedures/${encodeURIComponent(code)}`;
    const [procedure, deadline] = await Promise.all([answer(api, language), answer(`${api}/deadline`, language)]);
    if (!procedure) return null;
    // The keys are the page's own (web/modules/catalog/catalog.api.ts useProcedure, useDeadlinePreview).
    const queries: [readonly unknown[], unknown][] = [[['procedure', code], procedure]];
    if (deadline) queries.push([['procedure-deadline', code], deadline]);
    const name = (procedure as { name?: unknown }).name;
    return render(location, queries, typeof name === 'string' ? name : undefined, false, language);
  }

  /** The submission form's first screen, for the signed-in visitor whose cookie came with the request. */
  async function renderSubmission(location: string, code: string, cookie: string | undefined, language: Language): Promise<RenderedPage | null> {
    if (!cookie) return null;
    const [me, procedure] = await Promise.all([answer('/api/v1/me', language, cookie), answer(`/api/v1/procedures/${encodeURIComponent(code)}`, language)]);
    // The app's own key and shape (web/modules/identity/identity.api.ts meQuery: the user, unwrapped).
    const user = me && typeof me === 'object' && 'user' in me ? (me as { user: unknown }).user : me;
    if (!user || !procedure) return null;
    return render(
      location,
      [
        [['me'], user],
        [['procedure', code], procedure],
      ],
      language === 'en' ? 'Submit a dossier online' : 'Nộp hồ sơ trực tuyến',
      true,
      language,
    );
  }

  async function render(
    location: string,
    queries: [readonly unknown[], unknown][],
    title: string | undefined,
    personal: boolean,
    language: Language,
  ): Promise<RenderedPage> {
    renderer ??= import(pathToFileURL(rendererFile).href).then((m: { prerenderPage: Prerender }) => m.prerenderPage);
    const markup = await (await renderer)(location, queries, language);
    const data = JSON.stringify(queries).replace(/</g, '\\u003c');
    const html = shells[language]
      .replace('<html lang="vi"', `<html lang="${language}"`)
      .replace(/<title>([^<]*)<\/title>/, (all, site: string) => (title ? `<title>${escapeHtml(title)} | ${site}</title>` : all))
      .replace(
        '<div id="root"></div>',
        () => `<div id="root" data-prerendered="${escapeHtml(location)}">${markup}</div><script type="application/json" id="motcua-data">${data}</script>`,
      );
    const identity = Buffer.from(html, 'utf8');
    return {
      identity,
      br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } }),
      gzip: gzipSync(identity, { level: 6 }),
      personal,
    };
  }

  return async (url, cookie, language = 'vi') => {
    const submission = SUBMIT_PAGE.exec(url);
    if (submission) return renderSubmission(url, submission[1], cookie, language).catch(() => null);
    if (LOGIN_PAGE.test(url)) return render(url, [], undefined, false, language).catch(() => null);
    const match = PROCEDURE_PAGE.exec(url);
    if (!match) return null;
    const now = Date.now();
    const key = `${language} ${url}`;
    let entry = made.get(key);
    if (!entry || now - entry.at > FRESH_MS) {
      entry = { at: now, page: renderProcedure(url, match[1], language).catch(() => null) };
      made.delete(key);
      made.set(key, entry);
      if (made.size > KEEP) made.delete(made.keys().next().value as string);
    }
    return entry.page;
  };
}
