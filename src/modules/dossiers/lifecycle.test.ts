import { describe, expect, it } from 'vitest';
import { scanDueSoon } from './due-soon.ts';
import { act, actOk, announcedDue, auth, fileProcedure, fileWorld, pdfText, read, setNow, submit, workingDayAt } from '#test/factories.ts';

/** A multi-day procedure received by the commune People's Committee, and a same-day one. */
const PROC_DAYS = '1.004873'; // Xác nhận tình trạng hôn nhân
const PROC_SAME_DAY = '2.000815'; // Chứng thực bản sao từ bản chính


const w = fileWorld();
const days = fileProcedure(w, PROC_DAYS);
const sameDay = fileProcedure(w, PROC_SAME_DAY);

const instant = (iso: string | null) => (iso ? new Date(iso).getTime() : null);

async function received(at: string, proc = days) {
  setNow(w, at);
  // Certified copies are not offered online (the catalogue lists only the desk): filed at the counter.
  const d = await submit(w, proc === sameDay ? { procedure: proc, user: 'motcua.hoankiem', channel: 'direct' } : { procedure: proc });
  return actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
}

async function inProcessing(at: string) {
  const d = await received(at);
  return actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
}

describe('scenario 1: desk intake with a missing component', () => {
  it('refuses to receive, issues Mẫu 02 at intake: status 5, clock not started, no code', async () => {
    const required = days.components.filter((c) => c.required).map((c) => c.code);
    expect(required.length).toBeGreaterThan(0);
    setNow(w, '2026-03-09T09:00:00+07:00');
    const d = await submit(w, { user: 'motcua.hoankiem', procedure: days, components: required.slice(1) });
    expect(d).toMatchObject({ status: 'SUBMITTED', statusCode: 1, code: null });

    const refused = await act(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'DOSSIER_INCOMPLETE', missingComponents: [required[0]] });
    const name = days.components.find((c) => c.code === required[0])?.name ?? '';
    expect(refused.json().error.message).toContain(name); // the component by its name

    const asked = await actOk(w, 'motcua.hoankiem', d.id, { action: 'request_supplement', reason: 'Thiếu giấy tờ', components: [required[0]] });
    expect(asked).toMatchObject({ status: 'AWAITING_SUPPLEMENT', statusCode: 5, phase: 'intake', code: null, dueAt: null, receivedAt: null });
    const notice = await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/documents/supplement-notice.pdf`, headers: auth(w, 'motcua.hoankiem') });
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toContain('application/pdf');

    // the papers arrive at the counter: back to SUBMITTED, then received with a code
    const { uploadPdf } = await import('#test/factories.ts');
    const fileId = await uploadPdf(w, 'motcua.hoankiem');
    const back = await actOk(w, 'motcua.hoankiem', d.id, { action: 'submit_supplement', documents: [{ componentCode: required[0], fileId }] });
    expect(back).toMatchObject({ status: 'SUBMITTED', phase: null, dueAt: null });
    const ok = await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    expect(ok.code).toMatch(new RegExp(`^${w.agency.hoankiem.replaceAll('.', '\\.')}-260309-\\d{4}$`));
  });
});

describe('scenario 2: cut-off hour', () => {
  it('a same-day procedure received at 14:59 is due that day, at 15:01 the next working day', async () => {
    const early = await received('2026-03-10T14:59:00+07:00', sameDay);
    const late = await received('2026-03-10T15:01:00+07:00', sameDay);
    expect(early.dueDate).toBe('2026-03-10');
    expect(late.dueDate).toBe('2026-03-11');
    expect(instant(early.dueAt)).toBe(instant((await announcedDue(w, PROC_SAME_DAY, '2026-03-10T14:59:00+07:00')).dueAt));
    expect(instant(late.dueAt)).toBe(instant((await announcedDue(w, PROC_SAME_DAY, '2026-03-10T15:01:00+07:00')).dueAt));
    const receipt = await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${late.id}/documents/receipt.pdf`, headers: auth(w, 'congdan') });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(receipt.rawPayload);
    expect(text).toContain(late.code);
    expect(text).toContain('11/03/2026');
    expect(text).toContain('Nguyễn Thị Ánh Tuyết');
  });
});

