import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type APIRequestContext, type Browser, type BrowserContext, chromium, type FileChooser, type Locator, type Page, type Request } from 'playwright-core';
import { expect, inject, onTestFailed } from 'vitest';
import { bootstrap, type System } from '../src/bootstrap.ts';
import { notificationHandlers } from '../src/modules/notifications/handlers.ts';
import { drainOutbox } from '../src/platform/outbox.ts';
import { copyTemplate, testConfig } from '../test/template.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** The demo accounts' password (seeded with MOTCUA_DEMO=1, README § Tài khoản thử). */
export const DEMO_PASSWORD = 'MotCua@2026';
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };

/** The smallest valid one-page PDF; `n` makes a copy whose content (and hash) differs. */
export function tinyPdf(n?: number): Buffer {
  const pdf =
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  return Buffer.from(n === undefined ? pdf : `${pdf}%${n}\n`);
}

/**
 * Uploads a small PDF for each required component of `procedureCode` as the signed-in `request`
 * and returns the dossier's `documents`; `pdf(i)` makes the i-th file (distinct contents).
 */
export async function requiredDocuments(
  portal: Pick<Portal, 'baseUrl'>,
  request: APIRequestContext,
  procedureCode: string,
  pdf: (i: number) => Buffer,
): Promise<{ componentCode: string; fileId: string }[]> {
  const procedure = await (await request.get(`${portal.baseUrl}/api/v1/procedures/${procedureCode}`)).json();
  const documents = [];
  for (const [i, c] of (procedure.components as { code: string; required: boolean }[]).filter((x) => x.required).entries()) {
    const up = await request.post(`${portal.baseUrl}/api/v1/files`, { multipart: { file: { name: `giay-to-${i}.pdf`, mimeType: 'application/pdf', buffer: pdf(i) } } });
    expect(up.status(), await up.text()).toBe(201);
    documents.push({ componentCode: c.code, fileId: (await up.json()).fileId as string });
  }
  return documents;
}

/** Signs `request` in as `username` (the session cookie stays in its context). */
export async function logIn(portal: Portal, request: APIRequestContext, username: string, password = DEMO_PASSWORD): Promise<void> {
  const res = await request.post(`${portal.baseUrl}/api/v1/auth/login`, { data: { username, password } });
  expect(res.status(), `sign-in of ${username}`).toBe(200);
}

/** A Vietnamese browser context signed in as `username`, and a page in it. */
export async function signedIn(
  portal: Portal,
  username: string,
  { viewport = DESKTOP, password = DEMO_PASSWORD }: { viewport?: { width: number; height: number }; password?: string } = {},
): Promise<{ context: BrowserContext; page: Page; request: APIRequestContext }> {
  const context = await portal.browser.newContext({ viewport, locale: 'vi-VN' });
  await logIn(portal, context.request, username, password);
  return { context, page: await context.newPage(), request: context.request };
}
export const SCREENSHOTS = path.resolve('artifacts/screenshots');
/** What each failed journey's page showed (watchPage), printed again at the end of the run. */
export const FAILURES = path.resolve('artifacts/e2e-failures.log');

