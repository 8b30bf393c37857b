import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, chooseFile, DEMO_PASSWORD, PHONE, type Portal, screenshot, startPortal, tinyPdf, watchPage } from './harness.ts';

/**
 * The online journey with the keyboard alone on a 360 px phone (issue: "every journey … on a
 * 360 px screen and with the keyboard alone"): search → procedure → sign in → the form (errors
 * first) → upload → review → submit → confirmation. Only Tab, Shift+Tab, Enter, Space, arrows
 * and typed text; locators only read what has focus and what shows. The one exception is the
 * operating system's file dialog, which Playwright answers (`filechooser`).
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

interface Focused {
  tag: string;
  id: string;
  type: string;
  label: string;
  /** The focused element shows a ring. */
  ringVisible: boolean;
}

/** What has focus: its accessible name as far as the page gives it, and whether a focus ring shows. */
const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body) return { tag: 'body', id: '', type: '', label: '', ringVisible: false };
    const byFor = a.id ? document.querySelector(`label[for="${CSS.escape(a.id)}"]`) : null;
    const byIds = a.getAttribute('aria-labelledby')?.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    const label = a.getAttribute('aria-label') ?? byIds ?? byFor?.textContent ?? a.textContent ?? '';
    const style = getComputedStyle(a);
    const ring = (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return {
      tag: a.tagName.toLowerCase(),
      id: a.id,
      type: (a as HTMLInputElement).type ?? '',
      label: label.replace(/\s+/g, ' ').trim(),
      ringVisible: a.matches(':focus-visible') && ring,
    };
  });

/**
 * Presses `key` (Tab by default) until `test` accepts what has focus. Every stop on the way must
 * show a focus ring and be a new element (no trap, focus never falls back to the page).
 */
async function tabTo(page: Page, test: (el: Focused) => boolean, { key = 'Tab', max = 40 } = {}): Promise<Focused> {
  let previous = '';
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const el = await focused(page);
    const where = `${el.tag}#${el.id} “${el.label}”`;
    expect(el.tag, `focus fell back to the page after ${key} from ${previous}`).not.toBe('body');
    expect(where, `${key} did not move focus`).not.toBe(previous);
    expect(el.ringVisible, `no visible focus ring on ${where}`).toBe(true);
    if (test(el)) return el;
    previous = where;
  }
  throw new Error(`${key} never reached the element (last: ${previous})`);
}

/** A closed native select operated as on a phone keyboard: first letter, then ArrowDown to the option. */
async function chooseOption(page: Page, option: string, firstLetter: string) {
  await page.keyboard.type(firstLetter);
  for (let i = 0; i < 200; i++) {
    const text = await page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.text);
    if (text === option) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`option “${option}” not reached`);
}

