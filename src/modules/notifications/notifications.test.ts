import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorApp, testActor } from '#test/actor-app.ts';
import { type Mail, startSmtpCapture } from '#test/smtp-capture.ts';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { emitEvent } from '#platform/events.ts';
import { drainOutbox } from '#platform/outbox.ts';
import type { App } from '#platform/context.ts';
import { module, notificationHandlers } from './index.ts';
import type { DossierAssignedPayload, DossierDueSoonPayload, DossierStatusChangedPayload, DossierSupplementReceivedPayload } from '#modules/dossiers/index.ts';
import type { AppointmentChangePayload } from '#modules/appointments/index.ts';
import { statusInfo } from '#modules/dossiers/index.ts';
import * as vietnamese from './messages.ts';
import { dueSoonMessages } from './messages.ts';
import { both } from './notices.ts';

/** A real SMTP server on port 0 collecting what it receives. */
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let inbox: Mail[] = [];
let sys: TestSystem;
let app: App;
const citizen = testActor('user-congdan', 'Nguyễn Thị Ánh Tuyết');
const officer = testActor('user-chuyenvien', 'Trần Minh Quân', [{ role: 'specialist', agencyCode: '000.00.50.H01', provinceCode: '01' }]);

beforeAll(async () => {
  smtp = await startSmtpCapture();
  inbox = smtp.inbox;
  sys = await createTestSystem({ env: { SMTP_URL: smtp.url, MOTCUA_PUBLIC_URL: 'https://motcua.example.vn' } });
  sys.clock.set(new Date('2026-11-25T02:20:00Z'));
  app = await actorApp(sys.ctx, [module.routes], [citizen, officer]);
  // The demo data's own events (the e-Cabinet's open form and meeting invite its members) go first.
  await drainOutbox(sys.ctx, notificationHandlers(sys.ctx));
});
afterAll(async () => {
  await app?.close();
  await sys?.close();
  await smtp?.close();
});

const received = (overrides: Partial<DossierStatusChangedPayload> = {}): DossierStatusChangedPayload => ({
  dossierId: 'd-0001',
  code: '000.00.50.H01-261125-0001',
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  action: 'receive',
  status: 'RECEIVED',
  statusCode: 2,
  statusLabel: 'Được tiếp nhận',
  agencyCode: '000.00.50.H01',
  agencyName: 'Ủy ban nhân dân Phường Hoàn Kiếm',
  actorUnit: 'Ủy ban nhân dân Phường Hoàn Kiếm',
  actorName: 'Lê Văn Đức',
  at: '2026-11-25T09:15:00+07:00',
  dueAt: '2026-11-26T15:00:00+07:00',
  reason: null,
  applicantUserId: citizen.id,
  applicantEmail: 'tuyet@example.vn',
  applicantName: 'Nguyễn Thị Ánh Tuyết',
  ...overrides,
});

async function emit(topic: string, payload: object) {
  await sys.ctx.db.transaction((tx) =>
    emitEvent(tx, { topic, key: 'd-0001', payload: payload as Record<string, unknown>, at: sys.clock.now() }),
  );
}
const drain = () => drainOutbox(sys.ctx, notificationHandlers(sys.ctx));
const notificationsOf = (userId: string) =>
  sys.ctx.db.query<{ title: string; body: string; link: string; outbox_id: number; kind: string }>(
    'SELECT title, body, link, outbox_id, kind FROM notifications WHERE user_id = $1 ORDER BY created_at, outbox_id',
    [userId],
  );

const RECEIVED_BODY =
  'Hồ sơ 000.00.50.H01-261125-0001 (Đăng ký khai sinh) đã được tiếp nhận lúc 09 giờ 15 phút, ngày 25/11/2026 tại Ủy ban nhân dân Phường Hoàn Kiếm. Hẹn trả: 15 giờ 00 phút, ngày 26/11/2026.';