export interface Portal {
  /** The in-process server, or null when E2E_BASE_URL points at a running one. */
  system: System | null;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * One Chromium per test worker, shared by the journey files it runs one after another (the
 * workers load modules once: vitest.e2e.config.ts, `isolate: false`): launching and closing a
 * browser per file cost 1.5–3 s of the two cores each time. A file's pages live in contexts of
 * their own, closed when its portal closes; a browser that died is launched again.
 */
let workerBrowser: Promise<Browser> | null = null;
async function sharedBrowser(): Promise<Browser> {
  const browser = await workerBrowser;
  if (browser?.isConnected()) return browser;
  workerBrowser = launchChromium();
  return workerBrowser;
}

/**
 * A whole Một Cửa listening on a random port (fresh copy of the seeded template database,
 * built web app served from dist/web) and a headless Chromium to drive it.
 */
export async function startPortal(): Promise<Portal> {
  const browser = await sharedBrowser();
  const closeContexts = () => Promise.all(browser.contexts().map((c) => c.close())).then(() => {});
  const external = process.env.E2E_BASE_URL;
  if (external) {
    // Drive an installation that is already running (e.g. a demo server) instead of starting one.
    return { system: null, baseUrl: external.replace(/\/$/, ''), browser, close: closeContexts };
  }
  const copy = await copyTemplate(inject('dbTemplate'));
  // A port known before boot, so the public URL (QR codes, the e-ID issuer and redirect URI) is right.
  const port = await freePort();
  const webDist = process.env.MOTCUA_WEB_DIST; // a build of one's own, while others rebuild dist/web
  const config = testConfig({
    ...(copy.url ? { DATABASE_URL: copy.url } : {}),
    ...(webDist ? { MOTCUA_WEB_DIST: webDist } : {}),
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  const system = await bootstrap(config, { db: copy.db, skipSeed: true, serveWeb: true, rateLimitPerMinute: 10_000 });
  const address = await system.app.listen({ port, host: '127.0.0.1' });
  return {
    system,
    baseUrl: address,
    browser,
    async close() {
      await closeContexts();
      await system.close();
      await copy.drop();
    },
  };
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `backForwardCache`: keep Chromium's back-forward cache on (Playwright turns it off by default). */
/**
 * Holds back the app's entry script (its first chunk, `/assets/index-….js`) until the returned
 * `release` is called: what the page shows and does until then is the prerendered HTML's alone.
 * Call before `page.goto`.
 */
export async function holdApp(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

export function launchChromium({ backForwardCache = false }: { backForwardCache?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    ...(backForwardCache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * The file input of a file control (src/web/ui/file-picker.tsx), found by its button, whose
 * accessible name must start with the Vietnamese "Chọn tệp…" (or "Chọn tệp khác…") and go on with
 * `name` (the component or the field). The input itself is not displayed (the browser's own
 * words never show); Playwright sets its files as the system's dialog would.
 */
export function fileControl(scope: Page | Locator, name: string): Locator {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // `has` is looked for inside each control: a locator from the page, not from `scope`.
  const page = 'page' in scope ? scope.page() : scope;
  const button = page.getByRole('button', { name: new RegExp(`^Chọn tệp(?: khác)?… .*${escaped}`) });
  return scope.locator('.file-picker').filter({ has: button }).locator('input[type=file]');
}

/**
 * Opens the system's file dialog with `open` (Space on a focused file input, a click on its
 * label) and answers it with `file`. Playwright turns on Chromium's file-dialog interception
 * only when the first `filechooser` listener is added, and its client does not wait for that:
 * an `open` sent at once can reach Chromium first and open an uncaught headless dialog (7 of 40
 * tries on a bare page; stop 22's CI timed out on it). So the listener is added first, and
 * `open` is repeated (at most three times, each after `ready` still holds) until a dialog is
 * caught: what is tested, that the control opens the dialog, must still happen.
 */
export async function chooseFile(
  page: Page,
  open: () => Promise<unknown>,
  file: { name: string; mimeType: string; buffer: Buffer },
  ready: () => Promise<unknown> = async () => undefined,
): Promise<void> {
  const caught: FileChooser[] = [];
  const onChooser = (chooser: FileChooser) => caught.push(chooser);
  page.on('filechooser', onChooser);
  try {
    for (let attempt = 0; attempt < 3 && caught.length === 0; attempt++) {
      await ready();
      await open();
      for (let waited = 0; waited < 50 && caught.length === 0; waited++) await page.waitForTimeout(100);
    }
    if (!caught[0]) throw new Error('the control opened no file dialog (3 tries)');
    await caught[0].setFiles(file);
  } finally {
    page.off('filechooser', onChooser);
  }
}

/** Axe with the WCAG 2.1 A and AA rules; returns the violations in a readable form (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  // A page without frames is checked by axe.run in the page itself ("legacy mode"): the same
  // rules and result, without the blank page the default mode opens to gather the frames' results
  // (1.5 → 0.9 s per check here, a third of the journeys' time). A page with a frame keeps the
  // default mode: legacy mode does not look inside frames.
  const frameless = page.frames().length === 1;
  // What is still fading in (a dialog's opening transition) would be measured half transparent: a
  // CI run found white on blue at 4.23:1 in a dialog just opened. Wait (at most 2 s) until every
  // finite animation and transition has finished; a spinner's endless one does not count.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY), undefined, {
      timeout: 2000,
    })
    .catch(() => {});
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode(frameless)
    .analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`,
  );
}

/** Whether the page asks before it is left (a `beforeunload` listener cancels the event): a form not yet saved. */
export function leaveIsGuarded(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });
}

/**
 * A full-page picture in artifacts/screenshots, to look at after a local run. In CI (`CI=true`),
 * where nobody opens them, none is taken unless `E2E_SCREENSHOTS=1` or the journey reads the
 * picture (`always`): the 228 PNGs cost ~0.3 s of the two cores each.
 */
export async function screenshot(page: Page, name: string, { always = false } = {}): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  if (process.env.CI && !process.env.E2E_SCREENSHOTS && !always) return file;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Collects console errors and failed same-origin requests so a test can assert there were none. */
export function watchPage(page: Page): { errors: string[] } {
  const errors: string[] = [];
  // The page's requests: those still waiting for an answer, and the last ones answered.
  const started = new Map<Request, number>();
  const answered: string[] = [];
  const took = (request: Request, outcome: string) => {
    answered.push(`${request.method()} ${request.url()} → ${outcome} in ${Date.now() - (started.get(request) ?? Date.now())} ms`);
    if (answered.length > 15) answered.shift();
    started.delete(request);
  };
  page.on('request', (request) => started.set(request, Date.now()));
  page.on('requestfinished', (request) => void request.response().then((r) => took(request, String(r?.status() ?? '?')), () => took(request, '?')));
  page.on('requestfailed', (request) => took(request, `failed (${request.failure()?.errorText ?? '?'})`));
  // A journey that fails in CI leaves only its log: what the page showed then goes into it.
  onTestFailed(async () => {
    if (page.isClosed()) return;
    const shown = await page.locator('body').ariaSnapshot({ timeout: 5000 }).catch((error: Error) => `(no snapshot: ${error.message})`);
    // A dialog is rendered at the end of the body, past what the page's snapshot keeps: said apart,
    // with where the keyboard is (a log once read "no dialog open" from a snapshot cut before it).
    const dialogs = await page
      .locator('[role="dialog"]')
      .evaluateAll((all) => all.map((d) => `${d.getAttribute('aria-label') ?? document.getElementById(d.getAttribute('aria-labelledby') ?? '')?.textContent ?? '?'}: ${(d.textContent ?? '').slice(0, 600)}`))
      .catch((error: Error) => [`(not read: ${error.message})`]);
    const focus = await page
      .evaluate(() => {
        const a = document.activeElement;
        return a ? `${a.tagName.toLowerCase()} ${a.getAttribute('aria-label') ?? a.textContent?.slice(0, 80) ?? ''}` : '(none)';
      })
      .catch((error: Error) => `(not read: ${error.message})`);
    const waiting = [...started].map(([request, at]) => `${request.method()} ${request.url()} (${Date.now() - at} ms)`);
    // The facts last: a CI log is read from its tail.
    const report = [
      `What the page showed at the failure of "${expect.getState().currentTestName}":`,
      shown.length > 4000 ? `${shown.slice(0, 4000)}\n(… ${shown.length - 4000} more characters not shown)` : shown,
      `Dialogs open: ${dialogs.length === 0 ? 'none' : `\n  ${dialogs.join('\n  ')}`}`,
      `Focus on: ${focus}`,
      `Last requests answered:\n  ${answered.join('\n  ')}`,
      `Requests without an answer: ${JSON.stringify(waiting)}`,
      `Errors seen: ${JSON.stringify(errors)}`,
      `Page at failure: ${page.url()}`,
      '',
    ].join('\n');
    console.log(report);
    // Also kept for the end of the run (scripts/test-e2e.mjs prints it last, where a CI log's tail shows it).
    fs.mkdirSync(path.dirname(FAILURES), { recursive: true });
    fs.appendFileSync(FAILURES, `${report}\n`);
  });
  page.on('crash', () => errors.push('crash: the page’s renderer process crashed'));
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // An expected 401 (/api/v1/me when signed out) or 404 is logged by Chromium as a failed resource.
    const expected = /Failed to load resource: the server responded with a status of 40[14]/.test(message.text());
    if (message.type() === 'error' && !expected) errors.push(`console: ${message.text()}`);
  });
  return { errors };
}

/**
 * Thông báo: delivers the outbox's notices (the test server runs no job runner), then opens
 * `/thong-bao` until it lists `count` notices (those with `hasText`, when given).
 */
export async function openInbox(portal: Portal, page: Page, count: number, hasText?: string): Promise<void> {
  if (portal.system) await drainOutbox(portal.system.ctx, notificationHandlers(portal.system.ctx));
  await expect
    .poll(
      async () => {
        await page.goto(`${portal.baseUrl}/thong-bao`);
        await page.getByRole('heading', { level: 1, name: 'Thông báo của tôi' }).waitFor();
        return page.getByTestId('notice').filter(hasText ? { hasText } : {}).count();
      },
      { timeout: 60_000, interval: 2000 },
    )
    .toBe(count);
}
