import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, chooseFile, type Portal, screenshot, signedIn, startPortal, tinyPdf, watchPage } from './harness.ts';

/**
 * Trục liên thông văn bản in the browser (issue 15): the clerk of Phường Hoàn Kiếm sends a signed
 * document with a PDF to Phường Ba Đình; Ba Đình's clerk finds it in the incoming register,
 * accepts it (arrival number) and assigns it; the sender sees 01 → 03 → 04 in the trail and views
 * the PDF in the page. Axe-clean at each step; screenshots in artifacts/screenshots/exchange-*.png.
 * (It was quarantined: the recipient's "Tiếp nhận, vào sổ" click was sometimes lost. The PDF
 * viewer, an out-of-process iframe, sat where the button had been before Playwright scrolled to
 * it, and under load Chromium routed the click by the iframe's stale place; the document page
 * now opens the viewer only on demand.)
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
}, 300_000);
afterAll(async () => {
  await portal?.close();
});

describe('a document between two agencies', () => {
  it('is sent with a PDF, accepted and assigned by the recipient, and the sender sees 01 → 03 → 04', async () => {
    const subject = `Về việc phối hợp rà soát hộ nghèo năm 2027 (${Date.now().toString(36)})`;
    const sender = await signedIn(portal, 'vanthu.hoankiem');
    const senderWatch = watchPage(sender.page);
    await sender.page.goto(`${portal.baseUrl}/van-thu?so=gui`);
    await sender.page.getByRole('heading', { level: 1, name: 'Văn thư — văn bản đến và đi' }).waitFor();
    await sender.page.getByLabel('Trích yếu').fill(subject);
    await sender.page.getByLabel('Nội dung').fill('Đề nghị Ủy ban nhân dân phường Ba Đình cử cán bộ phối hợp rà soát.');
    await sender.page.getByRole('textbox', { name: /^Người ký/ }).fill('Nguyễn Văn Bình');
    await sender.page.getByLabel('Chức vụ người ký').fill('Chủ tịch');
    await sender.page.getByLabel('Tìm nơi nhận (tên hoặc mã cơ quan)').fill('Ba Đình');
    await sender.page.getByTestId('recipient-results').getByRole('checkbox').first().check();
    await sender.page.getByTestId('chosen-recipients').getByText(/Đã chọn: .*Ba Đình/).waitFor();
    await chooseFile(sender.page, () => sender.page.getByLabel('Tệp đính kèm (PDF)').click(), {
      name: 'cong-van-phoi-hop.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf(7),
    });
    expect(await axeViolations(sender.page)).toEqual([]);
    await screenshot(sender.page, 'exchange-compose-1280');
    await sender.page.getByRole('button', { name: 'Ký số và gửi' }).click();

    // the outgoing register lists it; its page shows 01 for Ba Đình (delivered in the same transaction)
    await sender.page.getByTestId('outgoing-register').getByRole('link', { name: subject }).click();
    await sender.page.getByRole('heading', { level: 2, name: 'Vết trạng thái theo nơi nhận' }).waitFor();
    const senderTrail = sender.page.getByTestId('status-trail');
    await senderTrail.getByText('01 · Đã đến').waitFor();
    expect(await sender.page.getByRole('link', { name: 'cong-van-phoi-hop.pdf' }).count()).toBe(1);
    expect(await axeViolations(sender.page)).toEqual([]);
    await screenshot(sender.page, 'exchange-sent-1280');

    // the recipient's clerk: incoming register → the document → accept → assign
    const recipient = await signedIn(portal, 'vanthu.badinh');
    const recipientWatch = watchPage(recipient.page);
    await recipient.page.goto(`${portal.baseUrl}/van-thu`);
    const inbox = recipient.page.getByTestId('incoming-register');
    await inbox.getByRole('link', { name: subject }).waitFor();
    expect(await axeViolations(recipient.page)).toEqual([]);
    await screenshot(recipient.page, 'exchange-incoming-1280');
    await inbox.getByRole('link', { name: subject }).click();
    const actions = recipient.page.getByRole('region', { name: 'Xử lý văn bản đến' });
    await actions.getByText('01 · Đã đến').waitFor();
    expect(await axeViolations(recipient.page)).toEqual([]);
    // the click reaches the server (a lost click would fail here, not later) and the server says 03
    const statusPost = (r: Response) => r.url().includes('/status') && r.request().method() === 'POST';
    const [accepted] = await Promise.all([recipient.page.waitForResponse(statusPost, { timeout: 60_000 }), actions.getByRole('button', { name: 'Tiếp nhận, vào sổ' }).click()]);
    expect(accepted.status(), await accepted.text()).toBe(200);
    // the page follows the server's answer: 03 with an arrival number, and the assignment form
    await actions.getByText('03 · Đã tiếp nhận').waitFor();
    await actions.getByText(/Số đến: \d+/).waitFor();
    expect(await actions.getByRole('button', { name: 'Tiếp nhận, vào sổ' }).count()).toBe(0);
    await actions.getByLabel('Phân công cho (lãnh đạo hoặc phòng, ban)').fill('Phòng Văn hóa - Xã hội');
    const [assigned] = await Promise.all([recipient.page.waitForResponse(statusPost, { timeout: 60_000 }), actions.getByRole('button', { name: 'Phân công', exact: true }).click()]);
    expect(assigned.status(), await assigned.text()).toBe(200);
    await actions.getByText('04 · Phân công').waitFor();
    await actions.getByText(/Phân công: Phòng Văn hóa - Xã hội/).waitFor();
    await actions.getByRole('button', { name: 'Hoàn thành' }).waitFor();
    expect(await axeViolations(recipient.page)).toEqual([]);
    await screenshot(recipient.page, 'exchange-assigned-1280');

    // back at the sender: the trail shows 03 and 04 (the page polls every 3 s; no reload)
    await senderTrail.getByText('04 · Phân công').waitFor({ timeout: 60_000 });
    await senderTrail.getByText('03 · Đã tiếp nhận').waitFor();
    const codes = await senderTrail.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    expect(codes.some((r) => r.includes('Đã đến'))).toBe(true);
    expect(codes.some((r) => r.includes('Phòng Văn hóa - Xã hội'))).toBe(true);
    // the PDF, viewed in the page on demand (the last click on this page: its viewer is an iframe of its own)
    const view = sender.page.getByRole('button', { name: 'Xem tệp cong-van-phoi-hop.pdf tại chỗ' });
    await view.click();
    const pdf = sender.page.locator('iframe.pdf-view');
    await pdf.waitFor();
    expect(await pdf.getAttribute('title')).toBe('Xem tệp cong-van-phoi-hop.pdf');
    expect(await pdf.getAttribute('src')).toMatch(/\/api\/v1\/exchange\/documents\/.+\/attachments\/att1$/);
    expect(await sender.page.getByRole('button', { name: 'Đóng bản xem tệp cong-van-phoi-hop.pdf' }).getAttribute('aria-expanded')).toBe('true');
    expect(await axeViolations(sender.page)).toEqual([]);
    await screenshot(sender.page, 'exchange-trail-1280');

    // the outgoing register shows the recipient at 04
    await sender.page.goto(`${portal.baseUrl}/van-thu?so=di`);
    const row = sender.page.getByTestId('outgoing-register').getByRole('row').filter({ hasText: subject });
    await row.getByText('04 · Phân công').waitFor();
    expect([...senderWatch.errors, ...recipientWatch.errors]).toEqual([]);
    await sender.context.close();
    await recipient.context.close();
  }, 300_000);
});