describe('dossier.status_changed', () => {
  it('writes the applicant an in-app notice and sends the e-mail in Vietnamese, exactly once', async () => {
    await emit('dossier.status_changed', received());
    expect(await drain()).toBe(1);
    const [n] = await notificationsOf(citizen.id);
    expect(n).toMatchObject({ title: 'Hồ sơ đã được tiếp nhận', body: RECEIVED_BODY, link: '/ho-so/d-0001', kind: 'dossier.status_changed' });

    await expect.poll(() => inbox.length).toBe(1);
    const mail = inbox[0];
    expect(mail.to).toEqual(['tuyet@example.vn']);
    expect(mail.subject).toBe('[Một Cửa] Hồ sơ đã được tiếp nhận – 000.00.50.H01-261125-0001');
    expect(mail.text).toContain('Kính gửi Ông/Bà Nguyễn Thị Ánh Tuyết');
    expect(mail.text.replace(/\s+/g, ' ')).toContain(RECEIVED_BODY);
    expect(mail.text).toContain('https://motcua.example.vn/tra-cuu/000.00.50.H01-261125-0001');

    // The same event delivered again (crash after handling, second dispatcher): nothing doubles.
    await sys.ctx.db.query('UPDATE outbox SET processed_at = NULL WHERE id = $1', [n.outbox_id]);
    expect(await drain()).toBe(1);
    expect(await notificationsOf(citizen.id)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox).toHaveLength(1);
  });

  it('words each status from data: supplement with reason, extension with the new date', async () => {
    await emit(
      'dossier.status_changed',
      received({ action: 'request_supplement', status: 'AWAITING_SUPPLEMENT', statusCode: 5, statusLabel: 'Yêu cầu bổ sung giấy tờ', reason: 'Giấy chứng sinh bị mờ', at: '2026-11-25T10:00:00+07:00' }),
    );
    await emit(
      'dossier.status_changed',
      received({ action: 'extend', status: 'IN_PROCESSING', statusCode: 4, statusLabel: 'Đang xử lý', reason: 'Cần xác minh thêm', dueAt: '2026-11-30T15:00:00+07:00' }),
    );
    expect(await drain()).toBe(2);
    const [, supplement, extension] = await notificationsOf(citizen.id);
    expect(supplement.title).toBe('Yêu cầu bổ sung, hoàn thiện hồ sơ');
    expect(supplement.body).toBe(
      'Hồ sơ 000.00.50.H01-261125-0001 (Đăng ký khai sinh): Ủy ban nhân dân Phường Hoàn Kiếm yêu cầu Ông/Bà bổ sung, hoàn thiện hồ sơ (10 giờ 00 phút, ngày 25/11/2026). Lý do: Giấy chứng sinh bị mờ.',
    );
    expect(extension.title).toBe('Hẹn lại ngày trả kết quả');
    expect(extension.body).toContain('Hẹn trả mới: 15 giờ 00 phút, ngày 30/11/2026.');
    expect(extension.body).toContain('Lý do: Cần xác minh thêm.');
    await expect.poll(() => inbox.length).toBe(3);
  });

  it('without an account it still e-mails; without an e-mail it only notifies in-app', async () => {
    const before = inbox.length;
    await emit('dossier.status_changed', received({ dossierId: 'd-0002', applicantUserId: null, applicantEmail: 'khach@example.vn', status: 'RESULT_READY', action: 'approve' }));
    await emit('dossier.status_changed', received({ dossierId: 'd-0003', applicantEmail: null, status: 'RESULT_READY', action: 'approve' }));
    expect(await drain()).toBe(2);
    await expect.poll(() => inbox.length).toBe(before + 1);
    expect(inbox.at(-1)?.to).toEqual(['khach@example.vn']);
    expect(inbox.at(-1)?.subject).toContain('Hồ sơ đã có kết quả');
    const rows = await sys.ctx.db.query<{ dossier_id: string }>("SELECT dossier_id FROM notifications WHERE dossier_id IN ('d-0002', 'd-0003')");
    expect(rows.map((r) => r.dossier_id)).toEqual(['d-0003']);
  });

  it('keeps the event for a retry when the mail server is unreachable, without doubling the in-app notice', async () => {
    const broken = { ...sys.ctx, config: { ...sys.ctx.config, SMTP_URL: 'smtp://127.0.0.1:1' } };
    await emit('dossier.status_changed', received({ dossierId: 'd-0004', status: 'STOPPED', action: 'stop', reason: 'Không đủ điều kiện' }));
    expect(await drainOutbox(broken, notificationHandlers(broken))).toBe(0);
    const [row] = await sys.ctx.db.query<{ attempts: number; last_error: string | null }>(
      "SELECT attempts, last_error FROM outbox WHERE payload->>'dossierId' = 'd-0004'",
    );
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBeTruthy();
    sys.clock.set(new Date(sys.clock.now().getTime() + 5000));
    const before = inbox.length;
    expect(await drain()).toBe(1);
    await expect.poll(() => inbox.length).toBe(before + 1);
    expect(inbox.at(-1)?.subject).toContain('Hồ sơ bị dừng xử lý');
    expect((await sys.ctx.db.query("SELECT 1 FROM notifications WHERE dossier_id = 'd-0004'")).length).toBe(1);
  });
});

