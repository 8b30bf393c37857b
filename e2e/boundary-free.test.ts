
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, DESKTOP, fileControl, type Portal, screenshot, signedIn, startPortal, tinyPdf, watchPage } from './harness.ts';

/**
 * Journey (c): reception regardless of administrative boundary (NĐ 118/2025), on a desk computer.
 * The desk of Phường Ba Đình receives a dossier for which Phường Hoàn Kiếm is competent; Hoàn
 * Kiếm processes and approves it; the result comes back to Ba Đình's desk, which returns it — one
 * code throughout, on the public tracking page too. A third commune never sees it.
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const PDF = tinyPdf();


let code = '';
let dossierId = '';
let badinhCode = '';

describe('boundary-free reception between two communes (journey c)', { timeout: 180_000 }, () => {
  it('Ba Đình’s desk receives at the counter a dossier for which Hoàn Kiếm is competent', async () => {
    const agencies = async (unit: string) => (await fetch(`${portal.baseUrl}/api/v1/agencies?adminUnitCode=${unit}&kind=people_committee`)).json();
    badinhCode = (await agencies('00004')).items[0].code;

    const { context, page } = await signedIn(portal, 'motcua.badinh');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/tiep-nhan`);
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ tại quầy' }).waitFor();
    await page.getByRole('searchbox', { name: 'Tìm thủ tục theo tên hoặc mã' }).fill('1.004873');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: /^1\.004873 — / }).click();
    await fileControl(page, 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('Đã tải lên: to-khai.pdf').waitFor();
    await page.getByRole('textbox', { name: 'Họ và tên' }).fill('Đặng Thị Ngọc');
    await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill('001190077777');
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912345678');
    // The applicant lives in Hoàn Kiếm: the desk's own commune is preset, the officer changes it.
    const commune = page.getByRole('combobox', { name: 'Xã, phường nơi cư trú' });
    expect(await commune.inputValue()).toBe('00004');
    await commune.selectOption('00070');
    await page.getByRole('textbox', { name: 'Số nhà, đường phố' }).fill('Số 12 phố Tràng Tiền');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    code = (await page.getByTestId('received-code').textContent()) ?? '';
    expect(code.startsWith(`${badinhCode}-`)).toBe(true); // numbered by the desk that received it
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'boundary-free-received-badinh-1280');
    dossierId = ((await page.getByRole('link', { name: 'Mở, in Mẫu 01' }).getAttribute('href')) ?? '').split('/')[4];

    // On the processing page Ba Đình sees it handed over to Hoàn Kiếm; forwarding elsewhere is all it may do.
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await page.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
    await page.getByText('Ủy ban nhân dân Phường Hoàn Kiếm').first().waitFor();
    const actions = page.getByRole('region', { name: 'Thao tác' }).getByRole('button');
    expect(await actions.allTextContents()).toEqual(['Chuyển xử lý']);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'boundary-free-dossier-badinh-1280');

    // The forward form offers agencies by name from a searchable list, never the one holding the dossier.
    await page.getByRole('button', { name: 'Chuyển xử lý' }).click();
    const forward = page.getByRole('dialog', { name: 'Chuyển xử lý' });
    const to = forward.getByRole('combobox', { name: 'Cơ quan nhận hồ sơ' });
    await expect.poll(() => to.locator('option').count()).toBeGreaterThan(200); // the agencies of Hà Nội
    await forward.getByRole('searchbox', { name: 'Tìm: Cơ quan nhận hồ sơ' }).fill('hoan kiem');
    await expect.poll(() => to.locator('option').allTextContents()).toEqual([
      '— Chọn —',
      expect.stringMatching(/^Công an Phường Hoàn Kiếm — \d{3}\.\d{2}\.\d{2}\.H\d{2} — Phường Hoàn Kiếm, Thành phố Hà Nội$/),
    ]);
    await forward.getByRole('status').filter({ hasText: '1 cơ quan phù hợp' }).waitFor();
    await to.selectOption({ index: 1 });
    expect(await to.inputValue()).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H\d{2}$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'boundary-free-forward-form-1280');
    await forward.getByRole('button', { name: 'Hủy' }).click();
    await forward.waitFor({ state: 'detached' });
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('appears in Hoàn Kiếm’s queue and not in a third commune’s', async () => {
    expect(code).not.toBe('');
    const { context, page } = await signedIn(portal, 'lanhdao.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo?queue=agency&q=${encodeURIComponent(code)}`);
    await page.getByRole('status').filter({ hasText: 'Đang giải quyết: 1 hồ sơ' }).waitFor();
    await page.getByRole('cell', { name: 'Đặng Thị Ngọc', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'boundary-free-queue-hoankiem-1280');
    expect(watch.errors).toEqual([]);
    await context.close();

    // A desk officer of Phường Cửa Nam (same province), made by the administrator for this test.
    const admin = await signedIn(portal, 'admin');
    const cuaNam = (await (await admin.context.request.get(`${portal.baseUrl}/api/v1/agencies?provinceCode=01&kind=people_committee&q=cua%20nam`)).json()).items;
    expect(cuaNam).toHaveLength(1);
    const created = await admin.context.request.post(`${portal.baseUrl}/api/v1/admin/users`, {
      headers: { 'idempotency-key': 'e2e-boundary-free-cuanam' },
      data: { username: 'motcua.cuanam', fullName: 'Tạ Văn Quang', password: 'MotCua@2026-cn', grants: [{ role: 'desk_officer', agencyCode: cuaNam[0].code }] },
    });
    expect(created.status()).toBe(201);
    await admin.context.close();

    // An account an administrator made chooses its own password first (đổi mật khẩu bắt buộc, e2e/passwords.test.ts).
    const first = await fetch(`${portal.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'motcua.cuanam', password: 'MotCua@2026-cn' }),
    });
    const changed = await fetch(`${portal.baseUrl}/api/v1/me/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${(await first.json()).token}` },
      body: JSON.stringify({ currentPassword: 'MotCua@2026-cn', newPassword: 'MotCua@2026-cuanam' }),
    });
    expect(changed.status).toBe(200);
    const third = await signedIn(portal, 'motcua.cuanam', { password: 'MotCua@2026-cuanam' });
    for (const queue of ['agency', 'incoming', 'done']) {
      await third.page.goto(`${portal.baseUrl}/can-bo?queue=${queue}&q=${encodeURIComponent(code)}`);
      await third.page.getByText(`Không tìm thấy hồ sơ nào phù hợp với “${code}”.`).waitFor();
    }
    await third.page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await third.page.getByRole('heading', { level: 1, name: 'Không tìm thấy hồ sơ' }).waitFor();
    expect(await axeViolations(third.page)).toEqual([]);
    await third.context.close();
  });

  it('Hoàn Kiếm’s leader assigns, the specialist finds it in their tasks, the leader approves', async () => {
    const leader = await signedIn(portal, 'lanhdao.hoankiem');
    const page = leader.page;
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await page.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
    await page.getByRole('button', { name: 'Phân công thụ lý' }).click();
    const assign = page.getByRole('dialog', { name: 'Phân công thụ lý' });
    const select = assign.getByRole('combobox', { name: 'Chuyên viên thụ lý' });
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
    await select.selectOption('chuyenvien.hoankiem');
    await assign.getByRole('button', { name: 'Phân công thụ lý' }).click();
    await assign.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Đang xử lý');

    const specialist = await signedIn(portal, 'chuyenvien.hoankiem');
    await specialist.page.goto(`${portal.baseUrl}/can-bo?queue=mine`);
    await specialist.page.getByRole('link', { name: code }).first().click();
    await specialist.page.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
    await specialist.page.getByRole('link', { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân' }).waitFor();
    expect(await axeViolations(specialist.page)).toEqual([]);
    await screenshot(specialist.page, 'boundary-free-specialist-hoankiem-1280');
    await specialist.context.close();

    await page.reload();
    await page.getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    const approve = page.getByRole('dialog', { name: 'Phê duyệt kết quả' });
    await approve.getByRole('textbox', { name: 'Ghi chú (không bắt buộc)' }).fill('Đủ điều kiện cấp.');
    await approve.getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    await approve.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Đã xử lý xong');
    // Returning the result is the receiving desk's job, not Hoàn Kiếm's.
    await page.getByText('Bạn không có thao tác nào với hồ sơ ở trạng thái hiện tại.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'boundary-free-approved-hoankiem-1280');
    expect(watch.errors).toEqual([]);
    await leader.context.close();
  });

  it('the result returns to Ba Đình’s desk, which returns it; the public tracking page shows the one code', async () => {
    const desk = await signedIn(portal, 'motcua.badinh');
    const page = desk.page;
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo?queue=done&q=${encodeURIComponent(code)}`);
    await page.getByRole('link', { name: code }).first().click();
    await page.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
    const actions = page.getByRole('region', { name: 'Thao tác' }).getByRole('button');
    expect(await actions.allTextContents()).toEqual(['Trả kết quả']);
    await page.getByRole('button', { name: 'Trả kết quả' }).click();
    const ret = page.getByRole('dialog', { name: 'Trả kết quả' });
    await ret.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await ret.getByRole('button', { name: 'Trả kết quả' }).click();
    await ret.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Đã trả kết quả');
    expect(await page.getByTestId('dossier-code').textContent()).toContain(code);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'boundary-free-returned-badinh-1280');
    expect(watch.errors).toEqual([]);
    await desk.context.close();

    const anon = await portal.browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const track = await anon.newPage();
    await track.goto(`${portal.baseUrl}/tra-cuu/${encodeURIComponent(code)}`);
    await track.getByTestId('tracking-status').filter({ hasText: 'Đã trả kết quả' }).waitFor();
    await track.getByRole('heading', { name: 'Các bước liên thông' }).waitFor();
    const steps = await track.getByRole('listitem').allTextContents();
    expect(steps.some((s) => s.includes('Phường Ba Đình') && s.includes('Phường Hoàn Kiếm'))).toBe(true);
    expect(await track.content()).not.toContain('001190077777');
    expect(await axeViolations(track)).toEqual([]);
    await screenshot(track, 'boundary-free-tracking-1280');
    await anon.close();
  });
});
