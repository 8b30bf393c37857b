import { expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { emitEvent } from '#platform/events.ts';

let sys: TestSystem;
systemPerFile((s) => {
  sys = s;
}, { startJobs: true });

it('a system started with jobs delivers committed dossier events as notifications by itself', async () => {
  await sys.ctx.db.transaction((tx) =>
    emitEvent(tx, {
      topic: 'dossier.status_changed',
      key: 'd-9',
      at: sys.clock.now(),
      payload: {
        dossierId: 'd-9',
        code: '000.00.50.H01-261125-0009',
        procedureCode: '1.001193',
        procedureName: 'Đăng ký khai sinh',
        status: 'RESULT_RETURNED',
        statusCode: 10,
        statusLabel: 'Đã trả kết quả',
        agencyCode: '000.00.50.H01',
        agencyName: 'Ủy ban nhân dân Phường Hoàn Kiếm',
        actorUnit: null,
        actorName: 'Lê Văn Đức',
        at: '2026-11-27T08:00:00+07:00',
        dueAt: null,
        applicantUserId: 'user-9',
        applicantEmail: null,
        applicantName: 'Nguyễn Thị Ánh Tuyết',
      },
    }),
  );
  await expect
    .poll(async () => (await sys.ctx.db.query<{ body: string }>("SELECT body FROM notifications WHERE user_id = 'user-9'"))[0]?.body, {
      timeout: 10_000,
    })
    .toBe('Hồ sơ 000.00.50.H01-261125-0009 (Đăng ký khai sinh) đã được trả kết quả lúc 08 giờ 00 phút, ngày 27/11/2026 tại Ủy ban nhân dân Phường Hoàn Kiếm.');
});