describe('dossier.due_soon and dvcqg.status_sync', () => {
  it('warns the applicant and the assigned specialist', async () => {
    const payload: DossierDueSoonPayload = {
      dossierId: 'd-0005',
      code: '000.00.50.H01-261125-0005',
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      status: 'IN_PROCESSING',
      dueAt: '2026-11-26T15:00:00+07:00',
      agencyCode: '000.00.50.H01',
      agencyName: 'Ủy ban nhân dân Phường Hoàn Kiếm',
      assignee: officer.id,
      applicantUserId: citizen.id,
      applicantEmail: null,
      applicantName: 'Nguyễn Thị Ánh Tuyết',
    };
    await emit('dossier.due_soon', payload);
    expect(await drain()).toBe(1);
    const [forOfficer] = await notificationsOf(officer.id);
    expect(forOfficer.title).toBe('Hồ sơ sắp đến hạn');
    // the officer's notice opens the processing page, the applicant's their own dossier
    expect(forOfficer.link).toBe('/can-bo/ho-so/d-0005');
    expect((await notificationsOf(citizen.id)).at(-1)?.link).toBe('/ho-so/d-0005');
    expect(forOfficer.body).toContain('000.00.50.H01-261125-0005 (Đăng ký khai sinh) đến hạn trả kết quả lúc 15 giờ 00 phút, ngày 26/11/2026');
    const mine = await notificationsOf(citizen.id);
    expect(mine.at(-1)?.body).toBe(
      'Hồ sơ 000.00.50.H01-261125-0005 (Đăng ký khai sinh) có hẹn trả kết quả lúc 15 giờ 00 phút, ngày 26/11/2026 tại Bộ phận Tiếp nhận và Trả kết quả — Ủy ban nhân dân Phường Hoàn Kiếm.',
    );
    // the way the applicant chose to receive it (issue 11 item 6): by post or online, no desk named
    const byPost = dueSoonMessages({ ...payload, returnMethod: 'buu_chinh', returnPlace: 'Ủy ban nhân dân Phường Ba Đình' }).applicant.body;
    expect(byPost).toBe('Hồ sơ 000.00.50.H01-261125-0005 (Đăng ký khai sinh) có hẹn trả kết quả lúc 15 giờ 00 phút, ngày 26/11/2026, gửi qua dịch vụ bưu chính công ích.');
    expect(dueSoonMessages({ ...payload, returnMethod: 'truc_tuyen' }).applicant.body).toContain(', trả trực tuyến trên Cổng dịch vụ công.');
    // at the desk: the receiving desk that returns it, not the agency deciding
    expect(dueSoonMessages({ ...payload, returnMethod: 'tai_quay', returnPlace: 'Ủy ban nhân dân Phường Ba Đình' }).applicant.body).toContain(
      'tại Bộ phận Tiếp nhận và Trả kết quả — Ủy ban nhân dân Phường Ba Đình.',
    );
  });

  it('records the national-portal status payload once per event', async () => {
    await emit('dvcqg.status_sync', { MaHoSo: '000.00.50.H01-261125-0001', MaTTHC: '1.001193', TrangThai: 2, NguoiXuLy: 'Lê Văn Đức' });
    expect(await drain()).toBe(1);
    await sys.ctx.db.query("UPDATE outbox SET processed_at = NULL WHERE topic = 'dvcqg.status_sync'");
    expect(await drain()).toBe(1);
    const rows = await sys.ctx.db.query<{ ma_ho_so: string; trang_thai: number; payload: Record<string, unknown>; delivered_at: Date | null }>(
      'SELECT ma_ho_so, trang_thai, payload, delivered_at FROM dvcqg_sync_log',
    );
    expect(rows).toEqual([
      {
        ma_ho_so: '000.00.50.H01-261125-0001',
        trang_thai: 2,
        payload: { MaHoSo: '000.00.50.H01-261125-0001', MaTTHC: '1.001193', TrangThai: 2, NguoiXuLy: 'Lê Văn Đức' },
        delivered_at: null,
      },
    ]);
  });
});

describe('appointment.moved and appointment.cancelled', () => {
  it('tells the citizen in the inbox and by e-mail, with the desk’s reason, exactly once', async () => {
    // a seeded account with an e-mail address (the notice goes to the booking's account)
    const [user] = await sys.ctx.db.query<{ id: string; fullName: string }>('SELECT id, full_name AS "fullName" FROM users ORDER BY id LIMIT 1');
    await sys.ctx.db.query("UPDATE users SET email = 'lichhen@example.vn' WHERE id = $1", [user.id]);
    const booking = {
      id: 'a-0001',
      code: 'LH-7K3M9Q',
      userId: user.id,
      date: '2026-11-27',
      startTime: '09:00',
      endTime: '09:30',
      agencyName: 'Ủy ban nhân dân Phường Hoàn Kiếm',
      procedureCode: '2.000815',
      procedureName: 'Chứng thực bản sao từ bản chính',
    };
    inbox.length = 0;
    await emit('appointment.moved', { ...booking, by: 'desk', reason: 'Cán bộ tiếp nhận đi tập huấn', previous: { date: '2026-11-26', startTime: '08:00', endTime: '08:30' } });
    await emit('appointment.cancelled', { ...booking, by: 'citizen', reason: null });
    expect(await drain()).toBe(2);
    expect(await drain()).toBe(0);
    const notes = (await notificationsOf(user.id)).filter((n) => n.kind.startsWith('appointment.'));
    expect(notes.map((n) => [n.kind, n.title, n.link])).toEqual([
      ['appointment.moved', 'Cơ quan đã đổi giờ hẹn của Ông/Bà', '/lich-hen'],
      ['appointment.cancelled', 'Đã hủy lịch hẹn', '/lich-hen'],
    ]);
    expect(notes[0].body).toBe(
      'Ủy ban nhân dân Phường Hoàn Kiếm đã đổi lịch hẹn LH-7K3M9Q (thủ tục Chứng thực bản sao từ bản chính) từ 08:00–08:30 ngày 26/11/2026 sang 09:00–09:30 ngày 27/11/2026. Lý do: Cán bộ tiếp nhận đi tập huấn. Nếu giờ mới không phù hợp, Ông/Bà có thể đổi giờ khác hoặc hủy lịch hẹn tại mục “Lịch hẹn của tôi”.',
    );

    await expect.poll(() => inbox.length).toBe(2);
    const moved = inbox.find((m) => m.subject.includes('đổi giờ'));
    expect(moved?.to).toEqual(['lichhen@example.vn']);
    expect(moved?.subject).toBe('[Một Cửa] Cơ quan đã đổi giờ hẹn của Ông/Bà – LH-7K3M9Q');
    expect(moved?.text).toContain(`Kính gửi Ông/Bà ${user.fullName}`);
    expect(moved?.text.replace(/\s+/g, ' ')).toContain('Lý do: Cán bộ tiếp nhận đi tập huấn.');
    expect(moved?.text).not.toContain('/tra-cuu/'); // a booking code is not a dossier to track
    const cancelled = inbox.find((m) => m.subject.includes('hủy'));
    expect(cancelled?.subject).toBe('[Một Cửa] Đã hủy lịch hẹn – LH-7K3M9Q');
    expect(cancelled?.text).not.toContain('Lý do');
  });
});

