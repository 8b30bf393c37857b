import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftPdf } from '../src/modules/cabinet/seed-cabinet.ts';
import { axeViolations, type Portal, screenshot, signedIn, startPortal, watchPage } from './harness.ts';

/**
 * e-Cabinet at tablet size (issue 18): the secretariat sends an opinion form, members answer
 * (signed) on tablets, the chair closes it and the outcome follows the rule; then a meeting with
 * a live vote. Axe-clean, keyboard usable, screenshots in artifacts/screenshots/cabinet-*.png.
 */
const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 800, height: 1280 };
/** Room for a whole journey on a loaded machine (a limit, not a timing claim). */
const JOURNEY_TIMEOUT = 360_000;
const MEMBERS = ['phochutich1.hanoi', 'phochutich2.hanoi', 'uyvien2.hanoi', 'uyvien3.hanoi', 'uyvien4.hanoi', 'uyvien5.hanoi', 'uyvien6.hanoi'];
let portal: Portal;

/**
 * A closed meeting's room: the speakers' list closed with the meeting (nobody still "speaking"),
 * the closed vote's non-voters no longer "yet to answer", and each invitee's attendance as the
 * record proves it — Hoàng Thị Lan Anh never answered the invitation but spoke and voted; Vũ Thị
 * Ngọc Mai neither answered nor took part.
 */
async function expectClosedRoom(page: Page): Promise<void> {
  await page.getByTestId('speakers-closed').waitFor();
  expect(await page.getByText(/Đang phát biểu|Chờ phát biểu|Chưa xác nhận|Đang thảo luận|Chưa trả lời/).count()).toBe(0);
  await page.getByTestId('tally').getByText('Không tham gia biểu quyết').waitFor(); // the 4 who did not vote, no longer "not yet"
  await page.getByTestId('participant').filter({ hasText: 'Hoàng Thị Lan Anh — Có mặt (đã biểu quyết)' }).waitFor();
  await page.getByTestId('participant').filter({ hasText: 'Vũ Thị Ngọc Mai — Vắng mặt (không báo trước)' }).waitFor();
  // when it really sat, not when it was called, and no longer "live"
  expect(await page.getByTestId('meeting-held').textContent()).toMatch(/^Đã họp từ \d\d:\d\d, \d\d\/\d\d\/\d{4} đến \d\d:\d\d/);
  expect(await page.getByText('Cập nhật trực tiếp').count()).toBe(0);
}

/** The text of a PDF, laid out (poppler's pdftotext), NFC. */
function pdftotext(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cabinet-e2e-'));
  fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
}
const tokens: Record<string, string> = {};