describe('scenario 3: supplement during appraisal', () => {
  it('is allowed on the 3rd working day, flagged or refused on the 4th, and restarts the deadline from zero', async () => {
    const d = await inProcessing('2026-03-09T09:00:00+07:00'); // Monday
    setNow(w, '2026-03-12T10:00:00+07:00'); // Thursday: 3rd working day after reception
    const third = await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'request_supplement', reason: 'Bản sao chưa chứng thực' });
    expect(third).toMatchObject({ status: 'AWAITING_SUPPLEMENT', phase: 'appraisal', statusCode: 5 });
    expect(third.history.at(-1)?.late).toBeUndefined();

    setNow(w, '2026-03-20T09:30:00+07:00');
    const { uploadPdf } = await import('#test/factories.ts');
    const fileId = await uploadPdf(w, 'congdan');
    const component = days.components[0].code;
    const back = await actOk(w, 'congdan', d.id, { action: 'submit_supplement', documents: [{ componentCode: component, fileId }] });
    expect(back.status).toBe('IN_PROCESSING');
    const restarted = await announcedDue(w, PROC_DAYS, '2026-03-20T09:30:00+07:00');
    expect(instant(back.dueAt)).toBe(instant(restarted.dueAt));

    const late = await inProcessing('2026-03-09T09:00:00+07:00');
    setNow(w, '2026-03-13T10:00:00+07:00'); // Friday: 4th working day
    const fourth = await act(w, 'chuyenvien.hoankiem', late.id, { action: 'request_supplement', reason: 'Muộn' });
    if (fourth.statusCode === 200) {
      expect(fourth.json().history.at(-1).late).toBe(true);
    } else {
      expect(fourth.statusCode).toBe(422);
      expect(fourth.json().error.code).toBe('SUPPLEMENT_WINDOW_PASSED');
    }
  });
});

describe('scenario 4: apology and new appointment (Mẫu 04), once', () => {
  it('extends once before the due time and refuses a second extension', async () => {
    const d = await inProcessing('2026-03-09T09:00:00+07:00');
    const due = new Date(d.dueAt!);
    setNow(w, new Date(due.getTime() - 26 * 3600_000).toISOString());
    const notLater = await act(w, 'lanhdao.hoankiem', d.id, { action: 'extend', reason: 'Cần xác minh', newDueAt: d.dueAt });
    expect(notLater.statusCode).toBe(400);
    const newDueAt = await workingDayAt(w, due, 3);
    const extended = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'extend', reason: 'Cần xác minh', newDueAt });
    expect(instant(extended.dueAt)).toBe(instant(newDueAt));
    const letter = await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/documents/apology-letter.pdf`, headers: auth(w, 'congdan') });
    expect(letter.statusCode).toBe(200);
    const again = await act(w, 'lanhdao.hoankiem', d.id, {
      action: 'extend',
      reason: 'Lần nữa',
      newDueAt: await workingDayAt(w, due, 6),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EXTENSION_ALREADY_USED');
  });

  it('accepts an apology sent after the due time once, recorded as late (domain.md §2.4.9)', async () => {
    const d = await inProcessing('2026-03-09T09:00:00+07:00');
    setNow(w, new Date(new Date(d.dueAt!).getTime() + 3600_000).toISOString());
    expect((await read(w, 'congdan', d.id)).json().timeliness).toBe('qua_han');
    const late = await actOk(w, 'lanhdao.hoankiem', d.id, {
      action: 'extend',
      reason: 'Muộn',
      newDueAt: await workingDayAt(w, d.dueAt!, 5),
    });
    expect(late.history.at(-1)).toMatchObject({ action: 'extend', late: true });
  });

  it('refuses an appointment on a day off or outside office hours, naming when the office is open', async () => {
    const refused = async (id: string, newDueAt: string) => {
      const res = await act(w, 'lanhdao.hoankiem', id, { action: 'extend', reason: 'Cần xác minh', newDueAt });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details).toHaveLength(1);
      expect(res.json().error.details[0].field).toBe('newDueAt');
      return res.json().error.details[0].message as string;
    };
    const d = await inProcessing('2026-03-09T09:00:00+07:00'); // Monday, due Thursday 12/03
    expect(await refused(d.id, '2026-03-14T10:00:00+07:00')).toBe('ngày hẹn thứ Bảy 14/03/2026 là ngày nghỉ; ngày làm việc gần nhất sau đó là thứ Hai 16/03/2026');
    expect(await refused(d.id, '2026-03-15T10:00:00+07:00')).toBe('ngày hẹn Chủ nhật 15/03/2026 là ngày nghỉ; ngày làm việc gần nhất sau đó là thứ Hai 16/03/2026');
    // Tết Dương lịch 2027 (the calendar generated from the Labour Code), a Friday
    expect(await refused(d.id, '2027-01-01T09:00:00+07:00')).toBe('ngày hẹn thứ Sáu 01/01/2027 là ngày nghỉ; ngày làm việc gần nhất sau đó là thứ Hai 04/01/2027');
    const hours = 'giờ làm việc: sáng 07:30–11:30, chiều 13:00–17:00';
    expect(await refused(d.id, '2026-03-16T12:00:00+07:00')).toBe(`giờ hẹn 12:00 ngoài giờ làm việc; ${hours}`);
    expect(await refused(d.id, '2026-03-16T17:01:00+07:00')).toBe(`giờ hẹn 17:01 ngoài giờ làm việc; ${hours}`);
    expect(await refused(d.id, '2026-03-17T07:00:00+07:00')).toBe(`giờ hẹn 07:00 ngoài giờ làm việc; ${hours}`);
    // a year without a calendar stays a 4xx
    const far = await act(w, 'lanhdao.hoankiem', d.id, { action: 'extend', reason: 'Cần xác minh', newDueAt: '2031-03-17T09:00:00+07:00' });
    expect(far.statusCode).toBe(422);
    expect(far.json().error.code).toBe('CALENDAR_YEAR_MISSING');
    expect((await read(w, 'lanhdao.hoankiem', d.id)).json().extended).toBe(false);
    // the next working day at the close of the office is kept
    const kept = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'extend', reason: 'Cần xác minh', newDueAt: '2026-03-16T17:00:00+07:00' });
    expect(kept.dueDate).toBe('2026-03-16');
    expect(instant(kept.dueAt)).toBe(instant('2026-03-16T17:00:00+07:00'));
  });

  it('refuses an appointment in Tết 2026 (seeded, 16–20 February), naming the first working day after it', async () => {
    const d = await inProcessing('2026-02-09T09:00:00+07:00'); // Monday, due Thursday 12/02
    const res = await act(w, 'lanhdao.hoankiem', d.id, { action: 'extend', reason: 'Cần xác minh', newDueAt: '2026-02-17T09:00:00+07:00' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'newDueAt', message: 'ngày hẹn thứ Ba 17/02/2026 là ngày nghỉ; ngày làm việc gần nhất sau đó là thứ Hai 23/02/2026' },
    ]);
  });
});

describe('scenario 5: refusal after appraisal', () => {
  it('stops before the due date (status 8) and refuses to stop after it', async () => {
    const d = await inProcessing('2026-03-09T09:00:00+07:00');
    const stopped = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'stop', reason: 'Không đủ điều kiện' });
    expect(stopped).toMatchObject({ status: 'STOPPED', statusCode: 8, allowedActions: [] });
    const slip = await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/documents/refusal-notice.pdf`, headers: auth(w, 'congdan') });
    expect(slip.statusCode).toBe(200);

    const overdue = await inProcessing('2026-03-09T09:00:00+07:00');
    setNow(w, new Date(new Date(overdue.dueAt!).getTime() + 60_000).toISOString());
    const refused = await act(w, 'lanhdao.hoankiem', overdue.id, { action: 'stop', reason: 'Quá hạn' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('DEADLINE_PASSED');
  });
});