describe('GET /api/v1/me/notifications, POST …/{id}/read', () => {
  const as = (actor: { id: string }) => ({ 'x-test-actor': actor.id });

  it('lists my notices newest first with the unread count, and marks one read', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: as(citizen) });
    expect(list.statusCode).toBe(200);
    const { items, unreadCount } = list.json();
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(unreadCount).toBe(items.length);
    expect(items.at(-1)).toMatchObject({ title: 'Hồ sơ đã được tiếp nhận', body: RECEIVED_BODY, readAt: null, dossierId: 'd-0001' });
    expect(items[0].createdAt).toMatch(/\+07:00$/);

    const read = await app.inject({ method: 'POST', url: `/api/v1/me/notifications/${items[0].id}/read`, headers: as(citizen) });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toMatch(/\+07:00$/);
    const unread = await app.inject({ method: 'GET', url: '/api/v1/me/notifications?unread=true', headers: as(citizen) });
    expect(unread.json().unreadCount).toBe(unreadCount - 1);
    expect(unread.json().items.map((i: { id: string }) => i.id)).not.toContain(items[0].id);
  });

  it("does not show or touch someone else's notices", async () => {
    const mine = (await app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: as(citizen) })).json().items;
    const other = await app.inject({ method: 'POST', url: `/api/v1/me/notifications/${mine[0].id}/read`, headers: as(officer) });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('NOTIFICATION_NOT_FOUND');
    const officers = (await app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: as(officer) })).json().items;
    expect(officers.map((i: { title: string }) => i.title)).toEqual(['Hồ sơ sắp đến hạn']);
  });

  it('requires a signed-in user (real app → 401)', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/api/v1/me/notifications' });
    expect(res.statusCode).toBe(401);
  });
});

