import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, leaveIsGuarded, type Portal, screenshot, signedIn, startPortal, watchPage } from './harness.ts';

/**
 * The national reporting system in the browser at 1024 px (issue 17): Phường Hoàn Kiếm's
 * officer fills the pre-filled monthly TTHC report and hands it in, the leader signs and submits
 * it, the city returns Ba Đình's report with a reason and accepts Hoàn Kiếm's; the aggregate
 * follows. Axe-clean; screenshots in artifacts/screenshots/reporting-*.png.
 */
const VIEWPORT = { width: 1024, height: 768 };
const PERIOD = '2026-11';
let portal: Portal;
let bd = '';

async function api(path: string, user: string, body: unknown, method: string) {
  const login = await fetch(`${portal.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: 'MotCua@2026' }) });
  const token = ((await login.json()) as { token: string }).token;
  const res = await fetch(portal.baseUrl + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The period field (named `name` in the page's language) and the names of its choices, as the list shows them. */
async function periodChoices(page: Page, name: string) {
  const field = page.getByRole('textbox', { name }).or(page.getByRole('combobox', { name })).first();
  await field.click();
  await page.getByRole('option').first().waitFor(); // the list is open (allInnerTexts does not wait)
  const labels = (await page.getByRole('option').allInnerTexts()).map((l) => l.trim());
  await page.keyboard.press('Escape');
  expect(labels.length).toBeGreaterThan(0);
  return { field, labels };
}

/**
 * The period choices that would not fit whole in the period field at this width (each measured in
 * the field's own font against the room between its paddings), and whether the chosen one overflows.
 */
async function periodsCut(page: Page) {
  const { field, labels } = await periodChoices(page, 'Kỳ báo cáo');
  return field.evaluate((input, all) => {
    const el = input as HTMLInputElement;
    const cs = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const room = el.clientWidth - Number.parseFloat(cs.paddingLeft) - Number.parseFloat(cs.paddingRight);
    return { cut: all.filter((l) => ctx.measureText(l.trim()).width > room), overflows: el.scrollWidth > el.clientWidth };
  }, labels);
}

beforeAll(async () => {
  portal = await startPortal();
  const agencies = async (commune: string) =>
    ((await (await fetch(`${portal.baseUrl}/api/v1/agencies?adminUnitCode=${commune}&kind=people_committee`)).json()) as { items: { code: string }[] }).items[0].code;
  bd = await agencies('00004');
  // Ba Đình's report arrives through the API
  const q = `regime=tthc&period=${PERIOD}&unit=${bd}`;
  await api(`/api/v1/reporting/reports/values?${q}`, 'chuyenvien.badinh', { values: { issues: 'Không có' } }, 'PUT');
  await api(`/api/v1/reporting/reports/actions?${q}`, 'lanhdao.badinh', { action: 'submit' }, 'POST');
}, 300_000);
afterAll(async () => {
  await portal?.close();
});

describe('a monthly TTHC report from the pre-filled draft to the accepted aggregate', () => {
  it('is filled by the officer and handed in for signature', async () => {
    const { page } = await signedIn(portal, 'baocao.hoankiem', { viewport: VIEWPORT });
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/bao-cao?regime=tthc&period=${PERIOD}`);
    await page.getByRole('heading', { level: 1, name: 'Hệ thống thông tin báo cáo' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Ủy ban nhân dân Phường Hoàn Kiếm — Tháng 11\/2026/ }).waitFor();
    await page.getByText('Số liệu tự động từ hồ sơ: 0').first().waitFor();
    // every period's name fits whole in the period field at 1024 px
    expect(await periodsCut(page)).toEqual({ cut: [], overflows: false });
    // the by-sector table (version 2 of the regime, from 01/12/2026): one row per sector, pre-filled
    const bySector = page.getByRole('table', { name: /6\. Tình hình, kết quả giải quyết TTHC theo lĩnh vực/ });
    await bySector.getByRole('rowheader', { name: 'Hộ tịch' }).waitFor();
    expect(await bySector.getByRole('textbox', { name: 'Hộ tịch — Mới tiếp nhận' }).inputValue()).toMatch(/^\d+$/);
    // a figure that is not a number: the error box names it, legible (its title was red on red)
    const rate = page.getByRole('textbox', { name: '5. Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn (%)' });
    await rate.fill('12abc');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Số liệu báo cáo không hợp lệ' });
    await refused.filter({ hasText: '"12abc" không phải là số' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await rate.fill('');
    // a text stops at the 4,000 characters the report takes, instead of being refused after sending
    const difficulties = page.getByRole('textbox', { name: /7\. Khó khăn, vướng mắc/ });
    await difficulties.fill('x'.repeat(4100));
    expect((await difficulties.inputValue()).length).toBe(4000);
    await difficulties.fill('Đề nghị bổ sung 01 cán bộ cho Bộ phận Một cửa.');
    // What was typed and not saved outlives a reload (a closed tab asks first); it used to come back empty.
    expect(await leaveIsGuarded(page)).toBe(true);
    const leave = (d: { accept(): Promise<void> }) => void d.accept();
    page.on('dialog', leave);
    await page.reload();
    page.off('dialog', leave);
    await page.getByRole('heading', { level: 2, name: /Ủy ban nhân dân Phường Hoàn Kiếm — Tháng 11\/2026/ }).waitFor();
    expect(await difficulties.inputValue()).toBe('Đề nghị bổ sung 01 cán bộ cho Bộ phận Một cửa.');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'reporting-officer-1024');
    // printed (or saved as PDF from the print dialog): the report and its table, without the site's header, buttons and upload field
    await page.emulateMedia({ media: 'print' });
    expect(await bySector.isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Trình lãnh đạo ký' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'In báo cáo' }).isVisible()).toBe(false);
    expect(await page.locator('header').first().isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Tải mẫu Excel' }).isVisible()).toBe(false);
    await screenshot(page, 'reporting-print-1024');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Trình lãnh đạo ký' }).waitFor();
    await page.getByRole('button', { name: 'Trình lãnh đạo ký' }).click();
    await page.getByTestId('report-status').filter({ hasText: 'Chờ lãnh đạo ký' }).waitFor();
    expect(await leaveIsGuarded(page)).toBe(false); // saved and handed in: nothing left to lose
    expect(watch.errors.filter((e) => !e.includes('status of 400'))).toEqual([]); // the refused "12abc"
  });

  it('is signed and submitted by the leader', async () => {
    const { page } = await signedIn(portal, 'lanhdao.hoankiem', { viewport: VIEWPORT });
    await page.goto(`${portal.baseUrl}/bao-cao?regime=tthc&period=${PERIOD}`);
    // signing sends the report for good: asked first, saying to whom; "Hủy" changes nothing
    const sign = page.getByRole('button', { name: 'Ký số và gửi báo cáo' });
    await sign.click();
    const confirm = page.getByRole('dialog', { name: 'Ký số và gửi báo cáo?' });
    await confirm.getByText(/gửi đến Ủy ban nhân dân Thành phố Hà Nội\. Sau khi gửi, báo cáo không sửa được nữa/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Hủy' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => sign.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId('report-status').textContent()).toContain('Chờ lãnh đạo ký');
    await sign.click();
    await confirm.getByRole('button', { name: 'Ký số và gửi', exact: true }).click();
    await page.getByTestId('report-status').filter({ hasText: 'Đã gửi' }).waitFor();
    await page.getByTestId('signature').filter({ hasText: 'Đã ký số bởi Phạm Quốc Hùng — chữ ký hợp lệ' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'reporting-leader-1024');
  });

  it('shows the units’ status badges whole on a phone, in English and in Vietnamese', async () => {
    // "Submitted", "Submitted late" were cut to "SU…" at 360 px in English
    for (const [lang, counts, names] of [
      ['en', 'to review 2', ['Submitted', 'Submitted late']],
      ['vi', 'chờ xem xét 2', ['Đã gửi', 'Gửi quá hạn']],
    ] as const) {
      // the language the visitor chose before (the cookie the language buttons also set)
      const { context, page } = await signedIn(portal, 'baocao.hanoi', { viewport: { width: 360, height: 740 } });
      const watch = watchPage(page);
      await context.addCookies([{ name: 'motcua_lang', value: lang, url: portal.baseUrl }]);
      await page.goto(`${portal.baseUrl}/bao-cao?regime=tthc&period=${PERIOD}`);
      await page.getByTestId('board-counts').filter({ hasText: counts }).waitFor();
      const board = page.getByRole('table', { name: lang === 'en' ? 'Reporting units' : 'Các đơn vị báo cáo' });
      await board.scrollIntoViewIfNeeded();
      const badges = await board.locator('.mantine-Badge-root').evaluateAll((all) =>
        all.map((b) => {
          const label = b.querySelector('.mantine-Badge-label') as HTMLElement;
          const box = b.getBoundingClientRect();
          return { text: b.textContent, cut: label.scrollWidth > label.clientWidth || label.scrollHeight > label.clientHeight, inside: box.left >= 0 && box.right <= document.documentElement.clientWidth };
        }),
      );
      expect(badges.map((b) => b.text)).toEqual(expect.arrayContaining([...names]));
      expect(badges.filter((b) => b.cut || !b.inside)).toEqual([]);
      // the button under the board ("Show 126 units that have not submitted" was cut at the screen's edge)
      const more = page.getByRole('button', { name: lang === 'en' ? /units that have not submitted/ : /đơn vị chưa gửi/ });
      expect(
        await more.evaluate((b) => {
          const label = b.querySelector('.mantine-Button-label') as HTMLElement;
          return { cut: label.scrollWidth > label.clientWidth, inside: b.getBoundingClientRect().right <= document.documentElement.clientWidth };
        }),
      ).toEqual({ cut: false, inside: true });
      // the page itself does not scroll sideways
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `reporting-board-360-${lang}`);
      expect(watch.errors).toEqual([]);
      await context.close();
    }
  });

  it('is accepted by the city, which returns Ba Đình’s report; the aggregate follows', async () => {
    const { page } = await signedIn(portal, 'baocao.hanoi', { viewport: VIEWPORT });
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/bao-cao?regime=tthc&period=${PERIOD}`);
    await page.getByTestId('board-counts').filter({ hasText: 'chờ xem xét 2' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Xem: Ủy ban nhân dân Phường Ba Đình' }).click();
    // the report opens below the board: the keyboard is taken to it (it stayed on "Xem", the report out of sight)
    const review = page.getByRole('region', { name: 'Báo cáo của Ủy ban nhân dân Phường Ba Đình' });
    await expect.poll(() => review.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('textbox', { name: 'Lý do trả lại' }).fill('Đề nghị đánh giá cụ thể khó khăn, vướng mắc');
    await page.getByRole('button', { name: 'Trả lại báo cáo' }).click();
    await page.getByTestId('board-counts').filter({ hasText: 'bị trả lại 1' }).waitFor();
    await page.getByRole('button', { name: 'Xem: Ủy ban nhân dân Phường Hoàn Kiếm' }).click();
    // accepting is final, as signing is: asked first, by keyboard too; Escape changes nothing and gives the focus back
    const accept = page.getByRole('button', { name: 'Tiếp nhận báo cáo' });
    await accept.focus();
    await page.keyboard.press('Enter');
    const confirmAccept = page.getByRole('dialog', { name: 'Tiếp nhận báo cáo?' });
    await confirmAccept.getByText(/Báo cáo Tháng 11\/2026 của Ủy ban nhân dân Phường Hoàn Kiếm sẽ được tiếp nhận .* không trả lại được nữa/).waitFor();
    await expect.poll(() => confirmAccept.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await confirmAccept.waitFor({ state: 'detached' });
    await expect.poll(() => accept.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId('board-counts').textContent()).toContain('chờ xem xét 1');
    await accept.click();
    await confirmAccept.getByRole('button', { name: 'Hủy' }).click();
    await confirmAccept.waitFor({ state: 'detached' });
    await expect.poll(() => accept.evaluate((el) => el === document.activeElement)).toBe(true);
    await accept.click();
    await confirmAccept.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await page.getByTestId('board-counts').filter({ hasText: /Đã tiếp nhận 1\// }).waitFor();
    // the button went with the decision: the keyboard is on the report, not lost on the page
    const accepted = page.getByRole('region', { name: 'Báo cáo của Ủy ban nhân dân Phường Hoàn Kiếm' });
    await expect.poll(() => accepted.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('Đề nghị bổ sung 01 cán bộ cho Bộ phận Một cửa.').last().waitFor();
    // the aggregate's by-sector table, row by row
    await page.getByRole('table', { name: /6\. Tình hình, kết quả giải quyết TTHC theo lĩnh vực/ }).last().getByRole('rowheader', { name: 'Các lĩnh vực khác' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'reporting-receiver-1024');
    // each period's deadline in the page's language: "(hạn dd/mm/yyyy)", in English "(due dd/mm/yyyy)" (it said "hạn" in both)
    expect((await periodChoices(page, 'Kỳ báo cáo')).labels.filter((l) => !/\(hạn \d{2}\/\d{2}\/\d{4}\)$/.test(l))).toEqual([]);
    await page.getByRole('button', { name: 'EN – English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reporting system' }).waitFor();
    const english = (await periodChoices(page, 'Period')).labels;
    expect(english.filter((l) => !/\(due \d{2}\/\d{2}\/\d{4}\)$/.test(l))).toEqual([]);
    expect(english.filter((l) => l.includes('hạn'))).toEqual([]);
    // the period is named in English too, from its code ("Tháng 11/2026" stayed Vietnamese: the API's label shown as is)
    await page.getByRole('heading', { level: 2, name: /^Reports received — .+, November 2026$/ }).waitFor();
    expect(watch.errors).toEqual([]);
  });
});

describe('an ad hoc request (đột xuất) from the city’s leader to two wards', () => {
  const NAME = 'Báo cáo đột xuất tình hình hỗ trợ hộ gia đình bị ảnh hưởng do mưa lũ';
  it('is made by the leader on /bao-cao: subject, data range, deadline in working days, units and indicators', async () => {
    const { page } = await signedIn(portal, 'lanhdao.hanoi', { viewport: VIEWPORT });
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/bao-cao`);
    await page.getByRole('button', { name: 'Tạo yêu cầu báo cáo đột xuất' }).click();
    await page.getByRole('textbox', { name: 'Tên báo cáo (trích yếu)' }).fill(NAME);
    await page.getByRole('textbox', { name: 'Nội dung yêu cầu' }).fill('Số hộ gia đình được hỗ trợ và kiến nghị của địa phương.');
    // dates are typed and shown day/month/year, whatever the browser's language; a day that does not exist is flagged
    await page.getByRole('textbox', { name: 'Số liệu từ ngày' }).fill('01/11/2026');
    const to = page.getByRole('textbox', { name: 'Số liệu đến ngày' });
    await to.fill('31/11/2026');
    await to.blur();
    await page.getByText('Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm (dd/mm/yyyy)').waitFor();
    await to.fill('30/11/2026');
    await page.getByText('Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm (dd/mm/yyyy)').waitFor({ state: 'detached' });
    await page.getByRole('textbox', { name: 'Số ngày làm việc kể từ hôm nay' }).fill('5');
    const units = page.getByRole('combobox', { name: 'Đơn vị được yêu cầu báo cáo' });
    for (const ward of ['Hoàn Kiếm', 'Ba Đình']) {
      await units.click();
      await units.fill(ward);
      await page.getByRole('option', { name: `Ủy ban nhân dân Phường ${ward}`, exact: true }).click();
    }
    await page.getByRole('textbox', { name: 'Chỉ tiêu 1', exact: true }).fill('Số hộ gia đình được hỗ trợ');
    await page.getByRole('textbox', { name: 'Đơn vị tính của chỉ tiêu 1' }).fill('hộ');
    await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    await page.getByRole('textbox', { name: 'Chỉ tiêu 2', exact: true }).fill('Kiến nghị của địa phương');
    await page.getByRole('combobox', { name: 'Loại số liệu của chỉ tiêu 2' }).click();
    await page.getByRole('option', { name: 'Văn bản' }).click();
    await page.keyboard.press('Escape');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'reporting-request-1024');
    await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi yêu cầu đến 2 đơn vị' }).waitFor();
    await page.getByRole('table', { name: 'Các yêu cầu báo cáo đột xuất đã gửi' }).getByText(NAME).waitFor();
    expect(watch.errors).toEqual([]);
  });

  it('reaches the ward’s officer, who answers it like any report', async () => {
    const { page } = await signedIn(portal, 'baocao.hoankiem', { viewport: VIEWPORT });
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/bao-cao`);
    await page.getByRole('combobox', { name: 'Chế độ báo cáo' }).click();
    await page.getByRole('option', { name: NAME }).click();
    await page.getByRole('textbox', { name: '1. Số hộ gia đình được hỗ trợ (hộ)' }).fill('12');
    await page.getByRole('textbox', { name: '2. Kiến nghị của địa phương' }).fill('Đề nghị hỗ trợ thêm 20 suất quà.');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Trình lãnh đạo ký' }).click();
    await page.getByTestId('report-status').filter({ hasText: 'Chờ lãnh đạo ký' }).waitFor();
    await page.getByText(/Số liệu từ ngày 01\/11\/2026 đến ngày 30\/11\/2026/).waitFor();
    expect(await periodsCut(page)).toEqual({ cut: [], overflows: false }); // the ad hoc period: "Đợt DX-2026-… (hạn …)"
    await screenshot(page, 'reporting-request-officer-1024');
    expect(watch.errors).toEqual([]);
  });
});

describe('the period the reporting page opens on', () => {
  it('opens on the period whose data has begun by Hà Nội’s date, even before 07:00 when UTC’s is the day before', async () => {
    // The page opens on the last period (in the regime's order: months, then quarters) whose data
    // has begun. 15/09 is the first day of the fourth quarter's data (the regime's day 15); at
    // 00:30 in Hà Nội it is still 14/09 in UTC, which used to open the third quarter.
    const { context, page } = await signedIn(portal, 'baocao.hoankiem', { viewport: VIEWPORT });
    await context.clock.setFixedTime(new Date('2026-09-15T00:30:00+07:00'));
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/bao-cao?regime=tthc`);
    await page.getByRole('heading', { level: 2, name: /Ủy ban nhân dân Phường Hoàn Kiếm — Quý IV\/2026/ }).waitFor();
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
