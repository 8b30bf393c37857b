import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, leaveIsGuarded, logIn, type Portal, screenshot, signedIn, startPortal, tinyPdf, watchPage } from './harness.ts';

/**
 * A desk officer's day (issue 11), all in Vietnamese on a desk computer: counter receptions in a
 * row from the ID card's QR code with the procedure's own fields, paper ticks, the fee and the
 * appointment shown before confirming, Mẫu 01 printed with one key, "receive another" keeping
 * the procedure; then the queues (filters, search by identity number, bulk assignment by the
 * leader, badges in full at 1024 px, reading without taking the lock); a chứng thực for a Ba Đình
 * resident that stays at Hoàn Kiếm and goes back by post; an overdue dossier closed with its
 * Mẫu 04; the register book (Mẫu 06) downloaded as PDF and Excel. Keystrokes per reception are
 * counted (docs/modules/workspace.md § Keystrokes).
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
  // What was measured, for docs/modules/workspace.md § Keystrokes.
  fs.mkdirSync('artifacts', { recursive: true });
  fs.writeFileSync('artifacts/desk-day-keystrokes.json', `${JSON.stringify(measured, null, 2)}\n`);
  console.log('keystrokes per counter reception', measured);
});

/** The officer's own key presses (a scanner's typing is counted apart). */
class Keys {
  count = 0;
  constructor(private page: Page) {}
  async press(key: string) {
    this.count += 1;
    await this.page.keyboard.press(key);
  }
  async type(text: string) {
    this.count += [...text].length;
    await this.page.keyboard.type(text);
  }
  async tab(n = 1) {
    for (let i = 0; i < n; i++) await this.press('Tab');
  }
}

/** A handheld scanner "types" the card's QR line and Enter, as keyboard input. */
const scan = async (page: Page, line: string) => {
  await page.keyboard.insertText(line);
  await page.keyboard.press('Enter');
};

/** 'yyyy-mm-dd' as typed in a date field: dd/mm/yyyy (ui/day-input.tsx). */
const dmy = (iso: string) => iso.split('-').reverse().join('/');

const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    const label = a?.id ? document.querySelector(`label[for="${a.id}"]`)?.textContent : null;
    return (a?.getAttribute('aria-label') ?? label ?? a?.textContent ?? '').replace(/\s*\*\s*$/, '').trim();
  });

function pdfText(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-day-')), 'mau.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
}

const MOTHER_QR = '001190012388|012345699|Lê Thị Mai|20081994|Nữ|Số 14 phố Hàng Bạc, Phường Hoàn Kiếm, Hà Nội|12052021';
const NEIGHBOUR_QR = '001085004477||Phan Văn Đức|03041985|Nam|Số 2 phố Kim Mã, Phường Ba Đình, Hà Nội|01032022';

const measured: Record<string, number> = {};
let birthId = '';
let birthCode = '';
let copyId = '';
let copyCode = '';
let supplementId = '';
const HOAN_KIEM = 'Ủy ban nhân dân Phường Hoàn Kiếm';

