import { describe, expect, it } from 'vitest';
import { act, actOk, auth, type DossierView, fileProcedure, fileWorld, read, setNow, submit, workingDayAt } from '#test/factories.ts';

/**
 * Issue 11 item 3: an overdue dossier's lawful way forward (domain.md §2.4.9, §3.6). The
 * apology (Mẫu 04) is due one working day before the appointment; later it is still allowed once
 * and recorded as late; an overdue dossier is approved only with its apology; the buttons are
 * exactly what the guard accepts.
 */
const PROC = '1.004873'; // multi-day procedure of the commune


const w = fileWorld();
const proc = fileProcedure(w, PROC);

type View = DossierView & { extended: boolean; blockedActions: { action: string; reason: string }[] };

async function inProcessing(at: string): Promise<View> {
  setNow(w, at);
  const d = await submit(w, { procedure: proc });
  await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
  return (await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' })) as View;
}
const leaderView = async (id: string) => (await read(w, 'lanhdao.hoankiem', id)).json() as View;
const plusDays = (iso: string | null, days: number) => new Date(new Date(iso ?? '').getTime() + days * 86_400_000).toISOString();

describe('an overdue dossier', () => {
  it('offers the apology, not approve or stop; approve answers 409 naming the missing apology', async () => {
    const d = await inProcessing('2026-03-09T09:00:00+07:00');
    setNow(w, plusDays(d.dueAt, 1));
    const view = await leaderView(d.id);
    expect(view.timeliness).toBe('qua_han');
    expect(view.allowedActions).toContain('extend');
    expect(view.allowedActions).not.toContain('approve');
    expect(view.allowedActions).not.toContain('stop');
    expect(view.blockedActions).toEqual(
      expect.arrayContaining([
        { action: 'approve', reason: 'APOLOGY_REQUIRED' },
        { action: 'stop', reason: 'DEADLINE_PASSED' },
      ]),
    );

    const approve = await act(w, 'lanhdao.hoankiem', d.id, { action: 'approve', note: 'Đồng ý' });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error).toMatchObject({ code: 'APOLOGY_REQUIRED', missingDocument: 'apology-letter', form: 'Mẫu 04' });
    expect(approve.json().error.message).toContain('Phiếu xin lỗi');
    expect(approve.json().error.allowedActions).not.toContain('approve');
    const stop = await act(w, 'lanhdao.hoankiem', d.id, { action: 'stop', reason: 'Không đủ điều kiện' });
    expect(stop.statusCode).toBe(409);
    expect(stop.json().error.code).toBe('DEADLINE_PASSED');

    // a new appointment in the past is refused, named by field
    const past = await act(w, 'lanhdao.hoankiem', d.id, { action: 'extend', reason: 'Cần xác minh', newDueAt: plusDays(d.dueAt, 0.5) });
    expect(past.statusCode).toBe(400);
    expect(JSON.stringify(past.json().error)).toContain('newDueAt');

    // the late apology: allowed once, recorded as late, and the letter exists
    const newDueAt = await workingDayAt(w, d.dueAt!, 5);
    const apologised = (await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'extend', reason: 'Cần xác minh thêm', newDueAt })) as View;
    expect(apologised.extended).toBe(true);
    expect(apologised.history.at(-1)).toMatchObject({ action: 'extend', late: true });
    expect(apologised.allowedActions).toContain('approve');
    expect(apologised.allowedActions).toContain('stop'); // before the new appointment
    expect(apologised.allowedActions).not.toContain('extend'); // extension already used
    expect(apologised.blockedActions).toContainEqual({ action: 'extend', reason: 'EXTENSION_ALREADY_USED' });
    const letter = await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/documents/apology-letter.pdf`, headers: auth(w, 'congdan') });
    expect(letter.statusCode).toBe(200);
    const second = await act(w, 'lanhdao.hoankiem', d.id, { action: 'extend', reason: 'Lần nữa', newDueAt: await workingDayAt(w, d.dueAt!, 9) });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('EXTENSION_ALREADY_USED');

    // late again, past the new appointment: it carries its apology, so it may close
    setNow(w, plusDays(newDueAt, 1));
    expect((await leaderView(d.id)).allowedActions).toContain('approve');
    const approved = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve', note: 'Đồng ý' });
    expect(approved.status).toBe('RESULT_READY');
  });
});

describe('the apology deadline: one working day before the appointment', () => {
  it('is on time the working day before the due date, late on the due date itself', async () => {
    // received Monday 09:00, 3 working days → due Thursday
    const onTime = await inProcessing('2026-03-09T09:00:00+07:00');
    const late = await inProcessing('2026-03-09T09:00:00+07:00');
    const dueDate = onTime.dueDate ?? '';
    expect(dueDate > '2026-03-10').toBe(true);
    const before = new Date(`${dueDate}T08:00:00+07:00`).getTime() - 86_400_000; // the day before, a working day here
    setNow(w, new Date(before).toISOString());
    const ok = await actOk(w, 'lanhdao.hoankiem', onTime.id, { action: 'extend', reason: 'Cần xác minh', newDueAt: await workingDayAt(w, onTime.dueAt!, 3) });
    expect(ok.history.at(-1)?.late).toBeUndefined();

    setNow(w, `${dueDate}T08:00:00+07:00`); // the due day, before the due hour: not overdue, yet late for an apology
    const view = await leaderView(late.id);
    expect(view.timeliness).toBe('trong_han');
    expect(view.allowedActions).toEqual(expect.arrayContaining(['approve', 'extend', 'stop']));
    const lateOne = await actOk(w, 'lanhdao.hoankiem', late.id, { action: 'extend', reason: 'Cần xác minh', newDueAt: await workingDayAt(w, late.dueAt!, 3) });
    expect(lateOne.history.at(-1)?.late).toBe(true);
  });
});
