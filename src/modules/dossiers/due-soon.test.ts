import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { DUE_SOON_QUEUE, scanDueSoon } from './due-soon.ts';
import { actOk, procedure, setNow, submit, workingDayAt, type World, worldPerFile } from '#test/factories.ts';

let sys: TestSystem;
let w: World;

worldPerFile((s, world) => {
  [sys, w] = [s, world];
}, { startJobs: true });

describe('due-soon warning', () => {
  it('is scheduled on pg-boss when jobs run', async () => {
    const schedules = await sys.ctx.jobs!.getSchedules();
    expect(schedules.map((s) => s.name)).toContain(DUE_SOON_QUEUE);
  });

  it('warns only dossiers due within one working day, once, and again after a new appointment', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const proc = await procedure(w, '1.004873');
    const near = await actOk(w, 'motcua.hoankiem', (await submit(w, { procedure: proc })).id, { action: 'receive' });
    const due = new Date(near.dueAt!);
    setNow(w, new Date(due.getTime() - 20 * 86_400_000).toISOString()); // three weeks before: nothing
    expect(await scanDueSoon(sys.ctx)).toBe(0);

    setNow(w, new Date(due.getTime() - 2 * 3600_000).toISOString());
    expect(await scanDueSoon(sys.ctx)).toBe(1);
    expect(await scanDueSoon(sys.ctx)).toBe(0);
    const [event] = await sys.ctx.db.query<{ payload: Record<string, unknown> }>(
      'SELECT payload FROM outbox WHERE topic = $1 AND key = $2',
      ['dossier.due_soon', near.id],
    );
    expect(event.payload).toMatchObject({ dossierId: near.id, code: near.code, status: 'RECEIVED', applicantName: 'Nguyễn Thị Ánh Tuyết' });

    await actOk(w, 'lanhdao.hoankiem', near.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    const later = await workingDayAt(w, due, 3, '16:00');
    await actOk(w, 'lanhdao.hoankiem', near.id, { action: 'extend', reason: 'Cần xác minh thêm', newDueAt: later });
    setNow(w, new Date(new Date(later).getTime() - 3600_000).toISOString());
    expect(await scanDueSoon(sys.ctx)).toBe(1);

    setNow(w, new Date(new Date(later).getTime() + 3600_000).toISOString()); // overdue: not "due soon"
    expect(await scanDueSoon(sys.ctx)).toBe(0);
  });
});