describe('a desk officer’s day', () => {
  it('receives a birth registration from the ID card’s QR code with the child’s details, paper ticks and the appointment; prints Mẫu 01 with one key', { timeout: 240_000 }, async () => {
    const { context, page } = await signedIn(portal, 'motcua.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo`);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).waitFor();
    const keys = new Keys(page);

    // Alt+N: the counter, the procedure picker focused; the exact code picks the procedure at once.
    await keys.press('Alt+KeyN');
    await page.waitForURL('**/can-bo/tiep-nhan');
    await page.getByRole('searchbox', { name: /^Tìm thủ tục theo tên hoặc mã/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-shortcut'))).toBe('search');
    await keys.type('1.001193');
    await keys.press('Enter');
    await page.getByTestId('chosen-procedure').filter({ hasText: '1.001193 — Đăng ký khai sinh' }).waitFor();
    await page.getByRole('heading', { name: '4. Thông tin trên tờ khai' }).waitFor();

    // Enter on "Đã nhận đủ bản giấy": the required papers ticked, no scan needed; on to the card.
    await page.getByTestId('all-paper').waitFor();
    expect(await focused(page)).toBe('Đã nhận đủ bản giấy các thành phần bắt buộc');
    await keys.press('Enter');
    expect(await page.getByRole('checkbox', { name: 'Đã nhận bản giấy' }).first().isChecked()).toBe(true);
    expect(await focused(page)).toBe('Quét mã QR trên thẻ căn cước');

    // The scanner types the card: name, number, address filled; a first-time applicant → the phone next.
    await scan(page, MOTHER_QR);
    await page.getByTestId('card-read').filter({ hasText: 'Đã đọc thẻ: Lê Thị Mai, sinh ngày 20/08/1994, giới tính Nữ.' }).waitFor();
    await page.getByTestId('card-read').filter({ hasText: 'lần đầu' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Họ và tên' }).inputValue()).toBe('Lê Thị Mai');
    expect(await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).inputValue()).toBe('001190012388');
    // the card's address ends with the ward and the city: the ward is the list's, the street the field's
    expect(await page.getByRole('textbox', { name: 'Số nhà, đường phố' }).inputValue()).toBe('Số 14 phố Hàng Bạc');
    expect(await focused(page)).toBe('Số điện thoại');
    await keys.type('0903123456');
    // From the first typed value, a reload or a closed tab asks before losing the form.
    expect(await leaveIsGuarded(page)).toBe(true);
    // nothing longer than the API takes can be typed (APPLICANT_LIMITS), as for the declaration's fields
    expect(await page.getByRole('textbox', { name: 'Họ và tên' }).getAttribute('maxlength')).toBe('200');
    expect(await page.getByRole('textbox', { name: 'Số nhà, đường phố' }).getAttribute('maxlength')).toBe('500');

    // The procedure's own fields, the same form as online: checked in the browser, in Vietnamese.
    // (a deliberate early click, not counted: the officer's path goes on from the phone field)
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: /thông tin cần sửa/ }).waitFor();
    const childName = page.getByRole('textbox', { name: /^Họ, chữ đệm, tên của trẻ/ });
    expect(await childName.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Vui lòng nhập thông tin này.').first().waitFor();
    expect(await page.locator('body').textContent()).not.toMatch(/fields\.|childSex|Invalid/);
    // the summary names each field with its message, a link that takes the focus there (the form is long)
    const toFix = page.getByTestId('problem-list').getByRole('link');
    expect(await toFix.count()).toBeGreaterThan(1);
    await toFix.filter({ hasText: /^Họ, chữ đệm, tên của trẻ.*: Vui lòng nhập thông tin này\.$/ }).click();
    expect(await focused(page)).toMatch(/^Họ, chữ đệm, tên của trẻ/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-day-birth-errors-1280');

    await page.getByRole('textbox', { name: 'Số điện thoại' }).focus();
    await keys.tab(4); // e-mail (optional), commune (preset), address (from the card), the child's name
    expect(await focused(page)).toMatch(/^Họ, chữ đệm, tên của trẻ/);
    await keys.type('Nguyễn Minh Khôi');
    await keys.press('Tab');
    // The officer types the eight digits day first (dd/mm/yyyy, whatever the browser's language:
    // this English Chromium would order a native date field mm/dd/yyyy), then Tab to the first radio.
    expect(await focused(page)).toMatch(/^Ngày, tháng, năm sinh/);
    await keys.type('01032026');
    expect(await page.getByLabel(/^Ngày, tháng, năm sinh/).inputValue()).toBe('01032026');
    await keys.press('Tab');
    expect(await focused(page)).toBe('Nam');
    await keys.press('Space');
    expect(await page.getByRole('radio', { name: 'Nam', exact: true }).isChecked()).toBe(true);
    await keys.press('Tab');
    await keys.type('Bệnh viện Phụ sản Hà Nội');

    // Fee and appointment before confirming.
    await page.getByTestId('counter-fee').filter({ hasText: 'Miễn phí' }).waitFor();
    const preview = (await page.getByTestId('appointment-preview').textContent()) ?? '';
    expect(preview).toMatch(/^Ngày hẹn trả kết quả nếu tiếp nhận bây giờ: \d{2}:\d{2},? \d{2}\/\d{2}\/\d{4}$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-day-birth-form-1280');

    await keys.press('Enter'); // Enter in the last field submits the form
    await page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    measured.birth = keys.count;
    expect(await leaveIsGuarded(page)).toBe(false); // received: nothing left to lose
    const code = (await page.getByTestId('received-code').textContent()) ?? '';
    expect(code).toMatch(/^\S+-\d{6}-\d{4,}$/);
    birthCode = code;
    expect(preview).toContain((await page.getByTestId('received-due').textContent()) ?? 'x');

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-day-birth-received-1280');

    // Mẫu 01 with one key: the print button has the focus; Enter loads the PDF and calls the
    // browser's print on it. Headless Chromium has no print dialog (calling it crashes the page),
    // so the frame's print() is observed instead of run.
    await page.evaluate(() => {
      const get = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!.get!;
      Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
        get() {
          const w = get.call(this) as Window | null;
          if (w) Object.defineProperty(w, 'print', { configurable: true, value: () => document.body.setAttribute('data-printed', this.src) });
          return w;
        },
      });
    });
    expect(await focused(page)).toBe('In Mẫu 01');
    const pdfLoaded = page.waitForResponse((r) => r.url().includes('/documents/receipt.pdf'));
    await page.keyboard.press('Enter');
    const pdf = await pdfLoaded;
    expect(pdf.status()).toBe(200);
    await expect.poll(async () => (await page.locator('body').getAttribute('data-printed')) ?? '', { timeout: 20_000 }).toContain('/documents/receipt.pdf');
    birthId = pdf.url().split('/')[6];
    const text = pdfText(await (await context.request.get(pdf.url())).body());
    expect(text).toContain(code);
    expect(text).toContain('Lê Thị Mai');

    const dossier = await (await context.request.get(`${portal.baseUrl}/api/v1/dossiers/${birthId}`)).json();
    expect(dossier.fields).toEqual({ childFullName: 'Nguyễn Minh Khôi', childBirthDate: '2026-03-01', childSex: 'nam', placeOfBirth: 'Bệnh viện Phụ sản Hà Nội' });
    expect(dossier.intake.paper.map((p: { componentCode: string }) => p.componentCode)).toEqual(['TP1', 'TP2', 'TP3']);
    expect(dossier.documents).toEqual([]);
    expect(watch.errors).toEqual([]);

    // "Tiếp nhận hồ sơ khác" (Alt+N) keeps the procedure; Alt+N again goes to the picker for another one.
    await page.keyboard.press('Alt+KeyN');
    await page.getByTestId('chosen-procedure').filter({ hasText: '1.001193 — Đăng ký khai sinh' }).waitFor();
    await page.getByTestId('all-paper').waitFor();
    await context.close();
  });

  it('receives chứng thực for a resident of another ward: the per-page fee from pages and copies, the e-mail, the return by post', { timeout: 240_000 }, async () => {
    const { context, page } = await signedIn(portal, 'motcua.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/tiep-nhan`);
    const keys = new Keys(page);
    await page.getByRole('searchbox', { name: /^Tìm thủ tục theo tên hoặc mã/ }).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-shortcut') === 'search');
    await keys.type('2.000815');
    await keys.press('Enter');
    await page.getByTestId('chosen-procedure').filter({ hasText: '2.000815' }).waitFor();
    await page.getByTestId('all-paper').waitFor();
    await keys.press('Enter');
    await scan(page, NEIGHBOUR_QR);
    await page.getByTestId('card-read').filter({ hasText: 'Phan Văn Đức' }).waitFor();
    // The look-up of earlier dossiers answers, then the phone field takes the focus.
    await page.getByTestId('card-read').filter({ hasText: 'lần đầu' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Số điện thoại');
    await keys.type('0977111222');
    await keys.press('Tab');
    await keys.type('duc.phan@example.vn');
    // Lives in Ba Đình: the card's address set the commune of residence, not the desk's own.
    const commune = page.getByRole('combobox', { name: 'Xã, phường nơi cư trú' });
    expect(await commune.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Phường Ba Đình');
    expect(await page.getByRole('textbox', { name: 'Số nhà, đường phố' }).inputValue()).toBe('Số 2 phố Kim Mã');
    // NĐ 23/2015 Art. 5: chứng thực is done by the desk the requester chose — said before confirming
    const handOver = page.getByTestId('hand-over-preview');
    await handOver.getByText(`Hồ sơ do ${HOAN_KIEM} giải quyết`).waitFor();
    await handOver.getByText('NĐ 23/2015', { exact: false }).waitFor();
    // Per-page fee (chứng thực): 5 pages, 3 copies → (2 × 2 000 + 3 × 1 000) × 3 = 21 000 đ, before confirming.
    const pages = page.getByRole('textbox', { name: /^Số trang của bản chính/ });
    await pages.fill('5');
    const copies = page.getByRole('textbox', { name: /^Số bản cần chứng thực/ });
    await copies.fill('3');
    keys.count += 4; // two Tabs, two digits (the fields start at 1)
    await page.getByTestId('counter-fee').filter({ hasText: /21\.000/ }).waitFor();
    await page.getByRole('radio', { name: 'Nhận qua dịch vụ bưu chính' }).check();
    keys.count += 2;
    // the address starts as the applicant's (from the card, ward and city once), to edit
    const postal = page.getByRole('textbox', { name: /^Địa chỉ nhận kết quả qua bưu chính/ });
    expect(await postal.inputValue()).toBe('Số 2 phố Kim Mã, Phường Ba Đình, Thành phố Hà Nội');
    await postal.fill('Số 2 phố Kim Mã, Ba Đình');
    keys.count += 1 + [...'Số 2 phố Kim Mã, Ba Đình'].length;
    await page.getByTestId('appointment-preview').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-day-copy-form-1280');
    await keys.press('Enter');
    await page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    measured.copy = keys.count;
    const href = (await page.getByRole('link', { name: 'Mở, in Mẫu 01' }).getAttribute('href')) ?? '';
    copyId = href.split('/')[4];
    const dossier = await (await context.request.get(`${portal.baseUrl}/api/v1/dossiers/${copyId}`)).json();
    expect(dossier.applicant).toMatchObject({ fullName: 'Phan Văn Đức', email: 'duc.phan@example.vn', address: { communeCode: expect.not.stringMatching(/^00070$/) } });
    expect(dossier.intake.fee).toMatchObject({ pages: 5, copies: 3, totalVnd: 21000 });
    expect(dossier.intake).toMatchObject({ returnMethod: 'buu_chinh', returnAddress: 'Số 2 phố Kim Mã, Ba Đình' });
    // it stays here: decided and held by Hoàn Kiếm, never handed to Ba Đình
    expect(dossier.receivingAgency.name).toBe(HOAN_KIEM);
    expect(dossier.competentAgency).toEqual(dossier.receivingAgency);
    expect(dossier.currentAgency).toEqual(dossier.receivingAgency);
    copyCode = dossier.code;
    // Mẫu 01 says how the result goes back and what was paid
    const receipt = pdfText(await (await context.request.get(portal.baseUrl + href)).body());
    expect(receipt).toContain('Hình thức nhận kết quả: Nhận kết quả qua dịch vụ bưu chính công ích tại địa chỉ: Số 2 phố Kim Mã, Ba Đình');
    expect(receipt).toContain('21.000 đồng');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('receives a returning applicant (phone and address from her earlier dossier); a missing paper gets Mẫu 02', { timeout: 240_000 }, async () => {
    const { context, page } = await signedIn(portal, 'motcua.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/tiep-nhan`);
    const keys = new Keys(page);
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-shortcut') === 'search');
    await keys.type('1.001193');
    await keys.press('Enter');
    await page.getByTestId('all-paper').waitFor();
    // Only the ID card was shown (TP3 ticked): the declaration (TP1) and the birth certificate (TP2) are missing.
    await page.getByRole('checkbox', { name: 'Đã nhận bản giấy' }).nth(2).check();
    keys.count += 4; // Tab ×3, Space
    await page.getByRole('textbox', { name: 'Quét mã QR trên thẻ căn cước' }).focus();
    keys.count += 1;
    await scan(page, MOTHER_QR);
    await page.getByTestId('card-read').filter({ hasText: 'đã nộp hồ sơ tại đây' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Số điện thoại' }).inputValue()).toBe('0903123456');
    expect(await page.getByRole('textbox', { name: 'Số nhà, đường phố' }).inputValue()).toBe('Số 14 phố Hàng Bạc');
    // The phone is known: the declaration is next.
    expect(await focused(page)).toMatch(/^Họ, chữ đệm, tên của trẻ/);
    await keys.type('Nguyễn Minh Châu');
    await keys.press('Tab');
    await keys.type('02032026');
    // Tab to the radios, then the arrow moves to "Nữ" and ticks it.
    await keys.press('Tab');
    await keys.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Nữ', exact: true }).isChecked()).toBe(true);
    await keys.press('Tab');
    await keys.type('Bệnh viện Phụ sản Hà Nội');
    await keys.press('Enter');
    const offer = page.getByRole('region', { name: 'Hồ sơ còn thiếu thành phần' });
    await offer.getByText('Còn thiếu 2 thành phần bắt buộc.', { exact: false }).waitFor();
    await page.getByText('Thành phần bắt buộc: đánh dấu đã nhận bản giấy hoặc tải bản quét lên.').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // Only papers are missing: the keyboard is on the offer below the form, one Enter issues Mẫu 02.
    await expect.poll(() => focused(page)).toBe('Lập phiếu yêu cầu bổ sung (Mẫu 02)');
    await keys.press('Enter');
    await page.getByRole('heading', { name: 'Đã lập phiếu yêu cầu bổ sung' }).waitFor();
    measured.supplement = keys.count;
    expect(await focused(page)).toBe('In Mẫu 02');
    const href = (await page.getByRole('link', { name: /^Mẫu 02/ }).getAttribute('href')) ?? '';
    supplementId = href.split('/')[4];
    const notice = pdfText(await (await context.request.get(portal.baseUrl + href)).body());
    expect(notice).toContain('Giấy chứng sinh');
    expect(notice).toContain('Tờ khai đăng ký khai sinh');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('an interrupted reception: a link followed mid-form and the way back give the form as it was left; "Bỏ" starts afresh', { timeout: 240_000 }, async () => {
    const { context, page } = await signedIn(portal, 'motcua.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/tiep-nhan`);
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-shortcut') === 'search');
    await page.keyboard.type('1.001193');
    await page.keyboard.press('Enter');
    await page.getByTestId('all-paper').click();
    await page.getByRole('textbox', { name: 'Họ và tên' }).fill('Phan Văn Đức');
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912345678');
    await page.getByRole('textbox', { name: /^Họ, chữ đệm, tên của trẻ/ }).fill('Phan Minh An');
    // A colleague asks about a dossier: the officer goes to the queues (a link, no reload), then back.
    await page.locator('.ws-nav').getByRole('link', { name: 'Hồ sơ cần xử lý', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).waitFor();
    await page.locator('.ws-nav').getByRole('link', { name: 'Tiếp nhận tại quầy', exact: true }).click();
    const notice = page.getByTestId('draft-restored');
    await notice.getByText('Hồ sơ đang nhập dở được giữ lại từ lúc rời trang này', { exact: false }).waitFor();
    await page.getByTestId('chosen-procedure').filter({ hasText: '1.001193 — Đăng ký khai sinh' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Họ và tên' }).inputValue()).toBe('Phan Văn Đức');
    expect(await page.getByRole('textbox', { name: 'Số điện thoại' }).inputValue()).toBe('0912345678');
    expect(await page.getByRole('textbox', { name: /^Họ, chữ đệm, tên của trẻ/ }).inputValue()).toBe('Phan Minh An');
    expect(await page.getByRole('checkbox', { name: 'Đã nhận bản giấy' }).first().isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-day-reception-restored-1280');
    // Another applicant after all: the kept form goes, the counter starts blank.
    await notice.getByRole('button', { name: 'Bỏ, tiếp nhận hồ sơ mới' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await page.getByRole('textbox', { name: 'Họ và tên' }).inputValue()).toBe('');
    expect(await page.getByTestId('chosen-procedure').count()).toBe(0);
    await page.locator('.ws-nav').getByRole('link', { name: 'Hồ sơ cần xử lý', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).waitFor();
    await page.locator('.ws-nav').getByRole('link', { name: 'Tiếp nhận tại quầy', exact: true }).click();
    await page.getByRole('searchbox', { name: /^Tìm thủ tục theo tên hoặc mã/ }).waitFor();
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Họ và tên' }).inputValue()).toBe('');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('records the supplement in two visits (partial, then complete), then receives it with Mẫu 01', { timeout: 240_000 }, async () => {
    const { context, page } = await signedIn(portal, 'motcua.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${supplementId}`);
    const waiting = page.getByTestId('supplement-status');
    await waiting.getByText('Còn thiếu 2 giấy tờ:').waitFor();
    // What was declared at the counter and the paper handed over are on the page the officers work on.
    const declared = page.getByRole('region', { name: 'Thông tin trên tờ khai' });
    expect(await declared.getByTestId('declared-childFullName').textContent()).toBe('Nguyễn Minh Châu');
    expect(await declared.getByTestId('declared-childBirthDate').textContent()).toBe('02/03/2026');
    expect(await declared.getByTestId('declared-childSex').textContent()).toBe('Nữ');
    expect(await page.getByTestId('paper-received').textContent()).toMatch(/^Giấy tờ tùy thân.*\(1 bản chính, 0 bản sao\)$/);
    // First visit: the declaration only.
    await page.getByRole('button', { name: 'Ghi nhận giấy tờ bổ sung' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi nhận giấy tờ bổ sung' });
    expect(await dialog.getByRole('combobox', { name: 'Thành phần hồ sơ (1)' }).inputValue()).toBe('TP1');
    await dialog.locator('input[type=file]').first().setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: tinyPdf(301) });
    await dialog.getByRole('button', { name: 'Ghi nhận giấy tờ bổ sung' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waiting.getByText('Còn thiếu 1 giấy tờ:').waitFor();
    // the dialog gone, the keyboard is back on the button that opened it (still offered: one paper missing)
    await expect.poll(() => focused(page)).toBe('Ghi nhận giấy tờ bổ sung');
    expect(await page.getByTestId('dossier-status').textContent()).toBe('Yêu cầu bổ sung giấy tờ');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-day-supplement-partial-1280');
    // Second visit: the birth certificate; the dossier is complete and is received.
    await page.getByRole('button', { name: 'Ghi nhận giấy tờ bổ sung' }).click();
    expect(await dialog.getByRole('combobox', { name: 'Thành phần hồ sơ' }).inputValue()).toBe('TP2');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: tinyPdf(302) });
    await dialog.getByRole('button', { name: 'Ghi nhận giấy tờ bổ sung' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Mới đăng ký');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    // The confirmation opens on its confirm button (not the close button): Enter receives.
    await expect
      .poll(() => page.evaluate(() => (document.activeElement?.closest('[role="dialog"]') ? document.activeElement.textContent : null)))
      .toBe('Tiếp nhận');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Được tiếp nhận');
    const receipt = page.getByRole('link', { name: /^Mẫu 01/ });
    const pdf = await context.request.get(portal.baseUrl + ((await receipt.getAttribute('href')) ?? ''));
    expect(pdf.status()).toBe(200);
    expect(pdfText(await pdf.body())).toContain('Lê Thị Mai');
    expect(await axeViolations(page)).toEqual([]);
    // Leaving the page gives the processing lock back (the leader assigns this dossier next; a
    // closed browser may not get to send its release: the lock would wait for its expiry).
    await page.locator('.ws-nav').getByRole('link', { name: 'Hồ sơ cần xử lý', exact: true }).click();
    await expect
      .poll(async () => ((await (await context.request.get(`${portal.baseUrl}/api/v1/dossiers/${supplementId}`)).json()) as { lock: unknown }).lock, { timeout: 10_000 })
      .toBe(null);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('queues: search by identity number across open and finished, filter by procedure, badges in full at 1024 px', { timeout: 240_000 }, async () => {
    const { context, page } = await signedIn(portal, 'motcua.hoankiem', { viewport: { width: 1024, height: 800 } });
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo`);
    const search = page.getByRole('searchbox', { name: /^Tìm theo mã hồ sơ, tên, số định danh/ });
    await search.fill('001190012388');
    await search.press('Enter');
    await page.waitForURL(/queue=all/);
    await page.getByRole('status').filter({ hasText: 'Tất cả hồ sơ: 2 hồ sơ' }).waitFor();
    await page.getByRole('link', { name: 'Tất cả hồ sơ' }).waitFor();
    // Badges: the whole word, nothing cut.
    const badges = page.locator('table .ws-badge');
    await badges.first().waitFor();
    for (const badge of await badges.all()) {
      const cut = await badge.evaluate((el) => [el, ...el.querySelectorAll('*')].some((n) => n.scrollWidth > n.clientWidth + 1));
      expect(cut, (await badge.textContent()) ?? '').toBe(false);
    }
    expect(await badges.allTextContents()).toContain('Trong hạn');
    await search.fill('');
    await search.press('Enter');
    await page.waitForURL((url) => !url.search.includes('q='));
    // A range ending before it starts is said beside "Đến ngày"; the list stays (no "Dữ liệu không hợp lệ").
    await page.getByRole('textbox', { name: /^Tiếp nhận từ ngày/ }).fill('31/12/2026');
    await page.getByRole('textbox', { name: /^Đến ngày/ }).fill('01/12/2026');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.getByText('Ngày kết thúc không được trước ngày bắt đầu.').waitFor();
    expect(await focused(page)).toMatch(/^Đến ngày/);
    expect(page.url()).not.toContain('from=');
    await page.getByRole('textbox', { name: /^Tiếp nhận từ ngày/ }).fill('');
    await page.getByRole('textbox', { name: /^Đến ngày/ }).fill('');
    await page.getByRole('textbox', { name: 'Mã thủ tục' }).fill('2.000815');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/procedure=2\.000815/);
    await page.getByRole('cell', { name: 'Phan Văn Đức' }).waitFor();
    // Phan Văn Đức was in the unfiltered list too: wait for the filtered answer itself
    await expect.poll(() => page.getByRole('cell', { name: 'Lê Thị Mai' }).count(), { timeout: 20_000 }).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-day-queue-filtered-1024');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the leader assigns the morning’s dossiers at once; opening one takes no lock, closing the tab gives back the one an action took', { timeout: 240_000 }, async () => {
    const { context, page } = await signedIn(portal, 'lanhdao.hoankiem');
    const watch = watchPage(page);
    // the agency filter (the overview's links) names the agency, not its code
    const me = await (await context.request.get(`${portal.baseUrl}/api/v1/me`)).json();
    const hoanKiem = (me.user ?? me).agencies.find((a: { name: string }) => a.name === HOAN_KIEM).code;
    await page.goto(`${portal.baseUrl}/can-bo?queue=agency&agency=${encodeURIComponent(hoanKiem)}`);
    await page.getByText(`Chỉ hiển thị hồ sơ của cơ quan ${HOAN_KIEM}.`).waitFor();
    await page.getByRole('checkbox', { name: /của Phan Văn Đức$/ }).waitFor();
    for (const name of ['Lê Thị Mai', 'Phan Văn Đức']) {
      for (const box of await page.getByRole('checkbox', { name: new RegExp(`của ${name}$`) }).all()) await box.check();
    }
    await page.getByRole('combobox', { name: /^Chuyên viên thụ lý cho 3 hồ sơ đã chọn/ }).selectOption('chuyenvien.hoankiem');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-day-bulk-assign-1280');
    await page.getByRole('button', { name: 'Phân công 3 hồ sơ' }).click();
    await page.getByTestId('bulk-result').filter({ hasText: 'Đã phân công 3/3 hồ sơ.' }).waitFor();
    await page.getByRole('cell', { name: 'Lê Thu Hà' }).first().waitFor();

    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${birthId}`);
    await page.getByTestId('dossier-status').waitFor();
    const lock = async () => (await (await context.request.get(`${portal.baseUrl}/api/v1/dossiers/${birthId}`)).json()).lock;
    expect(await lock()).toBeNull();
    // Starting an action takes it; closing the tab gives it back at once (pagehide), not when it
    // expires: a colleague opening the dossier next is not told it is being processed.
    const claimed = page.waitForResponse((r) => r.url().endsWith(`/dossiers/${birthId}/lock`) && r.request().method() === 'POST');
    await page.getByRole('region', { name: 'Thao tác' }).getByRole('button').first().click();
    expect((await claimed).status()).toBe(200);
    await page.getByRole('dialog').waitFor();
    expect((await lock())?.holder?.name).toBe('Phạm Quốc Hùng');
    expect(watch.errors).toEqual([]);
    await page.close({ runBeforeUnload: true });
    await expect.poll(lock, { timeout: 10_000 }).toBeNull();
    await context.close();
  });

  it('the chứng thực goes back by post, as chosen: the desk records the postal number; tracking says so', { timeout: 240_000 }, async () => {
    const leader = await signedIn(portal, 'lanhdao.hoankiem');
    await leader.page.goto(`${portal.baseUrl}/can-bo/ho-so/${copyId}`);
    await leader.page.getByRole('region', { name: 'Thao tác' }).getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    const approve = leader.page.getByRole('dialog', { name: 'Phê duyệt kết quả' });
    await approve.getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    await approve.waitFor({ state: 'detached' });
    await expect.poll(() => leader.page.getByTestId('dossier-status').textContent()).toBe('Đã xử lý xong');
    await leader.context.close();

    const { context, page } = await signedIn(portal, 'motcua.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${copyId}`);
    expect(await page.getByTestId('dossier-return-method').textContent()).toBe('Nhận qua dịch vụ bưu chính — Số 2 phố Kim Mã, Ba Đình');
    await page.getByRole('button', { name: 'Trả kết quả' }).click();
    const ret = page.getByRole('dialog', { name: 'Trả kết quả' });
    await ret.getByTestId('return-by-post').filter({ hasText: 'gửi đến Số 2 phố Kim Mã, Ba Đình' }).waitFor();
    // nobody collects it at the desk: no "who collected" fields, the postal number instead
    expect(await ret.getByRole('textbox', { name: /Họ và tên người nhận kết quả/ }).count()).toBe(0);
    await ret.getByRole('textbox', { name: /^Số hiệu bưu gửi/ }).fill('EB123456789VN');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-day-return-by-post-1280');
    await ret.getByRole('button', { name: 'Trả kết quả' }).click();
    await ret.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Đã trả kết quả');
    await page.getByTestId('returned-how').filter({ hasText: 'Đã gửi kết quả qua dịch vụ bưu chính công ích, số hiệu bưu gửi EB123456789VN.' }).waitFor();
    expect(watch.errors).toEqual([]);
    await context.close();

    // public tracking, as the applicant reads it
    const visitor = await portal.browser.newContext();
    const tracking = await visitor.newPage();
    await tracking.goto(`${portal.baseUrl}/tra-cuu/${encodeURIComponent(copyCode)}`);
    await tracking.getByTestId('tracking-return-method').filter({ hasText: 'Nhận qua dịch vụ bưu chính' }).waitFor();
    await visitor.close();
  });

  it('an overdue dossier is closed lawfully: the leader sends the apology (Mẫu 04), approves, the desk returns it', { timeout: 240_000 }, async () => {
    // The birth registration runs a day past its appointment (the development clock moves on).
    const admin = await portal.browser.newContext();
    await logIn(portal, admin.request, 'admin');
    const desk = await signedIn(portal, 'motcua.hoankiem');
    const due = new Date((await (await desk.request.get(`${portal.baseUrl}/api/v1/dossiers/${birthId}`)).json()).dueAt as string);
    const moved = await admin.request.put(`${portal.baseUrl}/api/v1/dev/clock`, { data: { now: new Date(due.getTime() + 86_400_000).toISOString() } });
    expect(moved.status(), await moved.text()).toBe(200);
    await admin.close();

    const { context, page } = await signedIn(portal, 'lanhdao.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo?queue=overdue`);
    await page.getByRole('cell', { name: 'Lê Thị Mai' }).first().waitFor();
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${birthId}`);
    const actions = page.getByRole('region', { name: 'Thao tác' });
    await actions.getByRole('button', { name: 'Gia hạn, xin lỗi', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Gia hạn, xin lỗi' });
    // five working days after the old appointment, at the close of the office (an appointment on
    // a day off or outside office hours is refused)
    const dueDate = new Date(due.getTime() + 7 * 3600_000).toISOString().slice(0, 10); // Asia/Ho_Chi_Minh
    const later = await context.request.get(`${portal.baseUrl}/api/v1/calendar/add-working-days?from=${dueDate}&days=5`);
    expect(later.status(), await later.text()).toBe(200);
    // typed day first with a 24-hour time, as the field shows it whatever the browser's language
    await dialog.getByLabel('Ngày giờ hẹn trả mới').fill(`${dmy((await later.json()).date)} 17:00`);
    await dialog.getByRole('textbox', { name: 'Lý do' }).fill('Cần xác minh thêm thông tin nơi sinh');
    await dialog.getByRole('button', { name: 'Gia hạn, xin lỗi', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const apology = page.getByRole('link', { name: /^Mẫu 04/ });
    const pdf = await context.request.get(portal.baseUrl + ((await apology.getAttribute('href')) ?? ''));
    expect(pdf.status()).toBe(200);
    const text = pdfText(await pdf.body());
    expect(text).toContain('Cần xác minh thêm thông tin nơi sinh');
    expect(text).toContain('Lê Thị Mai');
    await actions.getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    const approve = page.getByRole('dialog', { name: 'Phê duyệt kết quả' });
    await approve.getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    await approve.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Đã xử lý xong');
    expect(await axeViolations(page)).toEqual([]);
    // A leader's header holds every link of his roles and still shows "Đăng xuất" whole (it wraps on a desktop).
    const logout = (await page.getByRole('button', { name: 'Đăng xuất' }).boundingBox())!;
    expect(logout.x + logout.width).toBeLessThanOrEqual(page.viewportSize()!.width);
    await screenshot(page, 'desk-day-overdue-approved-1280');
    expect(watch.errors).toEqual([]);
    await context.close();

    // The desk signs in again: its morning session ended with the day the clock moved past.
    await desk.context.close();
    const counter = await signedIn(portal, 'motcua.hoankiem');
    await counter.page.goto(`${portal.baseUrl}/can-bo/ho-so/${birthId}`);
    await counter.page.getByRole('button', { name: 'Trả kết quả' }).click();
    const ret = counter.page.getByRole('dialog', { name: 'Trả kết quả' });
    await ret.getByRole('button', { name: 'Trả kết quả' }).click();
    await ret.waitFor({ state: 'detached' });
    await expect.poll(() => counter.page.getByTestId('dossier-status').textContent()).toBe('Đã trả kết quả');

    // The day's register book (Mẫu 06), from the workspace navigation: the period of the receptions, PDF and Excel.
    const page2 = counter.page;
    const link = page2.getByRole('navigation', { name: 'Khu làm việc của cán bộ' }).getByRole('link', { name: 'Sổ theo dõi hồ sơ' });
    await link.focus();
    await page2.keyboard.press('Enter');
    await page2.waitForURL('**/can-bo/so-theo-doi**');
    await page2.getByRole('heading', { level: 1, name: 'Sổ theo dõi hồ sơ' }).waitFor();
    const birth = await (await counter.context.request.get(`${portal.baseUrl}/api/v1/dossiers/${birthId}`)).json();
    const supplemented = await (await counter.context.request.get(`${portal.baseUrl}/api/v1/dossiers/${supplementId}`)).json();
    const from = (birth.receivedAt as string).slice(0, 10);
    const to = new Date(due.getTime() + 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    await page2.getByLabel('Từ ngày').fill(dmy(from));
    await page2.getByLabel('Đến ngày').fill(dmy(to));
    await page2.getByLabel('Đến ngày').press('Enter');
    await page2.waitForURL(new RegExp(`from=${from}&to=${to}`));
    const codes = [birthCode, copyCode, supplemented.code as string];
    const table = page2.getByTestId('register-book-table');
    for (const c of codes) await table.getByRole('link', { name: c }).waitFor();
    expect(await axeViolations(page2)).toEqual([]);
    await screenshot(page2, 'desk-day-register-book-1280');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-day-book-'));
    const [pdfDownload] = await Promise.all([page2.waitForEvent('download'), page2.getByTestId('register-book-pdf').click()]);
    await pdfDownload.saveAs(path.join(dir, 'so.pdf'));
    const book = pdfText(fs.readFileSync(path.join(dir, 'so.pdf')));
    expect(book).toContain('SỔ THEO DÕI HỒ SƠ');
    for (const c of codes) expect(book).toContain(c);
    for (const name of ['Lê Thị Mai', 'Phan Văn Đức']) expect(book).toContain(name);
    const xlsxLink = page2.getByTestId('register-book-xlsx');
    await xlsxLink.focus();
    const [xlsxDownload] = await Promise.all([page2.waitForEvent('download'), page2.keyboard.press('Enter')]);
    await xlsxDownload.saveAs(path.join(dir, 'so.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'so.xlsx'));
    const ws = wb.getWorksheet('Sổ theo dõi hồ sơ')!;
    const rows: { code: string; sets: unknown; name: string }[] = [];
    ws.eachRow((row) => {
      const c = String(row.getCell(2).value ?? '');
      if (codes.includes(c)) rows.push({ code: c, sets: row.getCell(4).value, name: String(row.getCell(5).value) });
    });
    expect(rows.map((r) => r.code).sort()).toEqual([...codes].sort());
    expect(rows.every((r) => r.sets === 1)).toBe(true); // one set per dossier, whatever the files
    expect(rows.find((r) => r.code === copyCode)?.name).toBe('Phan Văn Đức');
    expect(rows.find((r) => r.code === birthCode)?.name).toBe('Lê Thị Mai');
    await counter.context.close();
  });
});