describe('keyboard only, 360 px: a citizen submits online without a mouse', () => {
  it('searches, signs in, meets the errors, fills the form, uploads, reviews and submits with Tab, arrows, Space and Enter', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);

    // 1. Home: the skip link is the first stop and lands in the content; search without diacritics.
    await page.goto(`${portal.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Tra cứu thủ tục hành chính' }).waitFor();
    const skip = await tabTo(page, () => true, { max: 1 });
    expect(skip).toMatchObject({ tag: 'a', label: 'Bỏ qua, đến nội dung chính' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('noi-dung-chinh');
    await tabTo(page, (el) => el.id === 'tim-kiem', { max: 1 });
    await page.keyboard.type('xac nhan tinh trang hon nhan');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Kết quả tìm kiếm' }).waitFor();
    await page.getByRole('link', { name: 'Cấp Giấy xác nhận tình trạng hôn nhân', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'keyboard-search-360');
    await tabTo(page, (el) => el.tag === 'a' && el.label === 'Cấp Giấy xác nhận tình trạng hôn nhân');
    await page.keyboard.press('Enter');

    // 2. The procedure page: "Nộp trực tuyến" → the login page → back to the form.
    await page.waitForURL('**/thu-tuc/1.004873');
    await page.getByRole('heading', { level: 1, name: 'Cấp Giấy xác nhận tình trạng hôn nhân' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'keyboard-procedure-360');
    await tabTo(page, (el) => el.tag === 'a' && el.label === 'Nộp trực tuyến');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dang-nhap\?next=%2Fnop-ho-so%2F1\.004873$/);
    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'keyboard-login-360');
    await tabTo(page, (el) => el.tag === 'input' && el.label.startsWith('Tên đăng nhập'));
    await page.keyboard.type('congdan');
    await tabTo(page, (el) => el.tag === 'input' && el.label.startsWith('Mật khẩu'), { max: 1 });
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/nop-ho-so/1.004873');
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Họ, chữ đệm và tên' }).inputValue()).toBe('Nguyễn Thị Ánh Tuyết');

    // 3. Straight to "Tiếp tục" (Tab through the whole form: no trap): the errors, focus on the first.
    await tabTo(page, (el) => el.tag === 'button' && el.label === 'Tiếp tục: kiểm tra lại', { max: 60 });
    await page.keyboard.press('Enter');
    await page.getByText(/^Còn \d+ mục cần sửa trước khi tiếp tục$/).waitFor();
    let now = await focused(page);
    expect(now).toMatchObject({ id: 'applicant-phone', ringVisible: true });
    expect(await page.locator('#applicant-phone').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'keyboard-submit-errors-360');
    // The summary's links are reachable backwards and send focus to their field.
    await tabTo(page, (el) => el.tag === 'a' && el.label.startsWith('Số điện thoại: '), { key: 'Shift+Tab' });
    await page.keyboard.press('Enter');
    now = await focused(page);
    expect(now).toMatchObject({ id: 'applicant-phone', ringVisible: true });
    await page.keyboard.type('0912345678');

    // Where to submit: two native selects with first letters and arrows, the agencies with arrows.
    await tabTo(page, (el) => el.tag === 'select' && el.label === 'Tỉnh, thành phố');
    await chooseOption(page, 'Thành phố Hà Nội', 'T');
    const commune = page.getByRole('combobox', { name: 'Xã, phường, đặc khu', exact: true });
    await expect.poll(() => commune.isEnabled()).toBe(true);
    await tabTo(page, (el) => el.tag === 'select' && el.label === 'Xã, phường, đặc khu', { max: 1 });
    await chooseOption(page, 'Phường Hoàn Kiếm', 'P');
    await page.getByRole('radiogroup', { name: 'Chọn cơ quan tiếp nhận hồ sơ' }).waitFor();
    let agency = await tabTo(page, (el) => el.type === 'radio');
    for (let i = 0; i < 10 && !/Ủy ban nhân dân.*Hoàn Kiếm/.test(agency.label); i++) {
      await page.keyboard.press('ArrowDown');
      agency = await focused(page);
      expect(agency.ringVisible).toBe(true);
    }
    expect(agency.label).toMatch(/Ủy ban nhân dân.*Hoàn Kiếm/);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('radio', { name: /Ủy ban nhân dân.*Hoàn Kiếm/ }).isChecked()).toBe(true);
    // The residence followed the chosen place; the street is typed back up in its field.
    await expect.poll(() => page.locator('#applicant-commune').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)).toBe('Phường Hoàn Kiếm');
    await tabTo(page, (el) => el.id === 'applicant-detail', { key: 'Shift+Tab' });
    await page.keyboard.type('12 phố Hàng Bạc');

    // The required component: Space on its file button ("Chọn tệp…", ui/file-picker.tsx) opens the system's file dialog.
    await tabTo(page, (el) => el.tag === 'button' && el.label.startsWith('Chọn tệp… TP1. Tờ khai cấp Giấy xác nhận tình trạng hôn nhân'));
    await chooseFile(page, () => page.keyboard.press('Space'), { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: tinyPdf() }, async () =>
      expect((await focused(page)).label, 'focus left the file button').toMatch(/^Chọn tệp… TP1\./),
    );
    await page.getByTestId('attached-TP1').filter({ hasText: 'Đã tải lên: to-khai.pdf' }).waitFor();
    // Focus stays on the file button through the upload (it is not disabled meanwhile), which now
    // offers another file, and Tab goes on to the attached file's "Bỏ tệp".
    expect(await focused(page)).toMatchObject({ tag: 'button', label: 'Chọn tệp khác… TP1. Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', ringVisible: true });
    await tabTo(page, (el) => el.label.startsWith('Bỏ tệp: Tờ khai cấp Giấy xác nhận'), { max: 1 });

    // Result delivery: arrows move the choice within the group.
    await tabTo(page, (el) => el.type === 'radio' && el.label === 'Nhận tại quầy một cửa');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatchObject({ label: 'Nhận qua dịch vụ bưu chính', ringVisible: true });
    expect(await page.getByRole('radio', { name: 'Nhận qua dịch vụ bưu chính' }).isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'keyboard-submit-form-360');

    // Review: focus on its heading, then Tab to "Nộp hồ sơ" and Enter.
    await tabTo(page, (el) => el.tag === 'button' && el.label === 'Tiếp tục: kiểm tra lại');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Kiểm tra lại thông tin' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('kiem-tra');
    await page.getByText('12 phố Hàng Bạc, Phường Hoàn Kiếm').waitFor();
    await page.getByText('Nhận qua dịch vụ bưu chính').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'keyboard-review-360');
    await tabTo(page, (el) => el.tag === 'button' && el.label === 'Nộp hồ sơ');
    await page.keyboard.press('Enter');

    // 4. The confirmation: submitted, waiting for the desk.
    await page.waitForURL(/\/ho-so-cua-toi\/[^/?]+\?vua-nop=1$/);
    await page.getByText('Đã nộp hồ sơ', { exact: true }).waitFor();
    expect(await page.getByTestId('dossier-code').textContent()).toBe('Chờ tiếp nhận');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'keyboard-confirmation-360');
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
