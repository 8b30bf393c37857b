import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Portal, screenshot, signedIn, startPortal, watchPage } from './harness.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

describe('working calendar: a provisional next year', () => {
  it('is announced from 1 October, shown as provisional, and confirmed by the administrator', async () => {
    const { context, page, request } = await signedIn(portal, 'admin');
    const watch = watchPage(page);
    // before 1 October: no warning
    expect((await request.put(`${portal.baseUrl}/api/v1/dev/clock`, { data: { now: '2026-09-30T09:00:00+07:00' } })).status()).toBe(200);
    await page.goto(`${portal.baseUrl}/quan-tri`);
    await page.getByRole('heading', { level: 2, name: 'Lịch làm việc' }).waitFor();
    await page.getByTestId('calendar-state').waitFor();
    expect(await page.getByTestId('calendar-warning').count()).toBe(0);

    // from 1 October the provisional 2027 is announced
    expect((await request.put(`${portal.baseUrl}/api/v1/dev/clock`, { data: { now: '2026-10-01T09:00:00+07:00' } })).status()).toBe(200);
    await page.reload();
    const warning = page.getByTestId('calendar-warning');
    await warning.getByText('Lịch làm việc năm 2027 chưa chính thức').waitFor();
    await warning.getByRole('button', { name: 'Xem lịch năm 2027' }).click();
    await page.getByText('Lịch năm 2027: tạm tính, chưa được xác nhận.').waitFor();
    await page.getByRole('cell', { name: '06/02/2027', exact: true }).waitFor(); // mùng 1 Tết Đinh Mùi
    await page.getByRole('cell', { name: '03/05/2027', exact: true }).waitFor(); // nghỉ bù for Saturday 01/05
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-calendar-2027-provisional-1280');

    // the generated year names itself as such, and no day of it is checked yet
    await page.getByText(/Nguồn: Tạm tính tự động/).waitFor();
    expect(await page.getByRole('cell', { name: 'Có', exact: true }).count()).toBe(0);
    // confirmed by keyboard, naming the notice it was checked against (the button waits for it):
    // the warning goes away, the year is official from today, its source is the notice and every day is checked
    const confirm = page.getByRole('button', { name: 'Xác nhận lịch năm 2027' });
    expect(await confirm.isDisabled()).toBe(true);
    const notice = 'Thông báo số 123/TB-BNV ngày 20/11/2026';
    await page.getByRole('textbox', { name: 'Văn bản đã đối chiếu' }).fill(notice);
    await page.keyboard.press('Enter');
    await page.getByText('Lịch năm 2027: chính thức, xác nhận ngày 01/10/2026.').waitFor();
    await page.getByText(`Nguồn: ${notice}`).waitFor();
    await warning.waitFor({ state: 'detached' });
    expect(await page.getByRole('cell', { name: 'Chưa', exact: true }).count()).toBe(0);
    const year = await (await request.get(`${portal.baseUrl}/api/v1/calendar/2027`)).json();
    expect(year).toMatchObject({ provisional: false, source: notice });
    await screenshot(page, 'admin-calendar-2027-confirmed-1280');
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
