import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../src/modules/files/test-samples.ts';
import { axeViolations, PHONE, type Portal, screenshot, signedIn, startPortal, watchPage } from './harness.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

/** An API client signed in as a demo account (officers work through the API in this journey). */
async function as(username: string) {
  const login = await fetch(`${portal.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'MotCua@2026' }),
  });
  expect(login.status).toBe(200);
  const { token, user } = (await login.json()) as { token: string; user: { agencies: { code: string }[] } };
  const headers = { authorization: `Bearer ${token}` };
  return {
    agency: user.agencies[0]?.code,
    async post(path: string, body: unknown) {
      const res = await fetch(`${portal.baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as Record<string, any>;
      expect(res.status, JSON.stringify(json)).toBeLessThan(300);
      return json;
    },
    async upload(name: string) {
      const form = new FormData();
      form.append('file', new Blob([pdf(name)], { type: 'application/pdf' }), `${name}.pdf`);
      const res = await fetch(`${portal.baseUrl}/api/v1/files`, { method: 'POST', headers, body: form });
      expect(res.status).toBe(201);
      return ((await res.json()) as { fileId: string }).fileId;
    },
  };
}

describe('citizen pays a fee, checks the signed result, rates the service and sends feedback', () => {
  it('pays through VietQR / the sandbox gateway, gets the e-receipt, then verifies the signed result', async () => {
    // Submitted online, received, assigned, and a fee requested — through the API.
    const citizen = await as('congdan');
    const desk = await as('motcua.hoankiem');
    const procedure = (await (await fetch(`${portal.baseUrl}/api/v1/procedures/1.004873`)).json()) as { components: { code: string; required: boolean }[] };
    const documents = [];
    for (const c of procedure.components.filter((x) => x.required)) documents.push({ componentCode: c.code, fileId: await citizen.upload(c.code) });
    const dossier = await citizen.post('/api/v1/dossiers', {
      procedureCode: '1.004873',
      receivingAgency: desk.agency,
      channel: 'online',
      applicant: { fullName: 'Nguyễn Thị Ánh Tuyết', idNumber: '001190012345', phone: '0912345678', address: { communeCode: '00070', detail: 'Số 1 phố Tràng Tiền' } },
      fields: {},
      documents,
    });
    await desk.post(`/api/v1/dossiers/${dossier.id}/actions`, { action: 'receive' });
    await (await as('lanhdao.hoankiem')).post(`/api/v1/dossiers/${dossier.id}/actions`, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    await (await as('chuyenvien.hoankiem')).post(`/api/v1/dossiers/${dossier.id}/actions`, { action: 'request_payment', amountVnd: 20000, reason: 'Lệ phí cấp giấy xác nhận' });

    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/dang-nhap?next=${encodeURIComponent(`/ho-so-cua-toi/${dossier.id}`)}`);
    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('congdan');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('MotCua@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL(`**/ho-so-cua-toi/${dossier.id}`);

    await page.getByRole('heading', { name: 'Thanh toán phí, lệ phí' }).waitFor();
    await page.getByText('20.000 đ').first().waitFor();
    await page.getByRole('button', { name: 'Thanh toán ngay' }).click();
    await page.getByRole('img', { name: 'Mã VietQR để chuyển khoản 20.000 đ' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'payment-order-360');

    await page.getByRole('link', { name: 'Thanh toán qua cổng thanh toán' }).click();
    await page.getByRole('heading', { name: 'Xác nhận thanh toán' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'payment-sandbox-gateway-360');
    await page.getByRole('button', { name: 'Thanh toán' }).click();
    await page.waitForURL(`**/ho-so-cua-toi/${dossier.id}?thanh-toan=thanh-cong`);
    await page.getByText('Thanh toán thành công. Hồ sơ đã được chuyển tiếp để xử lý.').waitFor();
    await page.getByRole('link', { name: 'Xem biên lai điện tử' }).waitFor();
    await page.getByText(/Đã thanh toán 20\.000 đ, biên lai số BL\d{4}-\d{7}\./).waitFor();

    // The leader approves: the signed result appears on the citizen's page and verifies publicly.
    await (await as('lanhdao.hoankiem')).post(`/api/v1/dossiers/${dossier.id}/actions`, { action: 'approve', note: 'Đủ điều kiện' });
    await page.goto(`${portal.baseUrl}/ho-so-cua-toi/${dossier.id}`);
    await page.getByRole('heading', { name: 'Kết quả giải quyết' }).waitFor();
    await page.getByRole('link', { name: 'Tải kết quả (PDF có chữ ký số)' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-result-360');
    // Rating (NĐ 61 criteria): one criterion is enough; a second visit says thank you.
    const time = page.getByRole('radiogroup', { name: 'Thời gian giải quyết so với quy định' });
    await time.getByRole('radio', { name: 'Rất hài lòng' }).check();
    await page.getByRole('radiogroup', { name: 'Thái độ, tác phong của cán bộ' }).getByRole('radio', { name: 'Hài lòng', exact: true }).check();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn Ông/Bà đã đánh giá việc giải quyết hồ sơ này.').waitFor();

    await page.getByRole('link', { name: 'Kiểm tra chữ ký số' }).click();
    await page.waitForURL('**/verify/**');
    await page.getByText(/hợp lệ/i).first().waitFor();

    // Feedback: choose the agency by province and commune, get a reference and an answer date.
    await page.goto(`${portal.baseUrl}/phan-anh-kien-nghi`);
    await page.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' }).waitFor();
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.getByText('Vui lòng chọn cơ quan.').waitFor();
    await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Thành phố Hà Nội' });
    await page.getByLabel('Xã, phường, đặc khu').selectOption({ label: 'Phường Hoàn Kiếm' });
    await page.getByLabel('Cơ quan được phản ánh').selectOption({ label: 'Ủy ban nhân dân Phường Hoàn Kiếm' });
    await page.getByRole('textbox', { name: 'Tiêu đề' }).fill('Hướng dẫn thanh toán chưa rõ');
    await page.getByRole('textbox', { name: 'Nội dung' }).fill('Trang thanh toán nên ghi rõ thời gian ngân hàng xác nhận giao dịch.');
    await page.getByRole('checkbox', { name: /Đồng ý công khai/ }).check();
    // A reload (or a phone closing the tab in the background) keeps what was typed.
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Nội dung' }).inputValue()).toBe('Trang thanh toán nên ghi rõ thời gian ngân hàng xác nhận giao dịch.');
    expect(await page.getByRole('textbox', { name: 'Tiêu đề' }).inputValue()).toBe('Hướng dẫn thanh toán chưa rõ');
    await expect.poll(() => page.getByLabel('Cơ quan được phản ánh').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)).toBe('Ủy ban nhân dân Phường Hoàn Kiếm');
    expect(await page.getByRole('checkbox', { name: /Đồng ý công khai/ }).isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.getByText(/^Số tham chiếu PAKN-\d{4}-\d{6}\. Cơ quan trả lời chậm nhất ngày \d{2}\/\d{2}\/\d{4}\.$/).waitFor();
    await page.getByRole('heading', { name: 'Phản ánh của tôi' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'feedback-sent-360');
    // Sent: a reload offers an empty form, not the same feedback again.
    await page.reload();
    await page.getByRole('heading', { name: 'Phản ánh của tôi' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Nội dung' }).inputValue()).toBe('');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the desk officer answers the feedback on a tablet; the citizen reads the answer, the public list shows it, and the agency’s satisfaction counts the rating', async () => {
    const desk = await signedIn(portal, 'motcua.hoankiem', { viewport: { width: 1024, height: 768 } });
    const watch = watchPage(desk.page);
    await desk.page.goto(`${portal.baseUrl}/can-bo`);
    await desk.page.getByRole('navigation', { name: 'Khu làm việc của cán bộ' }).getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await desk.page.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' }).waitFor();
    const item = desk.page.getByTestId('feedback-item').filter({ hasText: 'Hướng dẫn thanh toán chưa rõ' });
    await item.getByText('Người gửi: ', { exact: false }).waitFor();
    await item.getByText(/^Hạn trả lời: \d{2}\/\d{2}\/\d{4}$/).waitFor();
    const answer = item.getByRole('textbox', { name: /^Nội dung trả lời/ });
    await answer.fill('Cảm ơn');
    await item.getByRole('button', { name: 'Gửi trả lời' }).click();
    await item.getByText('Nội dung trả lời cần ít nhất 10 ký tự.').waitFor();
    await answer.fill('Cảm ơn Ông/Bà. Từ tuần sau trang thanh toán ghi rõ: ngân hàng xác nhận trong vòng 5 phút.');
    await item.getByRole('button', { name: 'Gửi trả lời' }).click();
    await item.getByText(/^Trả lời lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/).waitFor();
    expect(await item.getByRole('button', { name: 'Gửi trả lời' }).count()).toBe(0);
    expect(await axeViolations(desk.page)).toEqual([]);
    await screenshot(desk.page, 'workspace-feedback-1024');
    expect(watch.errors).toEqual([]);
    await desk.context.close();

    // The citizen reads it under "Phản ánh của tôi"; they agreed to publication, so the public list has it too.
    const citizen = await signedIn(portal, 'congdan', { viewport: PHONE });
    await citizen.page.goto(`${portal.baseUrl}/phan-anh-kien-nghi`);
    for (const section of ['phan-anh-cua-toi', 'da-tra-loi']) {
      await citizen.page
        .locator(`section[aria-labelledby="${section}"]`)
        .getByTestId('feedback-item')
        .filter({ hasText: 'Hướng dẫn thanh toán chưa rõ' })
        .getByText('ngân hàng xác nhận trong vòng 5 phút', { exact: false })
        .waitFor();
    }

    // The agency's published satisfaction (NĐ 61 Art. 31), from the footer: the rating given above is counted.
    await citizen.page.getByRole('contentinfo').getByRole('link', { name: 'Mức độ hài lòng' }).click();
    await citizen.page.getByRole('heading', { level: 1, name: 'Mức độ hài lòng của người dân, doanh nghiệp' }).waitFor();
    await citizen.page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Thành phố Hà Nội' });
    await citizen.page.getByLabel('Xã, phường, đặc khu').selectOption({ label: 'Phường Hoàn Kiếm' });
    await citizen.page.getByLabel('Cơ quan', { exact: true }).selectOption({ label: 'Ủy ban nhân dân Phường Hoàn Kiếm' });
    await citizen.page.getByRole('heading', { level: 2, name: 'Ủy ban nhân dân Phường Hoàn Kiếm' }).waitFor();
    await citizen.page.getByText(/^1 lượt đánh giá; hài lòng trở lên: \d+(,\d)? %\.$/).waitFor();
    expect(await citizen.page.getByRole('table').getByRole('row').count()).toBe(9); // the header and the 8 criteria of NĐ 61
    expect(citizen.page.url()).toContain('coQuan=');
    expect(await citizen.page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);
    expect(await axeViolations(citizen.page)).toEqual([]);
    await screenshot(citizen.page, 'satisfaction-360');
    await citizen.context.close();
  });
});
