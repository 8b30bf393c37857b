import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Portal, screenshot, signedIn, startPortal, watchPage } from './harness.ts';

/**
 * Issue 11 item 5 in the browser: at the counter the desk sees, before confirming, which agency
 * will hold the dossier and why (the procedure version's competence rule); the queues show the
 * holding agency as a column.
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

async function pick(page: Page, code: string) {
  await page.getByRole('searchbox', { name: 'Tìm thủ tục theo tên hoặc mã' }).fill(code);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${code.replaceAll('.', '\\.')} — `) }).click();
  await page.getByRole('heading', { name: '2. Thành phần hồ sơ' }).waitFor();
}

describe('where a dossier goes, shown at reception (item 5)', () => {
  it('a chứng thực stays at Hoàn Kiếm for a Ba Đình resident; a residence procedure is handed to Ba Đình', { timeout: 150_000 }, async () => {
    const { context, page } = await signedIn(portal, 'motcua.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/tiep-nhan`);
    await pick(page, '2.000815');
    await page.getByRole('combobox', { name: 'Xã, phường nơi cư trú' }).selectOption({ label: 'Phường Ba Đình' });
    const preview = page.getByTestId('hand-over-preview');
    await preview.getByText('Hồ sơ do Ủy ban nhân dân Phường Hoàn Kiếm giải quyết').waitFor();
    await preview.getByText('NĐ 23/2015', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-reception-competence-any-1280');

    await pick(page, '1.004873');
    await page.getByRole('combobox', { name: 'Xã, phường nơi cư trú' }).selectOption({ label: 'Phường Ba Đình' });
    await preview.getByText('Hồ sơ sẽ được chuyển đến Ủy ban nhân dân Phường Ba Đình').waitFor();
    await preview.getByText('theo nơi cư trú', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-reception-competence-handover-1280');

    // the queues name the holding agency: a residence dossier filed here for a Ba Đình resident
    const agency = (await (await context.request.get(`${portal.baseUrl}/api/v1/agencies?adminUnitCode=00070&kind=people_committee`)).json()).items[0].code;
    const filed = await context.request.post(`${portal.baseUrl}/api/v1/dossiers`, {
      data: {
        procedureCode: '1.004873',
        receivingAgency: agency,
        channel: 'direct',
        applicant: { fullName: 'Lê Văn Cường', idNumber: '001090011111', phone: '0911111111', address: { communeCode: '00004', detail: 'Số 2 phố Đội Cấn' } },
        fields: {},
        documents: [],
      },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    await page.goto(`${portal.baseUrl}/can-bo?queue=incoming`);
    await page.getByRole('columnheader', { name: 'Cơ quan đang giữ' }).waitFor();
    await page.getByTestId('holding-agency').first().waitFor();
    expect(await page.getByTestId('holding-agency').allTextContents()).toContain('Ủy ban nhân dân Phường Hoàn Kiếm');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-queue-holding-agency-1280');
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