describe('scenario 6: withdrawal', () => {
  it('moves to status 7, allows nothing more and leaves an audit entry', async () => {
    const d = await inProcessing('2026-03-09T09:00:00+07:00');
    const withdrawn = await actOk(w, 'congdan', d.id, { action: 'withdraw', reason: 'Không còn nhu cầu' });
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', statusCode: 7 });
    const after = await act(w, 'chuyenvien.hoankiem', d.id, { action: 'request_payment', amountVnd: 10000, reason: 'Lệ phí' });
    expect(after.statusCode).toBe(409);
    expect(after.json().error).toMatchObject({ code: 'ACTION_NOT_ALLOWED', status: 'WITHDRAWN', allowedActions: [] });
    const audit = await w.sys.ctx.db.query<{ action: string }>('SELECT action FROM audit_log WHERE chain = $1 ORDER BY seq', [`dossier:${d.id}`]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['dossier.submit', 'dossier.receive', 'dossier.assign', 'dossier.withdraw']));
  });
});

describe('scenario 12: deadlines across the working calendar', () => {
  it('skips Tết 2026 (off 14–22 February)', async () => {
    const d = await received('2026-02-13T09:00:00+07:00'); // Friday before Tết
    const expected = await announcedDue(w, PROC_DAYS, '2026-02-13T09:00:00+07:00');
    expect(d.dueDate).toBe(expected.dueDate);
    expect(d.dueDate! > '2026-02-22').toBe(true);
  });

  it('skips 30/4–1/5', async () => {
    const d = await received('2026-04-29T10:00:00+07:00');
    const expected = await announcedDue(w, PROC_DAYS, '2026-04-29T10:00:00+07:00');
    expect(d.dueDate).toBe(expected.dueDate);
    expect(['2026-04-30', '2026-05-01']).not.toContain(d.dueDate);
  });
});