async function api<T>(path: string, user: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> {
  const res = await fetch(portal.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${tokens[user]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  portal = await startPortal();
  for (const u of ['vanphong.hanoi', 'chutich.hanoi', 'uyvien1.hanoi', 'admin', ...MEMBERS]) {
    const res = await fetch(`${portal.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: 'MotCua@2026' }) });
    tokens[u] = ((await res.json()) as { token: string }).token;
  }
}, 300_000);
afterAll(async () => {
  await portal?.close();
});

describe('an opinion form on tablets', () => {
  it('is sent by the secretariat, answered with signatures, closed by the chair with the outcome under the rule', { timeout: JOURNEY_TIMEOUT }, async () => {
    // the secretariat drafts it on screen (landscape tablet), the chair approves it, the secretariat sends it
    const office = await signedIn(portal, 'vanphong.hanoi', { viewport: LANDSCAPE });
    const officeWatch = watchPage(office.page);
    await office.page.goto(`${portal.baseUrl}/hop`);
    await office.page.getByTestId('new-form-link').click();
    await office.page.getByRole('textbox', { name: 'Trích yếu' }).fill('Quy chế phối hợp tiếp nhận hồ sơ trực tuyến');
    await office.page.getByRole('textbox', { name: /^Nội dung xin ý kiến/ }).fill('Đồng chí có đồng ý ban hành Quy chế phối hợp tiếp nhận hồ sơ trực tuyến không?');
    await office.page.getByRole('textbox', { name: /^Thời hạn trả lời/ }).fill('2');
    const bytes = await draftPdf('Dự thảo Quy chế phối hợp tiếp nhận hồ sơ trực tuyến', ['Điều 1. Phạm vi điều chỉnh: việc phối hợp giữa các sở, ngành và UBND cấp xã.', 'Điều 2. Thời hạn chuyển hồ sơ: trong ngày làm việc.']);
    const chooser = office.page.waitForEvent('filechooser');
    await office.page.getByRole('button', { name: /Thêm tài liệu/ }).click();
    await (await chooser).setFiles({ name: 'du-thao-quy-che.pdf', mimeType: 'application/pdf', buffer: Buffer.from(bytes) });
    await office.page.getByText('du-thao-quy-che.pdf').waitFor();
    expect(await axeViolations(office.page)).toEqual([]);
    await screenshot(office.page, 'cabinet-new-form-1024');
    await office.page.getByTestId('create-form').click();
    await office.page.getByTestId('edit-draft').waitFor(); // the draft's own page
    const created = { id: office.page.url().split('/').pop()! };
    expect((await api<{ deadlineWorkingDays: number; documents: unknown[] }>(`/api/v1/cabinet/opinion-forms/${created.id}`, 'vanphong.hanoi')).documents).toHaveLength(1);
    await api(`/api/v1/cabinet/opinion-forms/${created.id}/actions`, 'chutich.hanoi', { action: 'approve' });
    await office.page.reload();
    await office.page.getByRole('heading', { level: 1, name: 'Quy chế phối hợp tiếp nhận hồ sơ trực tuyến' }).waitFor();
    expect(await axeViolations(office.page)).toEqual([]);
    await office.page.getByRole('button', { name: 'Gửi phiếu đến thành viên' }).click();
    await office.page.getByText('Đang lấy ý kiến').first().waitFor();
    await screenshot(office.page, 'cabinet-form-sent-1024');

    // a member on a portrait tablet: the list with the deadline, the document, the answer by keyboard
    const member = await signedIn(portal, 'uyvien1.hanoi', { viewport: PORTRAIT });
    const memberWatch = watchPage(member.page);
    await member.page.goto(`${portal.baseUrl}/hop`);
    await member.page.getByRole('heading', { level: 1, name: 'Họp và xử lý công việc' }).waitFor();
    await member.page.getByText('Quy chế phối hợp tiếp nhận hồ sơ trực tuyến').waitFor();
    expect(await axeViolations(member.page)).toEqual([]);
    // axe passed badges whose text had their background's own colour (Mantine's light variant with a shade 9): read them.
    const unreadable = await member.page
      .locator('.mantine-Badge-root')
      .evaluateAll((badges) => badges.filter((b) => getComputedStyle(b).color === getComputedStyle(b).backgroundColor).map((b) => b.textContent));
    expect(unreadable).toEqual([]);
    await screenshot(member.page, 'cabinet-home-800');
    await member.page.getByText('Quy chế phối hợp tiếp nhận hồ sơ trực tuyến').click();
    await member.page.getByRole('heading', { level: 1, name: 'Quy chế phối hợp tiếp nhận hồ sơ trực tuyến' }).waitFor();
    await member.page.getByRole('link', { name: /Đọc: du-thao-quy-che\.pdf/ }).click();
    await member.page.locator('[data-testid="reader"] canvas').first().waitFor({ timeout: 30_000 });
    await member.page.getByText(/Trang 1\/1/).waitFor({ timeout: 30_000 });
    expect(await axeViolations(member.page)).toEqual([]);
    await screenshot(member.page, 'cabinet-reader-800');
    // the way back says where it goes: the form the document was opened from
    await member.page.getByRole('link', { name: '← Quay lại phiếu lấy ý kiến' }).click();
    // the opinion stops at the answer's 4,000 characters (a longer one was refused whatever the choice)
    const opinion = member.page.getByLabel(/^Ý kiến cụ thể/);
    await opinion.fill('ý'.repeat(4100));
    expect((await opinion.inputValue()).length).toBe(4000);
    // the opinion being written survives a reload (kept for this tab until it is signed and sent)
    await member.page.getByTestId('choice-other').click();
    await opinion.fill('Đề nghị bổ sung quy định về thời hạn chuyển hồ sơ giữa các sở, ngành.');
    await member.page.reload();
    await member.page.getByRole('heading', { level: 1, name: 'Quy chế phối hợp tiếp nhận hồ sơ trực tuyến' }).waitFor();
    expect(await opinion.inputValue()).toBe('Đề nghị bổ sung quy định về thời hạn chuyển hồ sơ giữa các sở, ngành.');
    expect(await member.page.getByRole('radio', { name: 'Ý kiến khác', exact: true }).isChecked()).toBe(true);
    await opinion.fill('');
    await member.page.getByRole('radio', { name: 'Đồng ý', exact: true }).focus();
    await member.page.keyboard.press('Space');
    expect(await member.page.getByRole('radio', { name: 'Đồng ý', exact: true }).isChecked()).toBe(true);
    await member.page.getByRole('button', { name: 'Gửi ý kiến (ký số)' }).click();
    await member.page.getByTestId('my-answer').getByText(/Đã ký số và gửi ý kiến "Đồng ý"/).waitFor();
    expect(await axeViolations(member.page)).toEqual([]);
    await screenshot(member.page, 'cabinet-form-answered-800');

    // the other members answer from their tablets (API): 5 agree, 2 disagree, the chair last
    for (const [i, u] of MEMBERS.entries()) await api(`/api/v1/cabinet/opinion-forms/${created.id}/answers`, u, { choice: i < 5 ? 'agree' : 'disagree' });
    const chair = await signedIn(portal, 'chutich.hanoi', { viewport: LANDSCAPE });
    const chairWatch = watchPage(chair.page);
    await chair.page.goto(`${portal.baseUrl}/hop/phieu/${created.id}`);
    await chair.page.getByTestId('choice-disagree').click();
    await chair.page.getByRole('button', { name: 'Gửi ý kiến (ký số)' }).click();
    await chair.page.getByRole('button', { name: 'Kết thúc và tổng hợp' }).click();
    await chair.page.getByTestId('form-outcome').getByText('Được thông qua').waitFor();
    // closed early (every member answered): no more "có thể sửa đến hạn"
    await chair.page.getByTestId('answer-closed').getByText(/kết thúc sớm/).waitFor();
    expect(await chair.page.getByTestId('my-answer').textContent()).not.toContain('sửa đến hạn');
    // 6 of 9 agree: adopted; every signature valid
    await expect.poll(async () => (await chair.page.getByTestId('answers').getByText('✓ Hợp lệ').count())).toBe(9);
    expect(await axeViolations(chair.page)).toEqual([]);
    await screenshot(chair.page, 'cabinet-form-outcome-1024');
    expect([...officeWatch.errors, ...memberWatch.errors, ...chairWatch.errors]).toEqual([]);
    for (const c of [office, member, chair]) await c.context.close();
  });
});

describe('a meeting with a live vote', () => {
  it('opens, the chair puts an item to the vote, a member votes on a tablet and sees the live result', { timeout: JOURNEY_TIMEOUT }, async () => {
    const meetings = await api<{ items: { id: string; status: string }[] }>('/api/v1/cabinet/meetings', 'chutich.hanoi');
    const id = meetings.items.find((m) => m.status === 'scheduled')!.id;
    const chair = await signedIn(portal, 'chutich.hanoi', { viewport: LANDSCAPE });
    const member = await signedIn(portal, 'uyvien2.hanoi', { viewport: PORTRAIT });
    const watches = [watchPage(chair.page), watchPage(member.page)];
    await chair.page.goto(`${portal.baseUrl}/hop/phien-hop/${id}`);
    await member.page.goto(`${portal.baseUrl}/hop/phien-hop/${id}`);
    await chair.page.getByRole('button', { name: 'Khai mạc' }).click();
    await chair.page.getByTestId('meeting-status').getByText('Đang họp').waitFor();
    // the member's room follows live (SSE): the meeting is in session without reloading
    await member.page.getByTestId('meeting-status').getByText('Đang họp').waitFor({ timeout: 20_000 });
    await member.page.getByRole('button', { name: 'Đăng ký phát biểu' }).click();
    await chair.page.getByRole('button', { name: 'Mời phát biểu' }).click({ timeout: 20_000 });
    await member.page.getByText(/Hoàng Thị Lan Anh — Đang phát biểu/).waitFor({ timeout: 20_000 });
    // the member's one button now ends her turn; she cannot ask again while speaking
    await member.page.getByRole('button', { name: 'Kết thúc phát biểu' }).waitFor();
    expect(await member.page.getByRole('button', { name: /Đăng ký phát biểu|Rút đăng ký/ }).count()).toBe(0);
    await chair.page.getByLabel('Nội dung biểu quyết').fill('Thông qua điều chỉnh dự toán ngân sách năm 2026?');
    await chair.page.getByRole('button', { name: 'Mở biểu quyết' }).click();
    await member.page.getByTestId('vote-open').getByText('Đang biểu quyết').waitFor({ timeout: 20_000 });
    await member.page.getByTestId('voting-now').waitFor();
    // while the ballot is being signed the other choices are off: a second tap sends no second ballot (refused, 409)
    const ballots = '**/api/v1/cabinet/votes/*/ballots';
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await member.page.route(ballots, async (route) => {
      await held;
      await route.continue();
    });
    await member.page.getByRole('button', { name: 'Tán thành', exact: true }).click({ timeout: 20_000 });
    await expect.poll(() => member.page.getByRole('button', { name: 'Không tán thành', exact: true }).isDisabled(), { timeout: 20_000 }).toBe(true);
    expect(await member.page.getByRole('button', { name: 'Không biểu quyết', exact: true }).isDisabled()).toBe(true);
    release();
    await member.page.getByTestId('my-ballot').waitFor();
    await member.page.unroute(ballots);
    // having spoken and voted, the member is present on the record: no "decline" or substitute any more
    await member.page.getByTestId('attendance-proven').getByText(/đã ghi nhận có mặt/).waitFor({ timeout: 20_000 });
    expect(await member.page.getByRole('button', { name: /Báo vắng|Cử người dự thay/ }).count()).toBe(0);
    expect(await axeViolations(member.page)).toEqual([]);
    await screenshot(member.page, 'cabinet-meeting-voted-800');
    for (const u of ['chutich.hanoi', 'phochutich1.hanoi', 'phochutich2.hanoi', 'uyvien3.hanoi']) {
      const vote = (await api<{ votes: { id: string; status: string }[] }>(`/api/v1/cabinet/meetings/${id}`, u)).votes.find((v) => v.status === 'open')!;
      await api(`/api/v1/cabinet/votes/${vote.id}/ballots`, u, { choice: 'agree' });
    }
    await chair.page.getByText(/^5$/).first().waitFor({ timeout: 20_000 });
    await chair.page.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    await chair.page.getByTestId('vote-outcome').getByText('Được thông qua').waitFor();
    await member.page.getByTestId('vote-outcome').getByText('Được thông qua').waitFor({ timeout: 20_000 });
    expect(await axeViolations(chair.page)).toEqual([]);
    await screenshot(chair.page, 'cabinet-meeting-result-1024');
    expect(watches.flatMap((w) => w.errors)).toEqual([]);
    await chair.context.close();
    await member.context.close();
  });

  it('shows the task board after a conclusion with a task', { timeout: JOURNEY_TIMEOUT }, async () => {
    const forms = await api<{ items: { id: string; status: string }[] }>('/api/v1/cabinet/opinion-forms', 'vanphong.hanoi');
    const closed = forms.items.find((f) => f.status === 'closed')!;
    const me = await api<{ user: { agencies: { code: string }[] } }>('/api/v1/auth/login', 'vanphong.hanoi', { username: 'lanhdao.hoankiem', password: 'MotCua@2026' });
    const code = me.user.agencies[0].code;
    await api('/api/v1/cabinet/conclusions', 'vanphong.hanoi', {
      source: { type: 'opinion_form', id: closed.id },
      title: 'Kết luận về Quy chế phối hợp tiếp nhận hồ sơ trực tuyến',
      text: 'Thống nhất ban hành Quy chế.',
      tasks: [{ title: 'Triển khai Quy chế tại Bộ phận Một cửa', assigneeAgencyCode: code, dueDate: '2027-01-15' }],
    });
    const office = await signedIn(portal, 'vanphong.hanoi', { viewport: LANDSCAPE });
    await office.page.goto(`${portal.baseUrl}/hop/nhiem-vu`);
    await office.page.getByText('Triển khai Quy chế tại Bộ phận Một cửa').waitFor();
    expect(await axeViolations(office.page)).toEqual([]);
    await screenshot(office.page, 'cabinet-tasks-1024');
    // the conclusion went over the interconnection axis: the secretariat sees each recipient's status
    await office.page.goto(`${portal.baseUrl}/hop/phieu/${closed.id}`);
    const dispatch = office.page.getByTestId('conclusion-dispatch');
    await dispatch.getByText('01 · Đã đến').waitFor();
    expect(await axeViolations(office.page)).toEqual([]);
    await screenshot(office.page, 'cabinet-conclusion-dispatch-1024');
    await office.context.close();
    // and the assignee agency's clerk finds it in the incoming register
    const clerk = await signedIn(portal, 'vanthu.hoankiem');
    await clerk.page.goto(`${portal.baseUrl}/van-thu`);
    await clerk.page.getByTestId('incoming-register').getByRole('link', { name: 'Kết luận về Quy chế phối hợp tiếp nhận hồ sơ trực tuyến' }).waitFor();
    await screenshot(clerk.page, 'cabinet-conclusion-incoming-1280');
    await clerk.context.close();
  });
});

describe('the secretariat manages the body and edits a draft', () => {
  it('adds a member on the body page and edits a draft form before the chair approves it', { timeout: JOURNEY_TIMEOUT }, async () => {
    const office = await signedIn(portal, 'vanphong.hanoi', { viewport: PORTRAIT });
    const watch = watchPage(office.page);
    await office.page.goto(`${portal.baseUrl}/hop`);
    // the secretariat does not answer forms: its list never says "not answered" (the demo form is still open)
    await office.page.getByTestId('form-card').filter({ hasText: 'Đang lấy ý kiến' }).first().waitFor();
    expect(await office.page.getByText('Chưa cho ý kiến').count()).toBe(0);
    await office.page.getByTestId('manage-body-link').click();
    await office.page.getByRole('heading', { level: 1, name: /Thành viên và quy tắc — Ủy ban nhân dân Thành phố Hà Nội/ }).waitFor();
    await office.page.getByTestId('rule-now').getByText(/được coi là đồng ý/).waitFor();
    expect(await office.page.getByTestId('body-member').count()).toBe(10);
    await office.page.getByLabel('Tên đăng nhập').fill('bhxh.hanoi');
    await office.page.getByLabel('Chức danh').first().fill('Ủy viên UBND Thành phố, Giám đốc Bảo hiểm xã hội');
    await office.page.getByRole('button', { name: 'Thêm vào tập thể' }).click();
    await office.page.getByTestId('body-member').filter({ hasText: 'Đinh Thị Hương' }).waitFor();
    expect(await office.page.getByTestId('body-member').count()).toBe(11);
    // a second chair is refused with the reason
    await office.page.getByRole('button', { name: 'Sửa thông tin Đinh Thị Hương' }).click();
    await office.page.locator('[id="sua-bhxh.hanoi-role"]').click();
    await office.page.getByRole('option', { name: 'Chủ tịch (người đứng đầu)' }).click();
    await office.page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await office.page.getByRole('alert').getByText(/đã có người đứng đầu/).waitFor();
    await office.page.getByRole('button', { name: 'Hủy' }).click();
    // who may attend instead of a member is the body's data: agency leaders by default, set here
    await office.page.getByTestId('substitutes-now').getByText(/Lãnh đạo cơ quan\./).waitFor();
    // each check box's whole row is its target, at least 44 px high like every other control here (they were 24 px):
    // a finger on the row, past the words, checks the box
    const rows = office.page.locator('.mantine-Checkbox-body');
    expect(await rows.count()).toBeGreaterThanOrEqual(8); // the rule's "deemed agreement" and the 7 roles
    expect(await rows.evaluateAll((all) => all.filter((r) => r.getBoundingClientRect().height < 44).map((r) => r.textContent))).toEqual([]);
    const provincial = rows.filter({ has: office.page.getByRole('checkbox', { name: 'Lãnh đạo tỉnh' }) });
    const row = (await provincial.boundingBox())!;
    await provincial.click({ position: { x: row.width - 8, y: row.height - 4 } });
    expect(await office.page.getByRole('checkbox', { name: 'Lãnh đạo tỉnh' }).isChecked()).toBe(true);
    await office.page.getByTestId('save-substitutes').click();
    await office.page.getByTestId('substitutes-now').getByText(/Lãnh đạo cơ quan, Lãnh đạo tỉnh\./).waitFor();
    expect((await api<{ substituteRoles: string[] }>('/api/v1/cabinet/bodies/ubnd-ha-noi', 'vanphong.hanoi')).substituteRoles).toEqual(['leader', 'provincial_leader']);
    expect(await axeViolations(office.page)).toEqual([]);
    await screenshot(office.page, 'cabinet-body-800');
    await office.page.getByRole('checkbox', { name: 'Lãnh đạo tỉnh' }).uncheck();
    await office.page.getByTestId('save-substitutes').click();
    await office.page.getByTestId('substitutes-now').getByText(/Lãnh đạo cơ quan\./).waitFor();
    await office.page.setViewportSize(LANDSCAPE);
    await screenshot(office.page, 'cabinet-body-1024');
    // leave the demo body as it was for the other journeys
    await office.page.getByRole('button', { name: 'Bỏ Đinh Thị Hương khỏi tập thể' }).click();
    await office.page.getByRole('button', { name: 'Xác nhận bỏ' }).click();
    await expect.poll(async () => office.page.getByTestId('body-member').count()).toBe(10);

    const draft = await api<{ id: string }>('/api/v1/cabinet/opinion-forms', 'vanphong.hanoi', { subject: 'Dự thảo chưa hoàn chỉnh', question: 'Ý kiến?', documents: [], deadlineWorkingDays: 2 });
    await office.page.goto(`${portal.baseUrl}/hop/phieu/${draft.id}`);
    await office.page.getByTestId('edit-draft').click();
    await office.page.getByLabel('Trích yếu').fill('Kế hoạch chuyển đổi số năm 2027 của Thành phố');
    await office.page.getByLabel('Gửi đến tất cả thành viên (danh sách chốt khi gửi phiếu)').uncheck();
    await office.page.getByLabel(/^Trần Đức Minh/).check();
    await office.page.getByLabel(/^Phạm Văn Khánh/).check();
    expect(await axeViolations(office.page)).toEqual([]);
    await screenshot(office.page, 'cabinet-draft-edit-1024');
    await office.page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await office.page.getByRole('heading', { level: 1, name: 'Kế hoạch chuyển đổi số năm 2027 của Thành phố' }).waitFor();
    const saved = await api<{ subject: string; recipients: { username: string }[] }>(`/api/v1/cabinet/opinion-forms/${draft.id}`, 'vanphong.hanoi');
    expect(saved.recipients.map((r) => r.username).sort()).toEqual(['chutich.hanoi', 'uyvien1.hanoi']);

    // the meeting ends; the secretariat signs and issues the minutes
    const meetings = await api<{ items: { id: string; status: string }[] }>('/api/v1/cabinet/meetings', 'chutich.hanoi');
    const meeting = meetings.items.find((m) => m.status === 'in_progress')!;
    await office.page.goto(`${portal.baseUrl}/hop/phien-hop/${meeting.id}`);
    // closing cannot be undone: the button asks first, and its safe answer has the focus
    await office.page.getByTestId('meeting-end').click();
    await office.page.getByTestId('meeting-end-confirm').getByText(/Bế mạc phiên họp\?/).waitFor();
    expect(await office.page.evaluate(() => document.activeElement?.textContent)).toBe('Hủy');
    await office.page.getByRole('button', { name: 'Xác nhận bế mạc' }).click();
    await office.page.getByTestId('meeting-status').getByText('Đã bế mạc').waitFor();
    await expectClosedRoom(office.page);
    await office.page.getByRole('textbox', { name: 'Biên bản họp' }).fill('Phiên họp thống nhất điều chỉnh dự toán ngân sách năm 2026.');
    await office.page.getByRole('button', { name: 'Lưu biên bản' }).click();
    await office.page.getByTestId('minutes-saved').getByText('Đã lưu biên bản.').waitFor(); // said once kept
    await office.page.getByRole('button', { name: 'Ký số và phát hành biên bản' }).click();
    await office.page.getByTestId('minutes-pdf').waitFor();
    expect(await axeViolations(office.page)).toEqual([]);
    await screenshot(office.page, 'cabinet-minutes-1024');
    // the meeting's conclusion is issued in its room, the assignee agency picked by name (no code to know)
    const issue = office.page.getByTestId('issue-conclusion');
    await issue.getByRole('radio', { name: 'Nghị quyết' }).check();
    await issue.getByLabel('Trích yếu').fill('Nghị quyết điều chỉnh dự toán ngân sách năm 2026');
    await issue.getByLabel('Nội dung kết luận').fill('Thống nhất điều chỉnh dự toán ngân sách năm 2026.');
    await issue.getByLabel('Nhiệm vụ giao (không bắt buộc)').fill('Triển khai dự toán điều chỉnh');
    await issue.getByRole('searchbox', { name: 'Tìm: Cơ quan chủ trì' }).fill('ubnd hoan kiem');
    await issue.getByRole('combobox', { name: 'Cơ quan chủ trì' }).selectOption({ label: 'Ủy ban nhân dân Phường Hoàn Kiếm — 004.00.50.H01 — Phường Hoàn Kiếm, Thành phố Hà Nội' });
    await issue.getByLabel('Thời hạn').fill('15/01/2027');
    await issue.getByRole('button', { name: 'Ký số và ban hành' }).click();
    await office.page.getByTestId('conclusion-link').getByText(/\/NQ-.* — Nghị quyết điều chỉnh dự toán ngân sách năm 2026/).waitFor();
    expect(watch.errors.filter((e) => !e.includes('status of 409'))).toEqual([]); // the refused second chair
    await office.context.close();

    // a member on a landscape tablet sees the closed meeting as the minutes record it
    const member = await signedIn(portal, 'uyvien2.hanoi', { viewport: LANDSCAPE });
    const memberWatch = watchPage(member.page);
    await member.page.goto(`${portal.baseUrl}/hop/phien-hop/${meeting.id}`);
    await member.page.getByTestId('meeting-status').getByText('Đã bế mạc').waitFor();
    await expectClosedRoom(member.page);
    await member.page.getByTestId('minutes-pdf').waitFor();
    expect(await member.page.getByRole('button', { name: 'Đăng ký phát biểu' }).count()).toBe(0);
    expect(await axeViolations(member.page)).toEqual([]);
    await screenshot(member.page, 'cabinet-meeting-ended-member-1024');
    const pdf = await member.request.get(`${portal.baseUrl}/api/v1/cabinet/meetings/${meeting.id}/minutes/document`);
    const minutes = pdftotext(await pdf.body());
    expect(minutes).not.toMatch(/xác nhận/);
    expect(minutes).toMatch(/Hoàng Thị Lan Anh .* Có mặt \(đã biểu quyết\)\n/);
    expect(minutes).toMatch(/Vũ Thị Ngọc Mai .* Vắng mặt \(không báo trước\)\n/);
    expect(memberWatch.errors).toEqual([]);
    await member.context.close();
  });
});

describe('standing substitutes and new bodies', () => {
  it('a member declines and the standing substitute is invited; the room shows who attends for whom', { timeout: JOURNEY_TIMEOUT }, async () => {
    await api('/api/v1/cabinet/bodies/ubnd-ha-noi/members/uyvien4.hanoi', 'vanphong.hanoi', { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Sở Tài chính', substitute: 'lanhdao.badinh' }, 'PUT');
    // the secretariat schedules the meeting on a portrait tablet: agenda item, presenter, an uploaded document
    const office = await signedIn(portal, 'vanphong.hanoi', { viewport: PORTRAIT });
    const officeWatch = watchPage(office.page);
    await office.page.goto(`${portal.baseUrl}/hop`);
    await office.page.getByTestId('new-meeting-link').click();
    await office.page.getByRole('heading', { level: 1, name: 'Lên lịch phiên họp' }).waitFor();
    await office.page.getByRole('textbox', { name: 'Tên phiên họp' }).fill('Phiên họp chuyên đề về đầu tư công');
    await office.page.getByRole('textbox', { name: 'Thời gian bắt đầu' }).fill('20/01/2027 08:30');
    await office.page.getByRole('textbox', { name: 'Địa điểm' }).fill('Phòng họp tầng 2, 79 Đinh Tiên Hoàng');
    await office.page.getByRole('textbox', { name: 'Tên nội dung' }).fill('Kế hoạch đầu tư công năm 2027');
    await office.page.getByRole('textbox', { name: 'Người trình bày' }).fill('Giám đốc Sở Tài chính');
    const chooser = office.page.waitForEvent('filechooser');
    await office.page.getByRole('button', { name: /Thêm tài liệu cho nội dung 1/ }).click();
    const plan = await draftPdf('Kế hoạch đầu tư công năm 2027', ['Tổng vốn đầu tư công năm 2027 của Thành phố.']);
    await (await chooser).setFiles({ name: 'ke-hoach-dau-tu-cong.pdf', mimeType: 'application/pdf', buffer: Buffer.from(plan) });
    await office.page.getByTestId('agenda-draft').getByText('ke-hoach-dau-tu-cong.pdf').waitFor();
    expect(await axeViolations(office.page)).toEqual([]);
    await screenshot(office.page, 'cabinet-new-meeting-800');
    await office.page.getByTestId('schedule-meeting').click();
    await office.page.getByRole('heading', { level: 1, name: 'Phiên họp chuyên đề về đầu tư công' }).waitFor();
    await office.page.getByText('08:30, 20/01/2027 — Phòng họp tầng 2, 79 Đinh Tiên Hoàng').waitFor();
    await office.page.getByRole('link', { name: 'Đọc: ke-hoach-dau-tu-cong.pdf' }).waitFor();
    const meeting = { id: office.page.url().split('/').pop()! };
    expect(officeWatch.errors).toEqual([]);
    await office.context.close();
    const member = await signedIn(portal, 'uyvien4.hanoi', { viewport: PORTRAIT });
    const watch = watchPage(member.page);
    await member.page.goto(`${portal.baseUrl}/hop/phien-hop/${meeting.id}`);
    await member.page.getByTestId('standing-substitute').getByText(/Bùi Văn Long/).waitFor();
    // while the answer is being saved the button pressed shows progress and none can be pressed again
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await member.page.route(
      '**/attendance',
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    await member.page.getByRole('button', { name: 'Báo vắng, mời người dự thay' }).click();
    await member.page.locator('[data-testid="attendance-absent"][data-loading]').waitFor();
    expect(await member.page.getByTestId('attendance-attend').isDisabled()).toBe(true);
    expect(await member.page.getByTestId('attendance-absent-alone').isDisabled()).toBe(true);
    release();
    await member.page.getByTestId('participant').filter({ hasText: /dự họp thay \(người dự thay thường trực\)/ }).waitFor();
    expect(await member.page.getByTestId('attendance-attend').isDisabled()).toBe(false);
    expect(await axeViolations(member.page)).toEqual([]);
    await screenshot(member.page, 'cabinet-standing-substitute-800');
    const substitute = await signedIn(portal, 'lanhdao.badinh', { viewport: LANDSCAPE });
    await substitute.page.goto(`${portal.baseUrl}/hop/phien-hop/${meeting.id}`);
    await substitute.page.getByText(/Đồng chí dự họp thay:/).waitFor();
    await substitute.context.close();
    // in the landscape room's narrow column the list takes the column's width (beside its button it shrank to 160 px)
    await member.page.setViewportSize(LANDSCAPE);
    expect((await member.page.getByRole('combobox', { name: 'Người dự họp thay' }).boundingBox())!.width).toBeGreaterThan(300);
    await member.page.setViewportSize(PORTRAIT);
    // another substitute is picked by name and title from a list (members do not know user names)
    await member.page.getByRole('combobox', { name: 'Người dự họp thay' }).fill('Phạm Quốc');
    await member.page.getByRole('option', { name: /^Phạm Quốc Hùng — / }).click();
    expect(await axeViolations(member.page)).toEqual([]);
    await screenshot(member.page, 'cabinet-substitute-pick-800');
    await member.page.getByRole('button', { name: 'Cử người dự thay', exact: true }).click();
    await member.page.getByTestId('participant').filter({ hasText: 'Vũ Thị Ngọc Mai — vắng, Phạm Quốc Hùng dự họp thay' }).waitFor();
    // the list: her standing substitute first, then the province's leaders; never herself nor a voting member
    const room = await api<{ me: { invitation: { substituteCandidates: { username: string; title: string }[] } } }>(`/api/v1/cabinet/meetings/${meeting.id}`, 'uyvien4.hanoi');
    const candidates = room.me.invitation.substituteCandidates;
    expect(candidates[0].username).toBe('lanhdao.badinh');
    expect(candidates.find((c) => c.username === 'lanhdao.hoankiem')?.title).toBeTruthy();
    expect(candidates.filter((c) => ['uyvien4.hanoi', 'chutich.hanoi', ...MEMBERS].includes(c.username))).toEqual([]);
    expect(watch.errors).toEqual([]);
    await member.context.close();
    await api('/api/v1/cabinet/bodies/ubnd-ha-noi/members/uyvien4.hanoi', 'vanphong.hanoi', { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Sở Tài chính', substitute: null }, 'PUT');
  });

  it('an administrator creates a new body from the screen, then lands on its page to add members', { timeout: JOURNEY_TIMEOUT }, async () => {
    const admin = await signedIn(portal, 'admin', { viewport: LANDSCAPE });
    const watch = watchPage(admin.page);
    await admin.page.goto(`${portal.baseUrl}/hop`);
    await admin.page.getByTestId('new-body-link').click();
    await admin.page.getByRole('heading', { level: 1, name: 'Tạo tập thể mới' }).waitFor();
    await admin.page.getByLabel('Tên tập thể').fill('Ban Chỉ đạo chuyển đổi số Thành phố');
    expect(await admin.page.getByLabel('Mã tập thể').inputValue()).toBe('ban-chi-dao-chuyen-doi-so-thanh-pho');
    await admin.page.getByLabel('Văn phòng (tên đăng nhập)').fill('vanphong.hanoi');
    await admin.page.getByLabel('Căn cứ (quy chế làm việc)').fill('Quyết định thành lập Ban Chỉ đạo');
    expect(await axeViolations(admin.page)).toEqual([]);
    await screenshot(admin.page, 'cabinet-new-body-1024');
    await admin.page.getByTestId('create-body').click();
    await admin.page.getByRole('heading', { level: 1, name: /Ban Chỉ đạo chuyển đổi số Thành phố/ }).waitFor();
    expect(admin.page.url()).toContain('/hop/tap-the/ban-chi-dao-chuyen-doi-so-thanh-pho');
    expect(await admin.page.getByTestId('body-member').count()).toBe(1);
    expect(await axeViolations(admin.page)).toEqual([]);
    expect(watch.errors).toEqual([]);
    await admin.context.close();
  });
});
