import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Portal, screenshot, signedIn, startPortal, tinyPdf, watchPage } from './harness.ts';

/**
 * Hậu kiểm in the browser (issue 19): a business declares a food product and gets its signed
 * acknowledgement at reception; the head of inspection draws the sample and opens a case from it;
 * the inspector records the visit and concludes with a sanction; the head revokes the result; the
 * business sees it revoked with the reason, and so does /verify. Axe-clean; screenshots in
 * artifacts/screenshots/inspection-*.png.
 */
let portal: Portal;
const tokens: Record<string, string> = {};
const FOOD_SAFETY = '000.00.06.H01';

async function api<T>(path: string, user: string, body?: unknown): Promise<T> {
  const res = await fetch(portal.baseUrl + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${tokens[user]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function upload(user: string, n: number): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(tinyPdf(n))], { type: 'application/pdf' }), `cong-bo-${n}.pdf`);
  const res = await fetch(`${portal.baseUrl}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${tokens[user]}` }, body: form });
  return ((await res.json()) as { fileId: string }).fileId;
}

beforeAll(async () => {
  portal = await startPortal();
  for (const u of ['doanhnghiep', 'motcua.attp.hanoi']) {
    const res = await fetch(`${portal.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: 'MotCua@2026' }) });
    tokens[u] = ((await res.json()) as { token: string }).token;
  }
}, 300_000);
afterAll(async () => {
  await portal?.close();
});

describe('from declaration to revocation', () => {
  it('declares, samples, inspects, sanctions and revokes; the business and /verify see it', async () => {
    const dossier = await api<{ id: string }>('/api/v1/dossiers', 'doanhnghiep', {
      procedureCode: 'HN.ATTP.TCB',
      receivingAgency: FOOD_SAFETY,
      channel: 'online',
      applicant: { fullName: 'Công ty TNHH Thực phẩm Sạch Hà Thành', idNumber: '0101234567', phone: '0987654321', address: { communeCode: '00070', detail: 'Số 5 phố Hàng Bài' } },
      fields: { tenSanPham: 'Sữa chua uống Hà Thành vị dâu', nhomSanPham: 'sua_va_san_pham_tu_sua', thoiHanSuDung: '12 tháng' },
      documents: [
        { componentCode: 'TP1', fileId: await upload('doanhnghiep', 1) },
        { componentCode: 'TP2', fileId: await upload('doanhnghiep', 2) },
      ],
    });
    await api(`/api/v1/dossiers/${dossier.id}/actions`, 'motcua.attp.hanoi', { action: 'receive' });
    const received = await api<{ statusCode: number; resultId: string }>(`/api/v1/dossiers/${dossier.id}`, 'doanhnghiep');
    expect(received.statusCode).toBe(9);
    expect(received.resultId).toBeTruthy();

    // the head of inspection draws the plan's sample and opens a case from it
    const leader = await signedIn(portal, 'lanhdao.thanhtra.hanoi');
    const leaderWatch = watchPage(leader.page);
    await leader.page.goto(`${portal.baseUrl}/hau-kiem`);
    await leader.page.getByRole('heading', { level: 1, name: 'Hậu kiểm' }).waitFor();
    await leader.page.getByLabel('Mã ngẫu nhiên (không bắt buộc)').fill('e2e-2026');
    await leader.page.getByRole('button', { name: 'Rút mẫu' }).click();
    await leader.page.getByTestId('sample-row').first().waitFor();
    await leader.page.getByText(/Rủi ro|Chọn ngẫu nhiên/).first().waitFor();
    expect(await axeViolations(leader.page)).toEqual([]);
    await screenshot(leader.page, 'inspection-sample-1280');
    await leader.page.getByRole('button', { name: 'Lập hồ sơ hậu kiểm' }).first().click();
    await leader.page.getByRole('heading', { level: 1, name: /Hồ sơ hậu kiểm HK-/ }).waitFor();
    const caseUrl = leader.page.url();
    await leader.page.getByRole('button', { name: 'Phân công' }).click();
    await leader.page.getByTestId('case-status').getByText('Đã phân công').waitFor();
    expect(await axeViolations(leader.page)).toEqual([]);
    // back on the desk the head of inspection sees the case just assigned (all cases, not "mine": none are), and
    // the filter is a styled segmented control a finger can hit, as are the buttons
    // on a portrait tablet the case list's status badge is whole, not "ĐÃ PHÂ…"
    await leader.page.setViewportSize({ width: 768, height: 1024 });
    await leader.page.getByRole('link', { name: /Về trang hậu kiểm/ }).click();
    await leader.page.getByTestId('case-row').first().waitFor();
    const cut = await leader.page.locator('[data-testid="case-row-status"] .mantine-Badge-label').evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent));
    expect(cut).toEqual([]);
    await screenshot(leader.page, 'inspection-cases-768');
    await leader.page.setViewportSize({ width: 1280, height: 800 });
    expect(await leader.page.getByRole('radio', { name: 'Tất cả' }).isChecked()).toBe(true);
    for (const target of [leader.page.locator('label', { hasText: 'Được giao cho tôi' }), leader.page.getByRole('button', { name: 'Rút mẫu' })]) {
      expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    expect(await leader.page.getByRole('radio', { name: 'Tất cả' }).isVisible()).toBe(false); // the segment shows, not a bare radio button
    await leader.page.goto(caseUrl);
    await leader.page.getByTestId('case-status').waitFor();

    // the inspector records the visit (checklist) and concludes with a sanction
    const inspector = await signedIn(portal, 'thanhtra.hanoi');
    const inspectorWatch = watchPage(inspector.page);
    await inspector.page.goto(`${portal.baseUrl}/hau-kiem`);
    await inspector.page.getByTestId('case-row').first().waitFor();
    await inspector.page.getByTestId('case-row').first().getByRole('link').click();
    await inspector.page.getByRole('heading', { level: 2, name: 'Biên bản kiểm tra' }).waitFor();
    // the inspector reads what was declared (a choice by its label, not its code) and downloads its documents: the dossier itself is the desk's
    const declared = inspector.page.getByTestId('case-declaration');
    await declared.getByText('Sữa chua uống Hà Thành vị dâu').waitFor();
    await declared.getByText('Sữa và sản phẩm từ sữa').waitFor();
    const [declaredFile] = await Promise.all([inspector.page.waitForEvent('download'), declared.getByTestId('declaration-document').first().click()]);
    expect(declaredFile.suggestedFilename()).toMatch(/^cong-bo-\d\.pdf$/);
    // the visit's time starts at now, shown day first with a 24-hour time (the browser here runs in English)
    expect(await inspector.page.getByLabel('Thời gian kiểm tra').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    // spaces only in the place and the findings: each field says what is missing (not a bare "Dữ liệu không hợp lệ")
    await inspector.page.getByLabel('Địa điểm').fill('   ');
    await inspector.page.getByLabel('Kết quả kiểm tra, phát hiện').fill('  ');
    await inspector.page.getByRole('button', { name: 'Lưu biên bản' }).click();
    await expect.poll(() => inspector.page.getByText('Vui lòng nhập thông tin này.').count(), { timeout: 30_000 }).toBe(2);
    expect(await inspector.page.getByText('Dữ liệu không hợp lệ').count()).toBe(0);
    await inspector.page.getByLabel('Địa điểm').fill('Cơ sở sản xuất, số 5 phố Hàng Bài, Hoàn Kiếm, Hà Nội');
    await inspector.page.getByLabel('Thành phần tham gia').fill('Đoàn Văn Khải (thanh tra)\nNguyễn Văn An (giám đốc cơ sở)');
    await inspector.page.getByRole('checkbox', { name: /Nhãn sản phẩm/ }).check();
    await inspector.page.getByLabel('Kết quả kiểm tra, phát hiện').fill('Nhãn ghi hạn sử dụng 12 tháng, phiếu kiểm nghiệm chỉ xác nhận 6 tháng.');
    // the visit record being written survives a reload (kept for this tab until saved)
    await inspector.page.reload();
    await inspector.page.getByRole('heading', { level: 2, name: 'Biên bản kiểm tra' }).waitFor();
    expect(await inspector.page.getByLabel('Địa điểm').inputValue()).toBe('Cơ sở sản xuất, số 5 phố Hàng Bài, Hoàn Kiếm, Hà Nội');
    expect(await inspector.page.getByLabel('Thành phần tham gia').inputValue()).toBe('Đoàn Văn Khải (thanh tra)\nNguyễn Văn An (giám đốc cơ sở)');
    expect(await inspector.page.getByRole('checkbox', { name: /Nhãn sản phẩm/ }).isChecked()).toBe(true);
    expect(await inspector.page.getByLabel('Kết quả kiểm tra, phát hiện').inputValue()).toBe('Nhãn ghi hạn sử dụng 12 tháng, phiếu kiểm nghiệm chỉ xác nhận 6 tháng.');
    // the signed record's scan goes with it (a file is not kept across a reload: chosen now)
    await inspector.page.locator('input[type="file"]').setInputFiles({ name: 'bien-ban-da-ky.pdf', mimeType: 'application/pdf', buffer: tinyPdf(9) });
    await inspector.page.getByTestId('visit-file-chosen').getByText(/bien-ban-da-ky\.pdf/).waitFor();
    expect(await axeViolations(inspector.page)).toEqual([]);
    await screenshot(inspector.page, 'inspection-visit-1280');
    const visitPosts: string[] = [];
    inspector.page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/actions')) visitPosts.push(r.postData() ?? '');
    });
    await inspector.page.getByRole('button', { name: 'Lưu biên bản' }).click();
    await inspector.page.getByTestId('case-status').getByText('Đã kiểm tra').waitFor();
    // saved: it says so politely, the form is empty, and a second tap sends nothing (the fields ask again)
    await inspector.page.getByRole('status').filter({ hasText: /Đã lưu biên bản kiểm tra lúc \d\d:\d\d/ }).waitFor();
    expect(await inspector.page.getByLabel('Địa điểm').inputValue()).toBe('');
    expect(await inspector.page.getByLabel('Kết quả kiểm tra, phát hiện').inputValue()).toBe('');
    await inspector.page.getByRole('button', { name: 'Lưu biên bản' }).click();
    expect(await inspector.page.getByLabel('Địa điểm').evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
    await inspector.page.getByRole('radio', { name: 'Xử phạt vi phạm hành chính' }).check();
    await inspector.page.getByLabel('Căn cứ pháp lý').fill('Điều 20 Nghị định 115/2018/NĐ-CP');
    await inspector.page.getByLabel('Biện pháp khắc phục hậu quả').fill('Buộc thu hồi sản phẩm');
    // a conclusion cannot be undone: it asks first, naming it; Esc goes back without concluding
    await inspector.page.getByRole('button', { name: 'Ghi kết luận' }).click();
    const confirmConclusion = inspector.page.getByRole('dialog', { name: 'Xác nhận ghi kết luận' });
    await confirmConclusion.getByText(/Ghi kết luận “Xử phạt vi phạm hành chính” cho hồ sơ HK-/).waitFor();
    expect(await axeViolations(inspector.page)).toEqual([]);
    await screenshot(inspector.page, 'inspection-confirm-conclusion-1280');
    await inspector.page.keyboard.press('Escape');
    await confirmConclusion.waitFor({ state: 'hidden' });
    expect(visitPosts.filter((b) => b.includes('"conclude"'))).toHaveLength(0);
    await inspector.page.getByRole('button', { name: 'Ghi kết luận' }).click();
    // a refused conclusion says why once, in the dialog (not again on the page behind it)
    await inspector.page.route(
      '**/actions',
      (route) => route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'CASE_ACTION_NOT_ALLOWED', message: 'Hồ sơ đã thay đổi, vui lòng tải lại' } }) }),
      { times: 1 },
    );
    await confirmConclusion.getByRole('button', { name: 'Xác nhận ghi kết luận' }).click();
    await confirmConclusion.getByText('Hồ sơ đã thay đổi, vui lòng tải lại').waitFor();
    expect(await inspector.page.getByText('Hồ sơ đã thay đổi, vui lòng tải lại').count()).toBe(1);
    await confirmConclusion.getByRole('button', { name: 'Xác nhận ghi kết luận' }).click();
    await inspector.page.getByTestId('case-status').getByText('Đã kết luận').waitFor();
    expect(visitPosts.filter((b) => b.includes('record_visit'))).toHaveLength(1); // the visit was sent once

    // the head of inspection revokes the result
    await leader.page.goto(caseUrl);
    await leader.page.getByRole('heading', { level: 2, name: 'Thu hồi kết quả đã cấp' }).waitFor();
    // printed for the record: the case, the declaration and the log with the visit's participants and failed checklist item — not the forms, the header or the buttons
    await leader.page.getByTestId('case-log').getByText(/Nội dung không đạt: Nhãn sản phẩm/).waitFor();
    // the head of inspection opens the record the inspector attached
    const [attached] = await Promise.all([leader.page.waitForEvent('download'), leader.page.getByTestId('visit-file').click()]);
    expect(attached.suggestedFilename()).toBe('bien-ban-da-ky.pdf');
    await leader.page.emulateMedia({ media: 'print' });
    expect(await leader.page.getByRole('heading', { level: 2, name: 'Thu hồi kết quả đã cấp' }).isVisible()).toBe(false);
    expect(await leader.page.getByTestId('case-print').isVisible()).toBe(false);
    expect(await leader.page.locator('header').first().isVisible()).toBe(false);
    expect(await leader.page.getByTestId('case-log').getByText(/Thành phần tham gia: Đoàn Văn Khải \(thanh tra\); Nguyễn Văn An/).isVisible()).toBe(true);
    expect(await leader.page.getByTestId('case-declaration').isVisible()).toBe(true);
    await screenshot(leader.page, 'inspection-case-print');
    await leader.page.emulateMedia({ media: 'screen' });
    await leader.page.getByLabel('Lý do thu hồi').fill('Sản phẩm không phù hợp bản tự công bố');
    await leader.page.getByRole('button', { name: 'Thu hồi kết quả' }).click();
    const confirmRevocation = leader.page.getByRole('dialog', { name: 'Xác nhận thu hồi kết quả' });
    await confirmRevocation.getByText(/không hoàn tác được/).waitFor();
    expect(await leader.page.getByTestId('case-revoked').count()).toBe(0);
    await confirmRevocation.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
    await leader.page.getByTestId('case-revoked').waitFor();
    expect(await axeViolations(leader.page)).toEqual([]);
    await screenshot(leader.page, 'inspection-case-revoked-1280');

    // the business sees it in its dossier, with the reason; /verify says revoked
    const business = await signedIn(portal, 'doanhnghiep', { viewport: { width: 360, height: 740 } });
    await business.page.goto(`${portal.baseUrl}/ho-so-cua-toi/${dossier.id}`);
    await business.page.getByText('Kết quả này đã bị thu hồi.').waitFor();
    await business.page.getByText(/Sản phẩm không phù hợp bản tự công bố/).waitFor();
    await screenshot(business.page, 'inspection-citizen-revoked-360');
    await business.page.goto(`${portal.baseUrl}/verify/${received.resultId}`);
    await business.page.getByText('Đã bị thu hồi').first().waitFor();
    const list = (await (await fetch(`${portal.baseUrl}/api/v1/public/revoked-results`)).json()) as { items: { resultId: string }[] };
    expect(list.items.map((i) => i.resultId)).toContain(received.resultId);
    // the one 409 is the refused conclusion answered above on purpose
    expect([...leaderWatch.errors, ...inspectorWatch.errors.filter((e) => !/status of 409 \(Conflict\)/.test(e))]).toEqual([]);
    expect(inspectorWatch.errors.filter((e) => /409/.test(e))).toHaveLength(1);
  });

  it('the business corrects a declaration from its dossier page at 360 px: the prefilled form, a new version with its history', async () => {
    const dossier = await api<{ id: string }>('/api/v1/dossiers', 'doanhnghiep', {
      procedureCode: 'HN.ATTP.TCB',
      receivingAgency: FOOD_SAFETY,
      channel: 'online',
      applicant: { fullName: 'Công ty TNHH Thực phẩm Sạch Hà Thành', idNumber: '0101234567', phone: '0987654321', address: { communeCode: '00070', detail: 'Số 5 phố Hàng Bài' } },
      fields: { tenSanPham: 'Nước ép táo Hà Thành', nhomSanPham: 'sua_va_san_pham_tu_sua', thoiHanSuDung: '12 tháng' },
      documents: [
        { componentCode: 'TP1', fileId: await upload('doanhnghiep', 3) },
        { componentCode: 'TP2', fileId: await upload('doanhnghiep', 4) },
      ],
    });
    await api(`/api/v1/dossiers/${dossier.id}/actions`, 'motcua.attp.hanoi', { action: 'receive' });
    const business = await signedIn(portal, 'doanhnghiep', { viewport: { width: 360, height: 740 } });
    const watch = watchPage(business.page);
    await business.page.goto(`${portal.baseUrl}/ho-so-cua-toi/${dossier.id}`);
    await business.page.getByRole('heading', { level: 2, name: 'Bản công bố và các lần sửa đổi' }).waitFor();
    await business.page.getByTestId('declaration-version').getByText('Phiên bản 1').waitFor();
    await business.page.getByRole('button', { name: 'Khai bổ sung / sửa đổi' }).click();
    const name = business.page.getByLabel(/Tên sản phẩm/);
    expect(await name.inputValue()).toBe('Nước ép táo Hà Thành');
    await business.page.getByLabel(/Thời hạn sử dụng/).fill('9 tháng');
    await business.page.getByRole('button', { name: 'Gửi bản sửa đổi' }).click();
    await business.page.locator('#declaration-reason[aria-invalid="true"]').waitFor(); // the reason is required, said beside it
    await business.page.getByLabel(/Lý do sửa đổi/).fill('Kết quả kiểm nghiệm mới xác nhận hạn sử dụng 9 tháng');
    expect(await axeViolations(business.page)).toEqual([]);
    await screenshot(business.page, 'inspection-correction-form-360');
    await business.page.getByRole('button', { name: 'Gửi bản sửa đổi' }).click();
    await business.page.getByTestId('declaration-version').getByText('Phiên bản 2').waitFor();
    const versions = business.page.getByTestId('declaration-version');
    expect(await versions.count()).toBe(2);
    await versions.first().getByText(/Kết quả kiểm nghiệm mới xác nhận hạn sử dụng 9 tháng/).waitFor();
    await versions.first().getByText('9 tháng', { exact: true }).waitFor();
    expect(await business.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(business.page)).toEqual([]);
    await screenshot(business.page, 'inspection-correction-done-360');
    const stored = await api<{ versions: { version: number; fields: Record<string, unknown> }[] }>(`/api/v1/inspection/declarations/${dossier.id}`, 'doanhnghiep');
    expect(stored.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(stored.versions[1].fields).toMatchObject({ tenSanPham: 'Nước ép táo Hà Thành', thoiHanSuDung: '9 tháng' });
    expect(watch.errors).toEqual([]);
  });
});