describe('scenario 13: waiting for a financial obligation', () => {
  it('pushes the appointment by the working days waited when the version excludes the wait', async () => {
    const d = await inProcessing('2026-03-09T09:00:00+07:00');
    await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'request_payment', amountVnd: 30000, reason: 'Lệ phí' });
    setNow(w, '2026-03-11T10:00:00+07:00'); // two working days later
    const paid = await actOk(w, 'motcua.hoankiem', d.id, { action: 'confirm_payment', reference: 'BL-0001' });
    expect(paid.status).toBe('IN_PROCESSING');
    const [row] = await w.sys.ctx.db.query<{ data: { pausedWorkingDays?: number } }>(
      `SELECT data FROM dossier_actions WHERE dossier_id = $1 AND action = 'confirm_payment'`,
      [d.id],
    );
    if (row.data.pausedWorkingDays === undefined) {
      expect(paid.dueAt).toBe(d.dueAt); // the version does not exclude the wait
    } else {
      expect(row.data.pausedWorkingDays).toBe(2);
      expect(instant(paid.dueAt)! > instant(d.dueAt)!).toBe(true);
    }
  });
});

describe('happy path, events and timeliness', () => {
  it('runs reception to return, writes both outbox events per transition and per-step timeliness', async () => {
    const d = await inProcessing('2026-03-09T09:00:00+07:00');
    const ready = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve', note: 'Đồng ý' });
    expect(ready).toMatchObject({ status: 'RESULT_READY', statusCode: 9, timeliness: 'truoc_han' });
    const done = await actOk(w, 'motcua.hoankiem', d.id, { action: 'return_result' });
    expect(done).toMatchObject({ status: 'RESULT_RETURNED', statusCode: 10 });
    expect(done.steps.length).toBeGreaterThanOrEqual(3);
    expect(done.steps.every((s) => s.timeliness === 'truoc_han')).toBe(true);

    const events = await w.sys.ctx.db.query<{ topic: string; payload: Record<string, unknown> }>(
      'SELECT topic, payload FROM outbox WHERE key = $1 ORDER BY id',
      [d.id],
    );
    const status = events.filter((e) => e.topic === 'dossier.status_changed').map((e) => e.payload.statusCode);
    expect(status).toEqual([1, 2, 4, 9, 10]);
    const sync = events.filter((e) => e.topic === 'dvcqg.status_sync').map((e) => e.payload);
    expect(sync).toHaveLength(5);
    expect(sync[1]).toMatchObject({ MaHoSo: done.code, MaTTHC: PROC_DAYS, TrangThai: 2 });
    // The settable clock keeps running after it is set: reception happened within that minute.
    expect(sync[1]?.NgayTiepNhan).toMatch(/^202603090900\d\d$/);
    expect(Object.keys(sync[1]).sort()).toEqual(
      ['MaHoSo', 'MaTTHC', 'NgayKetThucTheoQuyDinh', 'NgayTiepNhan', 'NguoiXuLy', 'NoiDungXuLy', 'PhongBanXuLy', 'ThoiDiemXuLy', 'TrangThai'].sort(),
    );
    expect(events.find((e) => e.topic === 'dossier.status_changed')?.payload).toMatchObject({
      procedureCode: PROC_DAYS,
      applicantEmail: 'tuyet@example.vn',
      applicantName: 'Nguyễn Thị Ánh Tuyết',
      statusLabel: 'Mới đăng ký',
    });
  });

  it('keeps the cached state equal to the state reduced from the log', async () => {
    const { reduceLog } = await import('./reducer.ts');
    const d = await inProcessing('2026-03-09T09:00:00+07:00');
    await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'request_payment', amountVnd: 5000, reason: 'Phí' });
    const log = await w.sys.ctx.db.query<{ seq: number; action: never; at: Date; data: Record<string, unknown> }>(
      'SELECT seq, action, at, data FROM dossier_actions WHERE dossier_id = $1',
      [d.id],
    );
    const state = reduceLog(log.map((r) => ({ ...r, actorId: null, actorName: null, actorAgency: null })));
    const [row] = await w.sys.ctx.db.query<{ status: string; code: string; due_date: string; assignee: string }>(
      'SELECT status, code, due_date, assignee FROM dossiers WHERE id = $1',
      [d.id],
    );
    expect(row).toEqual({ status: state.status, code: state.code, due_date: state.dueDate, assignee: state.assignee });
  });

  it('warns once when the appointment is within one working day', async () => {
    const d = await inProcessing('2026-03-09T09:00:00+07:00');
    const due = new Date(d.dueAt!);
    setNow(w, new Date(due.getTime() - 3600_000).toISOString());
    expect(await scanDueSoon(w.sys.ctx)).toBeGreaterThanOrEqual(1);
    expect(await scanDueSoon(w.sys.ctx)).toBe(0);
    const warned = await w.sys.ctx.db.query('SELECT 1 FROM outbox WHERE topic = $1 AND key = $2', ['dossier.due_soon', d.id]);
    expect(warned).toHaveLength(1);
  });
});
