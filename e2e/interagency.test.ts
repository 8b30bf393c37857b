import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '#test/factories.ts';
import { axeViolations, fileControl, logIn, type Portal, requiredDocuments, screenshot, signedIn, startPortal, tinyPdf, watchPage } from './harness.ts';

/**
 * Journey (b): the birth group (1.003412) across three agencies — UBND phường Hoàn Kiếm (lead,
 * step 1), Công an phường Hoàn Kiếm (step 2) and Bảo hiểm xã hội Hà Nội (step 3, in parallel
 * with step 2) — with the insurance step overdue. The dev clock (PUT /api/v1/dev/clock) moves
 * the days; each officer works from their own queue on a desktop screen.
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const PDF = tinyPdf;


/** Moves the server's clock (the administrator's dev endpoint). */
async function setClock(now: string) {
  const context = await portal.browser.newContext();
  await logIn(portal, context.request, 'admin');
  const res = await context.request.put(`${portal.baseUrl}/api/v1/dev/clock`, { data: { now } });
  expect(res.status(), await res.text()).toBe(200);
  await context.close();
}

async function signedInWatched(username: string): Promise<{ context: BrowserContext; page: Page; watch: { errors: string[] } }> {
  const { context, page } = await signedIn(portal, username);
  return { context, page, watch: watchPage(page) };
}

/** Takes an action through its button and dialog, as the officer would. */
async function act(page: Page, button: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('region', { name: 'Thao tác' }).getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: button });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

const stepRow = (page: Page, step: number) => page.getByTestId('interagency-steps').locator(`tr[data-step="${step}"]`);

let dossierId = '';
let code = '';

