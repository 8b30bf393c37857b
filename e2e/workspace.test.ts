import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, chooseFile, DEMO_PASSWORD, DESKTOP, fileControl, PHONE, type Portal, requiredDocuments, screenshot, signedIn, startPortal, tinyPdf, watchPage } from './harness.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const PDF = tinyPdf();


/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, test: (el: { tag: string; label: string; type: string }) => boolean, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      const labelled = a?.id ? document.querySelector(`label[for="${a.id}"]`)?.textContent : null;
      return {
        tag: a?.tagName.toLowerCase() ?? '',
        label: (a?.getAttribute('aria-label') ?? labelled ?? a?.textContent ?? '').trim(),
        type: (a as HTMLInputElement | null)?.type ?? '',
      };
    });
    if (test(el)) return el;
  }
  throw new Error('focus never reached the element');
}

const focusVisible = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement;
    const style = getComputedStyle(a);
    return a.matches(':focus-visible') && (style.outlineStyle !== 'none' || style.boxShadow !== 'none');
  });

let dossierId = '';
let dossierCode = '';

describe('officer workspace', () => {
  it('desk officer receives a walk-in dossier at the counter with the keyboard alone and opens Mẫu 01', { timeout: 180_000 }, async () => {
    const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/dang-nhap?next=/can-bo/tiep-nhan`);
    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('motcua.hoankiem');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL('**/can-bo/tiep-nhan');
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ tại quầy' }).waitFor();
    // the header shows the way to the workspace to an officer
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ cần xử lý' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Keyboard only from here: search the procedure, pick it, attach the form, fill the applicant.
    await page.locator('body').focus();
    await tabTo(page, (el) => el.tag === 'input' && el.label.startsWith('Tìm thủ tục'));
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.type('cấp giấy xác nhận tình trạng hôn nhân');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^1\.004873 — Cấp Giấy xác nhận tình trạng hôn nhân/ }).waitFor();
    await tabTo(page, (el) => el.tag === 'button' && el.label.startsWith('1.004873'));
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '2. Thành phần hồ sơ' }).waitFor();
    await page.getByText('Bắt buộc', { exact: true }).first().waitFor();
    await page.getByText('Không bắt buộc', { exact: true }).first().waitFor();

    // Submitting now: Vietnamese messages next to each field, nothing sent.
    await tabTo(page, (el) => el.tag === 'button' && el.label === 'Tiếp nhận hồ sơ', 80);
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: /thông tin cần sửa/ }).waitFor();
    await page.getByText('Thành phần bắt buộc: đánh dấu đã nhận bản giấy hoặc tải bản quét lên.').first().waitFor();
    // under the field (the summary's link says the same after the field's label)
    await page.getByText('Số định danh cá nhân gồm 12 chữ số, hoặc mã số thuế 10 hoặc 13 số.', { exact: true }).waitFor();
    await page.getByText('Số điện thoại Việt Nam, ví dụ 0912345678.', { exact: true }).waitFor();
    await page.getByTestId('problem-list').getByRole('link', { name: 'Số điện thoại: Số điện thoại Việt Nam, ví dụ 0912345678.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-reception-errors-1280');

    // The declaration is scanned (Space on its "Chọn tệp…" button opens the chooser); the other papers are ticked.
    await page.locator('body').focus();
    await tabTo(page, (el) => el.tag === 'button' && el.label === 'Chọn tệp…', 80);
    await chooseFile(page, () => page.keyboard.press('Space'), { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('Đã tải lên: to-khai.pdf').waitFor();
    await tabTo(page, (el) => el.type === 'checkbox' && el.label === 'Đã nhận bản giấy');
    await page.keyboard.press('Space');
    await page.getByText('Đã ghi nhận bản giấy.').waitFor();
    await tabTo(page, (el) => el.tag === 'input' && el.label.startsWith('Họ và tên'));
    await page.keyboard.type('Phạm Thị Hồng');
    await page.keyboard.press('Tab');
    await page.keyboard.type('001190099999');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0987654321');
    await page.keyboard.press('Tab'); // e-mail: optional
    await page.keyboard.press('Tab'); // commune: preset to the desk's own commune
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe('00070');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Số 5 phố Hàng Bài');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    dossierCode = (await page.getByTestId('received-code').textContent()) ?? '';
    expect(dossierCode).toMatch(/^\S+-\d{6}-\d{4,}$/);
    expect(await page.getByTestId('received-due').textContent()).toMatch(/^\d{2}:\d{2},? \d{2}\/\d{2}\/\d{4}$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-reception-done-1280');

    const receipt = page.getByRole('link', { name: 'Mở, in Mẫu 01' });
    const href = (await receipt.getAttribute('href')) ?? '';
    dossierId = href.split('/')[4];
    const pdf = await context.request.get(portal.baseUrl + href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const popup = context.waitForEvent('page');
    await receipt.click();
    const opened = await popup;
    expect(opened.url()).toContain(`/api/v1/dossiers/${dossierId}/documents/receipt.pdf`);
    await opened.close();

    // The queue: the dossier is in progress at the agency, found by part of its code.
    await page.goto(`${portal.baseUrl}/can-bo?queue=agency`);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).waitFor();
    await page.getByRole('link', { name: dossierCode }).first().waitFor();
    await page.getByRole('searchbox', { name: /^Tìm theo mã hồ sơ, tên, số định danh/ }).fill('pham thi hong');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    // a search looks across open and finished dossiers (issue 11)
    await page.getByRole('status').filter({ hasText: 'Tất cả hồ sơ: 1 hồ sơ' }).waitFor();
    await page.getByRole('cell', { name: 'Phạm Thị Hồng' }).waitFor();
    await page.getByText('Trong hạn', { exact: true }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-queue-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('list', { name: 'Tất cả hồ sơ' }).getByRole('link', { name: dossierCode }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-queue-360');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('leader assigns and approves, the desk returns the result, through the action buttons', async () => {
    expect(dossierId).not.toBe('');
    const leader = await signedIn(portal, 'lanhdao.hoankiem');
    const page = leader.page;
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await page.getByTestId('dossier-code').filter({ hasText: dossierCode }).waitFor();
    expect(await page.getByTestId('dossier-status').textContent()).toBe('Được tiếp nhận');
    await page.getByRole('link', { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân' }).waitFor();
    await page.getByRole('link', { name: /^Mẫu 01/ }).waitFor();
    await page.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-dossier-leader-1280');
    // the attachment is served to the leader as a download, never inline on the app's origin (issue 13, D11)
    const file = await leader.context.request.get(
      portal.baseUrl + ((await page.getByRole('link', { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân' }).getAttribute('href')) ?? ''),
    );
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toMatch(/^attachment/);

    // The buttons are exactly the API's allowedActions.
    const actions = page.getByRole('region', { name: 'Thao tác' }).getByRole('button');
    expect(await actions.allTextContents()).toEqual(['Phân công thụ lý', 'Chuyển xử lý']);
    await page.getByRole('button', { name: 'Phân công thụ lý' }).click();
    const dialog = page.getByRole('dialog', { name: 'Phân công thụ lý' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Phân công thụ lý' }).click();
    await dialog.getByText('Vui lòng chọn một mục trong danh sách.', { exact: true }).waitFor(); // a list: "chọn", not "nhập"
    const select = dialog.getByRole('combobox', { name: 'Chuyên viên thụ lý' });
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-assign-modal-1280');
    await select.selectOption('chuyenvien.hoankiem');
    await dialog.getByRole('button', { name: 'Phân công thụ lý' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Đang xử lý');
    expect(await actions.allTextContents()).toContain('Phê duyệt kết quả');

    await page.getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    const approve = page.getByRole('dialog', { name: 'Phê duyệt kết quả' });
    await approve.getByRole('textbox', { name: 'Ghi chú (không bắt buộc)' }).fill('Đủ điều kiện cấp.');
    await approve.getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    await approve.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Đã xử lý xong');
    await page.getByText('Bạn không có thao tác nào với hồ sơ ở trạng thái hiện tại.').waitFor();
    await page.getByText('Trước hạn', { exact: true }).waitFor();

    // The overview counts it and links down to the queues.
    await page.goto(`${portal.baseUrl}/can-bo/tong-quan`);
    await page.getByRole('heading', { level: 1, name: 'Tổng quan cơ quan' }).waitFor();
    await page.getByText('Tỷ lệ đúng hạn').waitFor();
    await page.getByText('Hồ sơ quá hạn đang xử lý (0)').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-overview-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-overview-360');
    expect(watch.errors).toEqual([]);
    await leader.context.close();

    const desk = await signedIn(portal, 'motcua.hoankiem', { viewport: PHONE });
    await desk.page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await desk.page.getByRole('button', { name: 'Trả kết quả' }).click();
    const ret = desk.page.getByRole('dialog', { name: 'Trả kết quả' });
    await ret.getByText('Xác nhận trả kết quả hồ sơ này?').waitFor();
    expect(await axeViolations(desk.page)).toEqual([]);
    await ret.getByRole('button', { name: 'Trả kết quả' }).click();
    await ret.waitFor({ state: 'detached' });
    await expect.poll(() => desk.page.getByTestId('dossier-status').textContent()).toBe('Đã trả kết quả');
    await desk.page.getByText('Trả kết quả', { exact: true }).last().waitFor();
    expect(await axeViolations(desk.page)).toEqual([]);
    await screenshot(desk.page, 'workspace-dossier-returned-360');
    await desk.context.close();
  });

  it('shows the server’s field errors next to the fields, and speaks English on request', async () => {
    const { context, page } = await signedIn(portal, 'motcua.hoankiem', { viewport: PHONE });
    await page.goto(`${portal.baseUrl}/can-bo/tiep-nhan`);
    await page.getByRole('searchbox', { name: 'Tìm thủ tục theo tên hoặc mã' }).fill('1.004873');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: /^1\.004873 — / }).click();
    await fileControl(page, 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('Đã tải lên: to-khai.pdf').waitFor();
    // 201 characters: the field takes at most 200 (maxlength); past it (a paste into a browser
    // that ignores the limit), the server (≤ 200) refuses the field and says so beside it
    const name = page.getByRole('textbox', { name: 'Họ và tên' });
    expect(await name.getAttribute('maxlength')).toBe('200');
    await name.evaluate((el) => el.removeAttribute('maxlength'));
    await name.fill('Nguyễn '.repeat(29).trim().padEnd(201, 'A'));
    await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill('001190099998');
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0987654322');
    await page.getByRole('textbox', { name: 'Số nhà, đường phố' }).fill('Số 7 phố Hàng Bài');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Dữ liệu không hợp lệ' }).waitFor();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const described = (await name.getAttribute('aria-describedby')) ?? '';
    expect(described).not.toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-reception-server-error-360');

    // Leaving the half-filled form asks first (the browser's "leave the page?"): the officer confirms.
    const leaving = new Promise<string>((resolve) => page.once('dialog', (d) => void d.accept().then(() => resolve(d.type()))));
    await page.goto(`${portal.baseUrl}/can-bo?queue=incoming`);
    expect(await leaving).toBe('beforeunload');
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossiers to handle' }).waitFor();
    await page.getByRole('link', { name: /^Awaiting reception/ }).waitFor();
    await page.getByRole('navigation', { name: 'Officer workspace' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-queue-360-en');
    await page.getByRole('button', { name: /^VI/ }).click();
    await context.close();
  });

  it('names the online dossiers awaiting reception by their mã tra cứu: each line a link of its own, on the desk and at 360 px', { timeout: 180_000 }, async () => {
    // Two online submissions of the same citizen, not yet received: neither has a dossier code.
    const citizen = await signedIn(portal, 'congdan');
    const agencies = await (await citizen.request.get(`${portal.baseUrl}/api/v1/agencies?adminUnitCode=00070&kind=people_committee`)).json();
    const references: string[] = [];
    for (const n of [1, 2]) {
      const documents = await requiredDocuments(portal, citizen.request, '1.004873', (i) => tinyPdf(700 + n * 10 + i));
      const filed = await citizen.request.post(`${portal.baseUrl}/api/v1/dossiers`, {
        data: {
          procedureCode: '1.004873',
          receivingAgency: agencies.items[0].code,
          channel: 'online',
          applicant: { fullName: 'Nguyễn Thị Ánh Tuyết', idNumber: '001190012345', phone: '0912345678', address: { communeCode: '00070', detail: 'Số 1 phố Tràng Tiền' } },
          fields: {},
          documents,
        },
      });
      expect(filed.status(), await filed.text()).toBe(201);
      references.push((await filed.json()).reference as string);
    }
    await citizen.context.close();
    expect(references[0]).toMatch(/^HS-[0-9A-Z]{10}$/);

    for (const [viewport, name] of [[DESKTOP, '1280'], [PHONE, '360']] as const) {
      const { context, page } = await signedIn(portal, 'motcua.hoankiem', { viewport });
      const watch = watchPage(page);
      await page.goto(`${portal.baseUrl}/can-bo?queue=incoming`);
      // the line reads "Mã tra cứu HS-…" where the code will be: what the applicant reads out on the phone
      for (const reference of references) await page.getByRole('link', { name: `Mã tra cứu ${reference}`, exact: true }).waitFor();
      const lines = await page.locator('main a[href^="/can-bo/ho-so/"]').filter({ visible: true }).allTextContents();
      expect(lines).toHaveLength(2);
      expect(new Set(lines).size).toBe(lines.length);
      expect(await page.getByText('Chưa có mã hồ sơ').filter({ visible: true }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `workspace-queue-incoming-references-${name}`);
      expect(watch.errors).toEqual([]);
      await context.close();
    }
  });

  it('another commune’s desk cannot find the dossier: search returns nothing, the direct address says not found', async () => {
    const { context, page } = await signedIn(portal, 'motcua.badinh');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo?queue=done&q=${encodeURIComponent(dossierCode)}`);
    await page.getByText(`Không tìm thấy hồ sơ nào phù hợp với “${dossierCode}”.`).waitFor();
    await page.getByRole('status').filter({ hasText: 'Đã xử lý xong: 0 hồ sơ' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy hồ sơ' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-not-found-badinh');
    expect(watch.errors.filter((e) => !e.includes('404'))).toEqual([]);
    await context.close();

    // A citizen is told the workspace is not for them.
    const citizen = await signedIn(portal, 'congdan', { viewport: PHONE });
    await citizen.page.goto(`${portal.baseUrl}/can-bo`);
    await citizen.page.getByText('Trang này dành cho cán bộ, lãnh đạo cơ quan giải quyết thủ tục hành chính.').waitFor();
    expect(await axeViolations(citizen.page)).toEqual([]);
    await citizen.context.close();
  });
});
