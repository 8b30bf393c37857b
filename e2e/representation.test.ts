import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../src/modules/files/test-samples.ts';
import { axeViolations, fileControl, PHONE, type Portal, screenshot, signedIn, startPortal, watchPage } from './harness.ts';

/**
 * Nộp thay (issue 12): a citizen submits online for another person on a 360 px phone. For
 * oneself the name and number are the account's (read-only); "Nộp thay người khác" asks for the
 * authorisation document first (checked by content like every upload), then the represented
 * person's details, with Vietnamese messages; the dossier is in that person's name and carries
 * the authorisation.
 */

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const pdfFile = (name: string) => ({ name, mimeType: 'application/pdf', buffer: pdf(name) });

describe('nộp thay người khác', () => {
  it('uploads the authorisation, then the represented person, and submits in their name', async () => {
    const { context, page } = await signedIn(portal, 'congdan', { viewport: PHONE });
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/nop-ho-so/1.004873`);
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();

    // For oneself: the account's name and number, not editable (another number needs an authorisation).
    const self = page.getByRole('radio', { name: 'Cho chính tôi' });
    await expect.poll(() => self.isChecked()).toBe(true);
    const fullName = page.getByRole('textbox', { name: 'Họ, chữ đệm và tên' });
    await expect.poll(() => fullName.inputValue()).toBe('Nguyễn Thị Ánh Tuyết');
    expect(await fullName.getAttribute('readonly')).not.toBeNull();
    // …and it looks and is announced so: read-only, not required, grey and dashed, with where the value comes from.
    const idSelf = page.locator('#applicant-idNumber');
    const phone = page.locator('#applicant-phone');
    for (const field of [fullName, idSelf]) {
      expect(await field.getAttribute('aria-readonly')).toBe('true');
      expect(await field.getAttribute('required')).toBeNull();
      const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
      const description = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
      expect(description.join(' ')).toContain('Lấy từ tài khoản của bạn, không sửa được ở đây.');
    }
    const look = (field: typeof phone) => field.evaluate((el) => { const c = getComputedStyle(el); return { bg: c.backgroundColor, border: c.borderTopStyle, cursor: c.cursor }; });
    const [locked, editable] = [await look(fullName), await look(phone)];
    expect(locked.border).toBe('dashed');
    expect(locked.cursor).toBe('default');
    expect(locked.bg).not.toBe(editable.bg);
    expect(editable.border).toBe('solid');
    expect(await phone.getAttribute('readonly')).toBeNull();
    await screenshot(page, 'submit-self-readonly-360');
    expect(await page.getByText('nếu nộp thay cho người khác').count()).toBe(0); // the old hint that ended in a 403

    // For someone else: the authorisation comes first, then the represented person.
    await page.getByRole('radio', { name: /^Nộp thay người khác/ }).check();
    const name = page.getByRole('textbox', { name: 'Họ, chữ đệm và tên người được đại diện' });
    const idNumber = page.getByRole('textbox', { name: 'Số định danh cá nhân của người được đại diện' });
    expect(await name.inputValue()).toBe(''); // the account's own details are not carried over
    expect(await name.getAttribute('readonly')).toBeNull();
    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).click();
    await page.getByText(/^Còn \d+ mục cần sửa trước khi tiếp tục$/).waitFor();
    await page.getByRole('link', { name: /^Giấy ủy quyền hoặc giấy tờ chứng minh quyền đại diện: Vui lòng tải lên giấy ủy quyền/ }).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);

    // One's own number while submitting for someone else, then a number whose first three digits are no province.
    await name.fill('Trần Văn Bình');
    await idNumber.fill('001 190 012 345');
    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).click();
    await page.locator('#applicant-idNumber-error').filter({ hasText: 'Đây là số định danh của chính bạn' }).waitFor();
    await idNumber.fill('003190012345');
    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).click();
    await page.locator('#applicant-idNumber-error').filter({ hasText: 'Ba chữ số đầu' }).waitFor();
    await idNumber.fill('079 085 004 321');
    expect(await page.locator('#applicant-idNumber-error').count()).toBe(0); // the message goes as the number is corrected

    // The authorisation is checked by content: a text file named .pdf is refused.
    const authorisation = fileControl(page, 'Giấy ủy quyền');
    await authorisation.setInputFiles({ name: 'uy-quyen.pdf', mimeType: 'application/pdf', buffer: Buffer.from('không phải PDF') });
    await page.getByText('Tệp không đúng định dạng. Chỉ nhận tệp PDF, JPEG hoặc PNG.').waitFor();
    await authorisation.setInputFiles(pdfFile('giay-uy-quyen.pdf'));
    await page.getByTestId('attached-UQ').filter({ hasText: 'Đã tải lên: giay-uy-quyen.pdf' }).waitFor();

    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912 345 678');
    const province = page.getByRole('combobox', { name: 'Tỉnh, thành phố', exact: true });
    await expect.poll(() => province.isEnabled()).toBe(true);
    await province.selectOption({ label: 'Thành phố Hà Nội' }).catch(() => province.selectOption({ label: 'Hà Nội' }));
    const commune = page.getByRole('combobox', { name: 'Xã, phường, đặc khu', exact: true });
    await expect.poll(() => commune.isEnabled()).toBe(true);
    await commune.selectOption({ label: 'Phường Hoàn Kiếm' });
    await page.getByRole('radio', { name: /Ủy ban nhân dân.*Hoàn Kiếm/ }).check();
    await page.getByRole('textbox', { name: 'Địa chỉ cụ thể' }).fill('5 phố Hàng Đào');
    await fileControl(page, 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân').setInputFiles(pdfFile('to-khai.pdf'));
    await page.getByTestId('attached-TP1').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'submit-representation-360');

    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).click();
    await page.getByRole('heading', { name: 'Kiểm tra lại thông tin' }).waitFor();
    const review = page.locator('dl.review-list');
    await review.getByText(/^Nộp thay người khác/).waitFor();
    await review.getByText(/^giay-uy-quyen\.pdf/).waitFor();
    await review.getByText('Trần Văn Bình').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.waitForURL(/\/ho-so-cua-toi\/[^/?]+\?vua-nop=1/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');

    // In the represented person's name, with the authorisation among its papers; the representative follows it.
    const dossier = (await (await context.request.get(`${portal.baseUrl}/api/v1/dossiers/${id}`)).json()) as {
      applicant: { fullName: string; idNumber: string };
      documents: { componentCode: string }[];
    };
    expect(dossier.applicant).toMatchObject({ fullName: 'Trần Văn Bình', idNumber: '079085004321' });
    expect(dossier.documents.map((d) => d.componentCode).sort()).toEqual(['TP1', 'VAN_BAN_UY_QUYEN']);
    // The only console line: the refused fake PDF (415), which the page said in Vietnamese above.
    expect(watch.errors.filter((e) => !e.includes('status of 415'))).toEqual([]);
    await context.close();
  });
});

describe('a draft continued on another device (issue 12 item 8)', () => {
  it('keeps "nộp thay" and the represented person in the server draft, listed in "Hồ sơ của tôi"', async () => {
    const first = await signedIn(portal, 'congdan', { viewport: PHONE });
    await first.page.goto(`${portal.baseUrl}/nop-ho-so/1.004873`);
    await first.page.getByRole('radio', { name: /^Nộp thay người khác/ }).check();
    await first.page.getByRole('textbox', { name: 'Họ, chữ đệm và tên người được đại diện' }).fill('Lê Thị Cúc');
    await first.page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0987654321');
    // Saved on the server a moment after the last change.
    await expect
      .poll(async () => (await (await first.request.get(`${portal.baseUrl}/api/v1/me/drafts/1.004873`)).json()).content?.applicant?.fullName, { timeout: 15_000 })
      .toBe('Lê Thị Cúc');
    await first.context.close();

    const second = await signedIn(portal, 'congdan', { viewport: PHONE });
    await second.page.goto(`${portal.baseUrl}/ho-so-cua-toi`);
    const draft = second.page.getByTestId('draft').filter({ hasText: 'Cấp Giấy xác nhận tình trạng hôn nhân' });
    await draft.getByRole('link', { name: /^Tiếp tục soạn/ }).click();
    await second.page.waitForURL('**/nop-ho-so/1.004873');
    await expect.poll(() => second.page.getByRole('radio', { name: /^Nộp thay người khác/ }).isChecked()).toBe(true);
    expect(await second.page.getByRole('textbox', { name: 'Họ, chữ đệm và tên người được đại diện' }).inputValue()).toBe('Lê Thị Cúc');
    expect(await second.page.getByRole('textbox', { name: 'Số điện thoại' }).inputValue()).toBe('0987654321');
    expect(await axeViolations(second.page)).toEqual([]);
    await second.context.close();
  });
});
