import type { APIRequestContext, Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, logIn, type Portal, requiredDocuments, signedIn, startPortal, tinyPdf, watchPage } from './harness.ts';

/**
 * The processing lock across Back/Forward. The page releases its lock on `pagehide`, which also
 * fires when the browser keeps the page in its back-forward cache; shown again from there, the
 * page did not claim it back (workspace.api.ts holdLockWhileShown). Playwright starts Chromium
 * with the cache off (--disable-back-forward-cache): this journey's browser keeps it on.
 */
let portal: Portal;
let withCache: Browser;
beforeAll(async () => {
  portal = await startPortal();
  withCache = await launchChromium({ backForwardCache: true });
});
afterAll(async () => {
  await withCache?.close();
  await portal?.close();
});

/** Chromium logs an expected 409 (the lock held by someone else) like a failed resource. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 409/.test(e));

/** A desk officer files a paper dossier at the counter and receives it: the leader may then assign it. */
async function receiveAtCounter(desk: APIRequestContext): Promise<string> {
  const documents = await requiredDocuments(portal, desk, '1.004873', (i) => tinyPdf(300 + i));
  const agencies = await (await desk.get(`${portal.baseUrl}/api/v1/agencies?adminUnitCode=00070&kind=people_committee`)).json();
  const applicant = { fullName: 'Trần Văn Bình', idNumber: '001090054321', phone: '0987654321', address: { communeCode: '00070', detail: 'Số 5 phố Hàng Bài' } };
  const filed = await desk.post(`${portal.baseUrl}/api/v1/dossiers`, {
    data: { procedureCode: '1.004873', receivingAgency: agencies.items[0].code, channel: 'direct', applicant, fields: {}, documents },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const id = (await filed.json()).id as string;
  const received = await desk.post(`${portal.baseUrl}/api/v1/dossiers/${id}/actions`, { data: { action: 'receive' } });
  expect(received.status(), await received.text()).toBe(200);
  return id;
}

describe('the processing lock when the officer comes back with the browser’s Back button', () => {
  it('is claimed again when the page comes back from the back-forward cache, and the page says who holds it if another officer took it meanwhile', { timeout: 120_000 }, async () => {
    const deskContext = await portal.browser.newContext();
    await logIn(portal, deskContext.request, 'motcua.hoankiem');
    const desk = deskContext.request;
    const id = await receiveAtCounter(desk);
    const lockUrl = `${portal.baseUrl}/api/v1/dossiers/${id}/lock`;

    const { context, page, request } = await signedIn({ ...portal, browser: withCache }, 'lanhdao.hoankiem');
    const watch = watchPage(page);
    const lockNow = async () => (await (await request.get(`${portal.baseUrl}/api/v1/dossiers/${id}`)).json()).lock;
    const claim = () => page.waitForResponse((r) => r.url() === lockUrl && r.request().method() === 'POST');
    // a page shown from the cache keeps what the script left on it; a page loaded again does not
    const fromCache = () => page.evaluate(() => (window as { leftHere?: boolean }).leftHere === true);
    const leave = async () => {
      await page.evaluate(() => {
        (window as { leftHere?: boolean }).leftHere = true;
      });
      await page.goto(`${portal.baseUrl}/can-bo`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expect.poll(lockNow).toBeNull(); // released on leaving (pagehide)
    };

    // The leader opens the dossier and starts an action: the lock is claimed
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${id}`);
    const opened = claim();
    await page.getByRole('region', { name: 'Thao tác' }).getByRole('button', { name: 'Phân công thụ lý' }).click();
    expect((await opened).status()).toBe(200);
    await page.keyboard.press('Escape');
    expect((await lockNow()).holder.name).toBe('Phạm Quốc Hùng');

    // … leaves the page, and comes back with Back: the page from the cache claims the lock again
    await leave();
    let again = claim();
    await page.goBack({ waitUntil: 'commit' }); // a page from the cache fires no "load"
    expect(await fromCache()).toBe(true);
    expect((await again).status()).toBe(200);
    expect(await lockNow()).toMatchObject({ holder: { name: 'Phạm Quốc Hùng' } });
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^Đang được xử lý bởi/ }).count()).toBe(0);

    // Leaves again; another officer claims the lock meanwhile; Back: the page says who holds it now
    await leave();
    expect((await desk.post(lockUrl, { data: {} })).status()).toBe(200);
    const deskName = (await lockNow()).holder.name as string;
    again = claim();
    await page.goBack({ waitUntil: 'commit' });
    expect(await fromCache()).toBe(true);
    expect((await again).status()).toBe(409);
    await page.getByRole('status').filter({ hasText: new RegExp(`^Đang được xử lý bởi ${deskName} từ \\d{2}:\\d{2}`) }).waitFor();
    expect(await lockNow()).toMatchObject({ holder: { name: deskName } });
    expect(unexpected(watch.errors), watch.errors.join('\n')).toEqual([]);
    await context.close();
    await deskContext.close();
  });
});