describe('notices in the reader’s language (Vietnamese first, English second)', () => {
  const list = (actor: { id: string }, headers: Record<string, string> = {}, query = '') =>
    app.inject({ method: 'GET', url: `/api/v1/me/notifications${query}`, headers: { 'x-test-actor': actor.id, ...headers } });
  const RECEIVED_EN =
    'Dossier 000.00.50.H01-261125-0001 (Đăng ký khai sinh) was received by Ủy ban nhân dân Phường Hoàn Kiếm at 09:15 on 25/11/2026. Result due: 15:00 on 26/11/2026.';

  it('reads a notice in English with an English Accept-Language or ?lang=en, and in the same Vietnamese as before otherwise', async () => {
    const vi = (await list(citizen)).json().items;
    const en = (await list(citizen, { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' })).json().items;
    const received = vi.at(-1);
    expect(received).toMatchObject({ title: 'Hồ sơ đã được tiếp nhận', body: RECEIVED_BODY, lang: 'vi' });
    expect((await list(citizen, { 'accept-language': 'vi-VN,vi;q=0.9' })).json().items.at(-1)).toEqual(received);
    expect(en.at(-1)).toEqual({ ...received, title: 'Dossier received', body: RECEIVED_EN, lang: 'en' });
    expect((await list(citizen, {}, '?lang=en')).json().items.at(-1)).toMatchObject({ title: 'Dossier received', lang: 'en' });
    // the same notices in the same order; each of them in English (the supplement, the extension, due soon…)
    expect(en.map((n: { id: string }) => n.id)).toEqual(vi.map((n: { id: string }) => n.id));
    expect(en.every((n: { lang: string }) => n.lang === 'en')).toBe(true);
    expect(en.map((n: { title: string }) => n.title)).toContain('New date for the result');
    // both versions are stored with the row
    const [row] = await sys.ctx.db.query<{ title: string; title_en: string; body_en: string }>('SELECT title, title_en, body_en FROM notifications WHERE id = $1', [received.id]);
    expect(row).toEqual({ title: 'Hồ sơ đã được tiếp nhận', title_en: 'Dossier received', body_en: RECEIVED_EN });
  });

  it('reads a notice stored before English was kept (title_en null) in Vietnamese, in the list and when marked read', async () => {
    await sys.ctx.db.query(
      `INSERT INTO notifications (id, user_id, outbox_id, kind, dossier_id, title, body, link, created_at)
       VALUES ('n-old', $1, 990001, 'dossier.status_changed', 'd-0001', 'Hồ sơ đã được nộp', 'Hồ sơ cũ (Đăng ký khai sinh) đã được nộp.', '/ho-so/d-0001', $2)`,
      [citizen.id, new Date('2026-11-20T01:00:00Z')],
    );
    const en = (await list(citizen, { 'accept-language': 'en' })).json().items;
    expect(en.find((n: { id: string }) => n.id === 'n-old')).toMatchObject({ title: 'Hồ sơ đã được nộp', body: 'Hồ sơ cũ (Đăng ký khai sinh) đã được nộp.', lang: 'vi' });
    const read = await app.inject({ method: 'POST', url: '/api/v1/me/notifications/n-old/read', headers: { 'x-test-actor': citizen.id, 'accept-language': 'en' } });
    expect(read.json()).toMatchObject({ title: 'Hồ sơ đã được nộp', lang: 'vi' });
    expect(read.json().readAt).not.toBeNull();
    // a notice.users without English is read in Vietnamese too; with it, in English
    await emit('notice.users', { userIds: [officer.id], title: 'Giấy mời họp', body: 'Họp giao ban sáng thứ Hai.' });
    await emit('notice.users', { userIds: [officer.id], title: 'Giấy mời họp', body: 'Họp giao ban chiều thứ Hai.', titleEn: 'Meeting invitation', bodyEn: 'Briefing meeting on Monday afternoon.' });
    expect(await drain()).toBe(2);
    const officers = (await list(officer, { 'accept-language': 'en' })).json().items;
    expect(officers.slice(0, 2).map((n: { title: string; lang: string }) => [n.title, n.lang])).toEqual([
      ['Meeting invitation', 'en'],
      ['Giấy mời họp', 'vi'],
    ]);
  });

  it('has an English template for every Vietnamese one, with no Vietnamese left but the names the event carries', () => {
    const english = (payload: object, m: { vi: vietnamese.Message; en: vietnamese.Message }) => {
      expect(m.en.title).not.toBe(m.vi.title);
      let text = `${m.en.title} ${m.en.body}`;
      // the names and free text the event carries (in Vietnamese), and the product's name
      const names = [...Object.values(payload), 'Một Cửa'].filter((v): v is string => typeof v === 'string' && /[\u0080-\uFFFF]/.test(v));
      for (const v of names) text = text.split(v).join('');
      expect(text, text).not.toMatch(/[\u00C0-\u024F\u1E00-\u1EFF]/);
      return m.en;
    };
    const actions = ['receive', 'forward', 'extend', 'submit_supplement', 'approve', 'confirm_payment', 'request_supplement', 'stop', 'return_result'];
    for (const status of Object.keys(statusInfo)) {
      for (const action of actions) {
        for (const returnMethod of ['tai_quay', 'buu_chinh', 'truc_tuyen'] as const) {
          const p = received({ status, action, returnMethod, reason: 'Thiếu giấy tờ', reference: 'HS-7K3M9Q', postalReference: 'EB123456789VN', awaitingIssue: action === 'approve' && returnMethod === 'tai_quay' });
          const m = both((w) => w.statusChangedMessage(p));
          expect(m.vi).toEqual(vietnamese.statusChangedMessage(p));
          english(p, m);
        }
      }
    }
    // a status no template knows: its label as the event carries it
    const other = received({ action: 'other', status: 'UNKNOWN', statusLabel: 'Trạng thái khác' });
    expect(english(other, both((w) => w.statusChangedMessage(other))).title).toBe('Dossier: Trạng thái khác');
    const dossier = { dossierId: 'd-1', code: null, procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', agencyCode: '000.00.50.H01', agencyName: 'Ủy ban nhân dân Phường Hoàn Kiếm', at: '2026-11-25T10:30:00+07:00', dueAt: '2026-11-27T15:00:00+07:00' };
    const overdue = { ...dossier, step: 2, task: 'Thẩm định', stepAgencyCode: 'x', stepAgencyName: 'Sở Tư pháp', leadAgencyCode: 'y', subDueAt: '2026-11-26T17:00:00+07:00', leaderIds: [] };
    expect(english(overdue, both((w) => w.stepOverdueMessage(overdue))).body).toBe(
      'Dossier (no code yet) (Đăng ký khai sinh): step 2 (Thẩm định) at Sở Tư pháp passed its deadline of 17:00 on 26/11/2026. Please follow it up or recall the step to the lead agency.',
    );
    const assigned = { ...dossier, assignee: 'u', assigneeName: 'Trần Minh Quân', assignedByName: 'Phạm Quốc Hùng' };
    english(assigned, both((w) => w.assignedMessage(assigned)));
    for (const phase of ['intake', 'appraisal'] as const) {
      for (const by of ['desk', 'applicant'] as const) {
        const supplement = { ...dossier, officer: 'u', phase, by, actorName: 'Lê Văn Đức' };
        english(supplement, both((w) => w.supplementReceivedMessage(supplement)));
      }
    }
    for (const returnMethod of ['tai_quay', 'buu_chinh', 'truc_tuyen'] as const) {
      const soon = { ...dossier, status: 'IN_PROCESSING', returnMethod, assignee: null, applicantUserId: null, applicantEmail: null, applicantName: 'Nguyễn Thị Ánh Tuyết' } as DossierDueSoonPayload;
      const m = both((w) => w.dueSoonMessages(soon));
      english(soon, { vi: m.vi.applicant, en: m.en.applicant });
      english(soon, { vi: m.vi.officer, en: m.en.officer });
    }
    const booking = { id: 'a-1', code: 'LH-7K3M9Q', userId: 'u', date: '2026-11-27', startTime: '09:00', endTime: '09:30', agencyName: 'Ủy ban nhân dân Phường Hoàn Kiếm', procedureCode: '2.000815', procedureName: 'Chứng thực bản sao từ bản chính' };
    english(booking, both((w) => w.appointmentBookedMessage(booking)));
    english(booking, both((w) => w.appointmentReminderMessage(booking)));
    for (const by of ['desk', 'citizen'] as const) {
      const change = { ...booking, by, reason: 'Cán bộ tiếp nhận đi tập huấn.', previous: { date: '2026-11-26', startTime: '08:00', endTime: '08:30' } } as AppointmentChangePayload;
      english(change, both((w) => w.appointmentMovedMessage(change)));
      english(change, both((w) => w.appointmentCancelledMessage(change)));
    }
    const byDesk = { ...booking, by: 'desk', reason: 'Mưa bão.' } as AppointmentChangePayload;
    expect(english(byDesk, both((w) => w.appointmentMovedMessage(byDesk))).body).toBe(
      'Ủy ban nhân dân Phường Hoàn Kiếm moved booking LH-7K3M9Q (procedure Chứng thực bản sao từ bản chính) to 09:00–09:30 on 27/11/2026. Reason: Mưa bão. If the new time does not suit you, you can choose another time or cancel the booking under “My bookings”.',
    );
    const password = { userId: 'u', username: 'vanthu.badinh', fullName: 'Ngô Thị Lan', email: null, at: '2026-11-26T10:05:00+07:00', byName: 'Quản trị hệ thống' };
    expect(english(password, both((w) => w.passwordChangedMessage(password))).body).toMatch(/^The password of your account vanthu\.badinh was changed at 10:05 on 26\/11\/2026\./);
    english(password, both((w) => w.passwordResetMessage(password)));
  });
});

describe('notice.users (the e-Cabinet’s reminders)', () => {
  it('writes each user an in-app notice and, when asked, e-mails those with an address, once per event', async () => {
    const [withMail] = await sys.ctx.db.query<{ id: string }>(`UPDATE users SET email = 'uyvien1@hanoi.gov.vn' WHERE username = 'uyvien1.hanoi' RETURNING id`);
    const [withoutMail] = await sys.ctx.db.query<{ id: string }>(`UPDATE users SET email = NULL WHERE username = 'uyvien2.hanoi' RETURNING id`);
    const before = inbox.length;
    const notice = { userIds: [withMail.id, withoutMail.id], title: 'Hôm nay là hạn trả lời phiếu lấy ý kiến', body: 'Kế hoạch chuyển đổi số năm 2027 — hạn 23:59 ngày 25/11/2026.', link: '/hop/phieu/f-1' };
    await emit('notice.users', { ...notice, email: true });
    expect(await drain()).toBe(1);
    for (const id of [withMail.id, withoutMail.id]) expect((await notificationsOf(id)).map((n) => n.title)).toContain(notice.title);
    await expect.poll(() => inbox.length).toBe(before + 1);
    const mail = inbox.at(-1)!;
    expect(mail.to).toEqual(['uyvien1@hanoi.gov.vn']);
    expect(mail.subject).toBe('[Một Cửa] Hôm nay là hạn trả lời phiếu lấy ý kiến');
    expect(mail.text).toContain('Kính gửi Ông/Bà Phạm Văn Khánh');
    expect(mail.text.replace(/\s+/g, ' ')).toContain(notice.body);
    expect(mail.text).toContain('https://motcua.example.vn/hop/phieu/f-1');
    // delivered again: no second e-mail; a notice without `email` stays in-app only
    const [row] = await sys.ctx.db.query<{ id: number }>(`SELECT id FROM outbox WHERE topic = 'notice.users' ORDER BY id DESC LIMIT 1`);
    await sys.ctx.db.query('UPDATE outbox SET processed_at = NULL WHERE id = $1', [row.id]);
    expect(await drain()).toBe(1);
    await emit('notice.users', { ...notice, title: 'Giấy mời họp' });
    expect(await drain()).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox).toHaveLength(before + 1);
  });
});

describe('user.password_changed and user.password_reset (the identity module’s)', () => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const userOf = async (username: string) =>
    (await sys.ctx.db.query<{ id: string; fullName: string }>('SELECT id, full_name AS "fullName" FROM users WHERE username = $1', [username]))[0];
  const noticeOf = async (userId: string, kind: string) => (await notificationsOf(userId)).filter((n) => n.kind === kind);
  const replay = async (outboxId: number) => {
    await sys.ctx.db.query('UPDATE outbox SET processed_at = NULL WHERE id = $1', [outboxId]);
    expect(await drain()).toBe(1);
  };
  const NEVER_BY_MAIL = 'Hệ thống Một Cửa không bao giờ gửi mật khẩu qua thư điện tử hay tin nhắn.';

  it('tells the account in the inbox and by e-mail that its password changed, once, never with the password', async () => {
    const user = await userOf('vanthu.badinh');
    await sys.ctx.db.query("UPDATE users SET email = 'vanthu@badinh.hanoi.gov.vn' WHERE id = $1", [user.id]);
    sys.clock.set(new Date('2026-11-26T03:05:00Z'));
    inbox.length = 0;
    const token = await sys.login('vanthu.badinh');
    const res = await sys.app.inject({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'MotCua@2026', newPassword: 'MatKhauMoi@2027' }, headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(200);
    expect(await drain()).toBe(1);

    const [note] = await noticeOf(user.id, 'user.password_changed');
    expect(note).toMatchObject({ title: 'Mật khẩu tài khoản đã được thay đổi', link: null });
    expect(note.body).toBe(
      `Mật khẩu tài khoản vanthu.badinh của Ông/Bà đã được thay đổi lúc 10:05 ngày 26/11/2026. Nếu không phải Ông/Bà thực hiện, vui lòng liên hệ quản trị viên ngay. ${NEVER_BY_MAIL}`,
    );
    await expect.poll(() => inbox.length).toBe(1);
    const [mail] = inbox;
    expect(mail.to).toEqual(['vanthu@badinh.hanoi.gov.vn']);
    expect(mail.subject).toBe('[Một Cửa] Mật khẩu tài khoản đã được thay đổi');
    expect(mail.text).toContain(`Kính gửi Ông/Bà ${user.fullName}`);
    expect(mail.text.replace(/\s+/g, ' ')).toContain(note.body);
    expect(mail.text).not.toContain('/tra-cuu/');

    // no password in the event, the notice or the e-mail
    const [row] = await sys.ctx.db.query<{ id: number; payload: object }>("SELECT id, payload FROM outbox WHERE topic = 'user.password_changed'");
    expect(row.payload).toEqual({ userId: user.id, username: 'vanthu.badinh', fullName: user.fullName, email: 'vanthu@badinh.hanoi.gov.vn', at: '2026-11-26T10:05:00+07:00' });
    for (const text of [JSON.stringify(row.payload), note.title, note.body, mail.subject, mail.text]) expect(text).not.toMatch(/MatKhauMoi@2027|MotCua@2026|argon2/);

    // the same row delivered again: no second notice, no second e-mail
    await replay(row.id);
    expect(await noticeOf(user.id, 'user.password_changed')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox).toHaveLength(1);
  });

  it('tells the account an administrator reset its password, naming them, never with the temporary password; without an address, in the inbox only', async () => {
    const user = await userOf('motcua.badinh');
    const withoutMail = await userOf('lanhdao.badinh');
    await sys.ctx.db.query("UPDATE users SET email = 'motcua@badinh.hanoi.gov.vn' WHERE id = $1", [user.id]);
    await sys.ctx.db.query('UPDATE users SET email = NULL WHERE id = $1', [withoutMail.id]);
    const admin = await userOf('admin');
    sys.clock.set(new Date('2026-11-26T07:40:00Z'));
    inbox.length = 0;
    const token = await sys.login('admin');
    const temporary: string[] = [];
    for (const id of [user.id, withoutMail.id]) {
      const res = await sys.app.inject({ method: 'POST', url: `/api/v1/admin/users/${id}/password-reset`, headers: bearer(token) });
      expect(res.statusCode, res.body).toBe(200);
      temporary.push(res.json().temporaryPassword);
    }
    expect(await drain()).toBe(2);

    const [note] = await noticeOf(user.id, 'user.password_reset');
    expect(note.title).toBe('Mật khẩu tài khoản đã được đặt lại');
    expect(note.body).toBe(
      `Quản trị viên ${admin.fullName} đã đặt lại mật khẩu tài khoản motcua.badinh của Ông/Bà lúc 14:40 ngày 26/11/2026; mọi phiên đăng nhập của tài khoản đã kết thúc. Mật khẩu tạm thời do quản trị viên trao trực tiếp cho Ông/Bà, và Ông/Bà phải đổi mật khẩu ở lần đăng nhập tiếp theo. Nếu Ông/Bà không đề nghị đặt lại mật khẩu, vui lòng liên hệ quản trị viên ngay. ${NEVER_BY_MAIL}`,
    );
    expect((await noticeOf(withoutMail.id, 'user.password_reset')).map((n) => n.title)).toEqual(['Mật khẩu tài khoản đã được đặt lại']);
    await expect.poll(() => inbox.length).toBe(1);
    const [mail] = inbox;
    expect(mail.to).toEqual(['motcua@badinh.hanoi.gov.vn']);
    expect(mail.subject).toBe('[Một Cửa] Mật khẩu tài khoản đã được đặt lại');
    expect(mail.text.replace(/\s+/g, ' ')).toContain(note.body);

    const rows = await sys.ctx.db.query<{ id: number; payload: object }>("SELECT id, payload FROM outbox WHERE topic = 'user.password_reset' ORDER BY id");
    expect(rows[0].payload).toEqual({
      userId: user.id,
      username: 'motcua.badinh',
      fullName: user.fullName,
      email: 'motcua@badinh.hanoi.gov.vn',
      at: '2026-11-26T14:40:00+07:00',
      byName: admin.fullName,
    });
    const everything = [...rows.map((r) => JSON.stringify(r.payload)), note.body, mail.subject, mail.text];
    for (const password of temporary) for (const text of everything) expect(text).not.toContain(password);
    for (const password of temporary) {
      const leaked = await sys.ctx.db.query("SELECT 1 FROM notifications WHERE body LIKE '%' || $1 || '%' OR title LIKE '%' || $1 || '%'", [password]);
      expect(leaked).toHaveLength(0);
    }

    await replay(rows[0].id);
    expect(await noticeOf(user.id, 'user.password_reset')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox).toHaveLength(1);
  });
});

describe('dossier.assigned and dossier.supplement_received (the officer’s own notices)', () => {
  const about = {
    code: '000.00.50.H01-261125-0007',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    agencyCode: '000.00.50.H01',
    agencyName: 'Ủy ban nhân dân Phường Hoàn Kiếm',
    at: '2026-11-25T10:30:00+07:00',
  };

  it('tells the assigned specialist in-app only, opening the processing page, once per event', async () => {
    const payload: DossierAssignedPayload = {
      ...about,
      dossierId: 'd-0007',
      dueAt: '2026-11-27T15:00:00+07:00',
      assignee: officer.id,
      assigneeName: 'Trần Minh Quân',
      assignedByName: 'Phạm Quốc Hùng',
    };
    const mails = inbox.length;
    await emit('dossier.assigned', payload);
    expect(await drain()).toBe(1);
    await sys.ctx.db.query("UPDATE outbox SET processed_at = NULL WHERE topic = 'dossier.assigned'");
    expect(await drain()).toBe(1);
    const mine = (await notificationsOf(officer.id)).filter((n) => n.kind === 'dossier.assigned');
    expect(mine).toEqual([
      expect.objectContaining({
        title: 'Hồ sơ được phân công',
        body: 'Hồ sơ 000.00.50.H01-261125-0007 (Đăng ký khai sinh) đã được Phạm Quốc Hùng phân công cho Ông/Bà thụ lý lúc 10 giờ 30 phút, ngày 25/11/2026. Hẹn trả kết quả: 15 giờ 00 phút, ngày 27/11/2026.',
        link: '/can-bo/ho-so/d-0007',
      }),
    ]);
    expect(inbox.length).toBe(mails); // no e-mail
    // before reception's appointment is known, no due date is named
    await emit('dossier.assigned', { ...payload, dossierId: 'd-0008', dueAt: null });
    await drain();
    expect((await notificationsOf(officer.id)).at(-1)?.body).toMatch(/thụ lý lúc 10 giờ 30 phút, ngày 25\/11\/2026\.$/);
  });

  it('words the supplement by phase and by who brought it (online, or at the desk), to the officer named', async () => {
    const payload: DossierSupplementReceivedPayload = {
      ...about,
      dossierId: 'd-0009',
      dueAt: '2026-12-02T14:30:00+07:00',
      officer: officer.id,
      phase: 'appraisal',
      by: 'desk',
      actorName: 'Lê Văn Đức',
    };
    await emit('dossier.supplement_received', payload);
    expect(await drain()).toBe(1);
    const [notice] = (await notificationsOf(officer.id)).filter((n) => n.kind === 'dossier.supplement_received');
    expect(notice).toMatchObject({
      title: 'Hồ sơ đã được bổ sung',
      body: 'Hồ sơ 000.00.50.H01-261125-0007 (Đăng ký khai sinh): giấy tờ bổ sung theo yêu cầu đã đủ, do Lê Văn Đức tiếp nhận tại Bộ phận Tiếp nhận và Trả kết quả lúc 10 giờ 30 phút, ngày 25/11/2026. Hồ sơ trở lại để Ông/Bà tiếp tục giải quyết; thời hạn được tính lại từ đầu, hẹn trả kết quả mới: 14 giờ 30 phút, ngày 02/12/2026.',
      link: '/can-bo/ho-so/d-0009',
    });
    expect((await notificationsOf(citizen.id)).some((n) => n.kind === 'dossier.supplement_received')).toBe(false);
  });
});