describe('liên thông: the birth group across three agencies (journey b)', () => {
  it('citizen files online; the desk receives; the lead leader dispatches; the lead completes step 1 and both branches open', async () => {
    await setClock('2026-12-07T09:00:00+07:00'); // Monday
    const citizen = await portal.browser.newContext();
    await logIn(portal, citizen.request, 'congdan');
    const agencies = await (await citizen.request.get(`${portal.baseUrl}/api/v1/agencies?adminUnitCode=00070&kind=people_committee`)).json();
    const documents = await requiredDocuments(portal, citizen.request, '1.003412', PDF);
    const submitted = await citizen.request.post(`${portal.baseUrl}/api/v1/dossiers`, {
      data: {
        procedureCode: '1.003412',
        receivingAgency: agencies.items[0].code,
        channel: 'online',
        applicant: {
          fullName: 'Nguyễn Thị Ánh Tuyết',
          idNumber: '001190012345',
          phone: '0912345678',
          address: { communeCode: '00070', detail: 'Số 1 phố Tràng Tiền' },
        },
        fields: {},
        documents,
      },
    });
    expect(submitted.status(), await submitted.text()).toBe(201);
    dossierId = (await submitted.json()).id;
    await citizen.close();

    // The desk receives it.
    const desk = await signedInWatched('motcua.hoankiem');
    await desk.page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await desk.page.getByRole('heading', { name: 'Các bước liên thông' }).waitFor();
    await act(desk.page, 'Tiếp nhận');
    await expect.poll(() => desk.page.getByTestId('dossier-status').textContent()).toBe('Được tiếp nhận');
    code = ((await desk.page.getByTestId('dossier-code').textContent()) ?? '').trim();
    expect(code).toMatch(/-\d{6}-\d{4,}$/);
    expect(desk.watch.errors).toEqual([]);
    await desk.context.close();

    // The lead leader dispatches along the graph: step 1 opens at the lead itself, steps 2 and 3 wait.
    await setClock('2026-12-07T11:00:00+07:00');
    const leader = await signedInWatched('lanhdao.hoankiem');
    await leader.page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await leader.page.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
    await leader.page.getByText('Chưa chuyển liên thông.').waitFor();
    await act(leader.page, 'Chuyển liên thông', async (dialog) => {
      await dialog.getByText(/Mở các bước liên thông chưa phụ thuộc bước nào/).waitFor();
      expect(await axeViolations(leader.page)).toEqual([]);
      await screenshot(leader.page, 'interagency-dispatch-dialog-1280');
    });
    await expect.poll(() => stepRow(leader.page, 1).getAttribute('data-state')).toBe('open');
    expect(await stepRow(leader.page, 2).getAttribute('data-state')).toBe('pending');
    await stepRow(leader.page, 2).getByText('Chờ bước 1').waitFor();
    // while a step is open the lead cannot approve
    expect(await leader.page.getByRole('region', { name: 'Thao tác' }).getByRole('button').allTextContents()).not.toContain('Phê duyệt kết quả');
    expect(await axeViolations(leader.page)).toEqual([]);
    await screenshot(leader.page, 'interagency-dispatched-1280');
    expect(leader.watch.errors).toEqual([]);
    await leader.context.close();

    // The lead's specialist completes step 1 with the birth certificate as partial result.
    await setClock('2026-12-07T14:00:00+07:00');
    const specialist = await signedInWatched('chuyenvien.hoankiem');
    await specialist.page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await stepRow(specialist.page, 1).getByText('Bước của cơ quan bạn').waitFor();
    await act(specialist.page, 'Hoàn thành bước', async (dialog) => {
      await dialog.getByRole('textbox', { name: /Kết quả từng phần/ }).fill('Đã đăng ký khai sinh; số định danh cá nhân đã cấp.');
      // a text file named .pdf is refused by its content; choosing another file takes the message away
      const resultFile = fileControl(dialog, 'Tệp kết quả từng phần (không bắt buộc)');
      await resultFile.setInputFiles({ name: 'giay-khai-sinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from('không phải PDF') });
      await dialog.getByRole('button', { name: 'Hoàn thành bước', exact: true }).click();
      const refused = dialog.getByText(/^Định dạng tệp không được hỗ trợ/);
      await refused.waitFor({ timeout: 20_000 });
      await resultFile.setInputFiles({ name: 'giay-khai-sinh.pdf', mimeType: 'application/pdf', buffer: PDF(99) });
      await refused.waitFor({ state: 'detached' });
      // Where the next steps go: the commune police by default (the city's may be chosen), one social insurance.
      const police = dialog.getByRole('combobox', { name: /^Bước 2 \(/ });
      expect(await police.locator('option:checked').textContent()).toBe('Công an Phường Hoàn Kiếm');
      expect(await police.locator('option').allTextContents()).toContain('Công an Thành phố Hà Nội');
      await dialog.getByTestId('step-agency-3').getByText('Bảo hiểm xã hội Thành phố Hà Nội').waitFor();
      expect(await axeViolations(specialist.page)).toEqual([]);
      await screenshot(specialist.page, 'interagency-complete-dialog-1280');
    });
    await expect.poll(() => stepRow(specialist.page, 1).getAttribute('data-state')).toBe('done');
    expect(await stepRow(specialist.page, 2).getAttribute('data-state')).toBe('open');
    expect(await stepRow(specialist.page, 3).getAttribute('data-state')).toBe('open');
    await stepRow(specialist.page, 1).getByRole('link', { name: 'Tệp kết quả' }).waitFor();
    await stepRow(specialist.page, 1).getByText('Trước hạn').waitFor();
    expect(await axeViolations(specialist.page)).toEqual([]);
    await screenshot(specialist.page, 'interagency-branches-open-1280');
    expect(specialist.watch.errors.filter((e) => !e.includes('status of 415'))).toEqual([]); // the refused text file
    await specialist.context.close();
  });

  it('the police find it in their own queue and complete their step on time', async () => {
    expect(dossierId).not.toBe('');
    await setClock('2026-12-08T10:00:00+07:00'); // Tuesday, before the steps' 17:00 sub-deadline
    const police = await signedInWatched('congan.hoankiem');
    await police.page.goto(`${portal.baseUrl}/can-bo?queue=agency`);
    await police.page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).waitFor();
    await police.page.getByRole('link', { name: code }).first().click();
    await police.page.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
    await stepRow(police.page, 2).getByText('Bước của cơ quan bạn').waitFor();
    await stepRow(police.page, 2).getByText('Trong hạn').waitFor();
    await act(police.page, 'Hoàn thành bước', async (dialog) => {
      await dialog.getByRole('button', { name: 'Hoàn thành bước', exact: true }).click();
      await dialog.getByText('Vui lòng nhập thông tin này.', { exact: true }).waitFor(); // the partial result is required
      await dialog.getByRole('textbox', { name: /Kết quả từng phần/ }).fill('Đã đăng ký thường trú cho trẻ tại địa chỉ của mẹ.');
    });
    await expect.poll(() => stepRow(police.page, 2).getAttribute('data-state')).toBe('done');
    await stepRow(police.page, 2).getByText('Đúng hạn').waitFor();
    // the other branch is still open: the dossier waits for the join
    expect(await stepRow(police.page, 3).getAttribute('data-state')).toBe('open');
    expect(await police.page.getByRole('region', { name: 'Thao tác' }).getByRole('button').count()).toBe(0);
    expect(await axeViolations(police.page)).toEqual([]);
    await screenshot(police.page, 'interagency-police-done-1280');
    expect(police.watch.errors).toEqual([]);
    await police.context.close();
  });

  it('social insurance completes its step a day late: the step is late, the dossier on time; the lead approves; Mẫu 05 lists every hand-over', async () => {
    await setClock('2026-12-09T10:00:00+07:00'); // Wednesday: step 3 was due Tuesday 17:00
    const insurance = await signedInWatched('bhxh.hanoi');
    await insurance.page.goto(`${portal.baseUrl}/can-bo?queue=agency`);
    // its queue shows its own step's deadline and timeliness, and counts it overdue (issue 11 item 7)
    const row = insurance.page.locator('tr', { hasText: code });
    await row.getByTestId('step-due').filter({ hasText: 'Bước 3:' }).waitFor();
    await row.getByText('Quá hạn').waitFor();
    await insurance.page.getByRole('navigation', { name: 'Các hàng đợi hồ sơ' }).getByRole('link', { name: /^Quá hạn [1-9]/ }).waitFor();
    expect(await axeViolations(insurance.page)).toEqual([]);
    await screenshot(insurance.page, 'interagency-insurance-queue-step-late-1280');
    await insurance.page.getByRole('link', { name: code }).first().click();
    await insurance.page.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
    await stepRow(insurance.page, 3).getByText('Quá hạn').waitFor();
    expect(await insurance.page.locator('.facts [data-timeliness]').getAttribute('data-timeliness')).toBe('trong_han');
    expect(await axeViolations(insurance.page)).toEqual([]);
    await screenshot(insurance.page, 'interagency-insurance-late-1280');
    await act(insurance.page, 'Hoàn thành bước', async (dialog) => {
      await dialog.getByRole('textbox', { name: /Kết quả từng phần/ }).fill('Đã cấp thẻ BHYT cho trẻ dưới 6 tuổi.');
    });
    await expect.poll(() => stepRow(insurance.page, 3).getAttribute('data-state')).toBe('done');
    await stepRow(insurance.page, 3).getByText('Quá hạn').waitFor();
    expect(insurance.watch.errors).toEqual([]);
    await insurance.context.close();

    // Back at the lead: the leader sees every step done and approves, on time.
    await setClock('2026-12-09T14:00:00+07:00');
    const leader = await signedInWatched('lanhdao.hoankiem');
    await leader.page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await leader.page.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
    const slipLink = leader.page.getByRole('link', { name: /^Mẫu 05/ });
    const slip = await leader.context.request.get(portal.baseUrl + ((await slipLink.getAttribute('href')) ?? ''));
    expect(slip.status()).toBe(200);
    const text = pdfText(await slip.body());
    for (const fragment of ['Bước 1', 'Bước 2', 'Bước 3', 'Công an', 'Bảo hiểm xã hội', 'Quá hạn', 'Đúng hạn', 'Trước hạn', 'Nhận:']) {
      expect(text).toContain(fragment);
    }
    await act(leader.page, 'Phê duyệt kết quả', async (dialog) => {
      await dialog.getByRole('textbox', { name: 'Ghi chú (không bắt buộc)' }).fill('Hoàn thành liên thông, đồng ý.');
    });
    await expect.poll(() => leader.page.getByTestId('dossier-status').textContent()).toBe('Đã xử lý xong');
    await leader.page.getByText('Hoàn thành bước liên thông').first().waitFor(); // in the history
    expect(await axeViolations(leader.page)).toEqual([]);
    await screenshot(leader.page, 'interagency-approved-1280');
    expect(leader.watch.errors).toEqual([]);
    await leader.context.close();
  });
});
