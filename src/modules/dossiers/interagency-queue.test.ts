import { describe, expect, it } from 'vitest';
import { drainOutbox } from '#platform/outbox.ts';
import type { TestSystem } from '#test/system.ts';
import { drainIndicators } from '#modules/indicators/index.ts';
import { notificationHandlers } from '#modules/notifications/index.ts';
import { scanStepsOverdue } from './step-overdue.ts';
import { act, actOk, moreUsers, procedure, read, setNow, submit, type World, worldPerFile } from '#test/factories.ts';

/**
 * Issue 11 item 7: an agency working a liên thông step sees its own step's due time and
 * timeliness in its queue, its overdue count includes its late steps; the lead agency is reminded
 * once when a step passes its sub-deadline and can recall it (birth group 1.003412: UBND xã (1) →
 * {Công an xã (2), BHXH (3)}).
 */
let sys: TestSystem;
let w: World;
let insurance: string;
let police: string;
const { login, as, userId } = moreUsers(() => sys);

interface Item {
  id: string;
  dueAt: string | null;
  timeliness: string | null;
  step: { step: number; agency: string; subDueAt: string | null; timeliness: string | null } | null;
}
async function queue(username: string, queueName = 'agency'): Promise<{ items: Item[]; counts: Record<string, number> }> {
  const res = await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers?queue=${queueName}`, headers: as(username) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

worldPerFile(async (s, world) => {
  [sys, w] = [s, world];
  police = await login('congan.hoankiem');
  insurance = await login('bhxh.hanoi');
  await login('lanhdao.hoankiem');
  await login('lanhdao.bhxh.hanoi');
  await login('lanhdao.congan.hoankiem');
});

interface Overview {
  dueSoon: number;
  overdueCount: number;
  overdue: { id: string; step: number | null; dueAt: string; daysLate: number; agencyCode: string; responsible: { name: string } | null }[];
}
async function overview(username: string, agency: string): Promise<Overview & { total: number }> {
  await drainIndicators(sys.ctx.db); // its counts come from the indicators, projected after commit
  const res = await sys.app.inject({ method: 'GET', url: `/api/v1/agencies/${agency}/overview`, headers: as(username) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('liên thông steps in the queues of the agencies working them', () => {
  it('shows the step’s own deadline, counts it overdue, reminds the lead once, and lets the lead recall it', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const d = await submit(w, { procedure: await procedure(w, '1.003412') });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch' });
    setNow(w, '2026-03-09T15:00:00+07:00');
    await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'complete_step', note: 'Đã đăng ký khai sinh' });
    setNow(w, '2026-03-10T10:00:00+07:00');
    const byPolice = await sys.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.id}/actions`, headers: as('congan.hoankiem'), payload: { action: 'complete_step', note: 'Đã đăng ký thường trú' } });
    expect(byPolice.statusCode, byPolice.body).toBe(200);

    // Tuesday 10:00: insurance's step 3 is due today 17:00 — its queue shows that, not the dossier's Thursday
    const before = await queue('bhxh.hanoi');
    const mine = before.items.find((i) => i.id === d.id);
    expect(mine?.step).toEqual({ step: 3, agency: insurance, subDueAt: '2026-03-10T17:00:00+07:00', timeliness: 'trong_han' });
    expect(mine?.dueAt).toBe('2026-03-12T17:00:00+07:00');
    expect(before.counts.overdue).toBe(0);
    // its step is due today: "Sắp đến hạn" in its queue and its leader's overview; the lead's dossier (Thursday) is not yet
    expect(before.counts.due_soon).toBe(1);
    expect((await queue('bhxh.hanoi', 'due_soon')).items.map((i) => i.id)).toEqual([d.id]);
    expect(await overview('lanhdao.bhxh.hanoi', insurance)).toMatchObject({ dueSoon: 1, overdueCount: 0 });
    expect(await overview('lanhdao.hoankiem', w.agency.hoankiem)).toMatchObject({ dueSoon: 0, overdueCount: 0 });
    // the lead holds the dossier: no step line in its own queue
    expect((await queue('lanhdao.hoankiem')).items.find((i) => i.id === d.id)?.step).toBeNull();
    const early = (await read(w, 'lanhdao.hoankiem', d.id)).json();
    expect(early.allowedActions).not.toContain('recall_step');
    expect(early.blockedActions).toContainEqual({ action: 'recall_step', reason: 'NO_LATE_STEP' });
    expect((await act(w, 'lanhdao.hoankiem', d.id, { action: 'recall_step', reason: 'Quá hạn' })).json().error.code).toBe('NO_LATE_STEP');
    expect(await scanStepsOverdue(sys.ctx)).toBe(0);

    // Wednesday: step 3 is late, the dossier is not — insurance's overdue count and queue include it
    setNow(w, '2026-03-11T09:00:00+07:00');
    const late = await queue('bhxh.hanoi');
    expect(late.items.find((i) => i.id === d.id)?.step?.timeliness).toBe('qua_han');
    expect(late.items.find((i) => i.id === d.id)?.timeliness).toBe('trong_han');
    expect(late.counts.overdue).toBe(1);
    expect((await queue('bhxh.hanoi', 'overdue')).items.map((i) => i.id)).toEqual([d.id]);
    expect((await queue('congan.hoankiem', 'overdue')).items.map((i) => i.id)).not.toContain(d.id); // police finished on time

    // the overviews: the late step is insurance's (its deadline, who took it up), not the lead's, whose dossier is due tomorrow
    // opening the dossier takes the step up (Mẫu 05 "nhận")
    expect((await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: as('bhxh.hanoi') })).statusCode).toBe(200);
    const insuranceView = await overview('lanhdao.bhxh.hanoi', insurance);
    expect(insuranceView).toMatchObject({ dueSoon: 0, overdueCount: 1 });
    expect(insuranceView.overdue).toEqual([
      expect.objectContaining({ id: d.id, step: 3, dueAt: '2026-03-10T17:00:00+07:00', agencyCode: insurance, responsible: expect.objectContaining({ name: 'Đinh Thị Hương' }) }),
    ]);
    expect(await overview('lanhdao.hoankiem', w.agency.hoankiem)).toMatchObject({ dueSoon: 1, overdueCount: 0, overdue: [] });
    expect((await overview('lanhdao.congan.hoankiem', police)).overdueCount).toBe(0);

    // the lead's leaders are reminded once
    expect(await scanStepsOverdue(sys.ctx)).toBe(1);
    expect(await scanStepsOverdue(sys.ctx)).toBe(0);
    await drainOutbox(sys.ctx, notificationHandlers(sys.ctx));
    const notes = await sys.ctx.db.query<{ title: string; body: string; link: string }>(
      `SELECT title, body, link FROM notifications WHERE user_id = $1 AND kind = 'dossier.step_overdue'`,
      [userId['lanhdao.hoankiem']],
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ title: 'Bước liên thông quá hạn', link: `/can-bo/ho-so/${d.id}` });
    expect(notes[0]?.body).toContain('bước 3');
    expect(notes[0]?.body).toMatch(/Bảo hiểm xã hội/);

    // the lead recalls it: the late row is closed as late, step 3 reopens at the lead
    const view = (await read(w, 'lanhdao.hoankiem', d.id)).json();
    expect(view.allowedActions).toContain('recall_step');
    const other = await sys.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.id}/actions`, headers: as('bhxh.hanoi'), payload: { action: 'recall_step', reason: 'x' } });
    expect(other.statusCode).toBe(403);
    const recalled = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'recall_step', reason: 'BHXH chưa cấp thẻ đúng hạn' });
    const steps = recalled.steps as unknown as { step: number | null; toAgency: { code: string }; finishedAt: string | null; timeliness: string; resultNote: string | null }[];
    expect(steps.find((s) => s.toAgency.code === insurance && s.resultNote?.startsWith('Thu hồi'))).toMatchObject({ step: null, timeliness: 'qua_han' });
    expect(steps.find((s) => s.step === 3)).toMatchObject({ toAgency: { code: w.agency.hoankiem }, finishedAt: null });
    expect((await queue('bhxh.hanoi')).items.map((i) => i.id)).not.toContain(d.id);
    expect((await read(w, 'lanhdao.hoankiem', d.id)).json().allowedActions).not.toContain('recall_step');

    // the lead completes the step itself; then it decides
    await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'complete_step', step: 3, note: 'Đã cấp thẻ BHYT cho trẻ (thu hồi về UBND)' });
    const approved = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve', note: 'Đồng ý' });
    expect(approved.status).toBe('RESULT_READY');
  });
});

describe('the leader overview counts a forwarded dossier at the agency holding it', () => {
  it('is overdue at the agency it was forwarded to, not also at the desk that sent it', async () => {
    setNow(w, '2026-03-16T09:00:00+07:00');
    const bothTotals = async () => (await overview('lanhdao.congan.hoankiem', police)).total + (await overview('lanhdao.hoankiem', w.agency.hoankiem)).total;
    const totalsBefore = await bothTotals();
    const d = await submit(w, { procedure: await procedure(w, '1.004873') });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    const forwarded = await actOk(w, 'motcua.hoankiem', d.id, { action: 'forward', toAgency: police, note: 'Chuyển Công an phường xác minh' });
    expect(forwarded.currentAgency.code).toBe(police);
    // counted once in the per-status figures (for its competent agency), not at the desk and at the police both
    expect(await bothTotals()).toBe(totalsBefore + 1);
    const due = new Date(forwarded.dueAt!).getTime();
    setNow(w, new Date(due - 3_600_000).toISOString());
    expect((await overview('lanhdao.congan.hoankiem', police)).dueSoon).toBe(1);
    expect((await overview('lanhdao.hoankiem', w.agency.hoankiem)).dueSoon).toBe(0);
    setNow(w, new Date(due + 2 * 86_400_000).toISOString());
    const atPolice = await overview('lanhdao.congan.hoankiem', police);
    expect(atPolice.overdueCount).toBe(1);
    // due Thursday 19/03 at 17:00, now Saturday 21/03: one working day late (Friday), not two calendar days
    expect(atPolice.overdue).toEqual([expect.objectContaining({ id: d.id, step: null, daysLate: 1, agencyCode: police })]);
    const atDesk = await overview('lanhdao.hoankiem', w.agency.hoankiem);
    expect(atDesk.overdue.map((o) => o.id)).not.toContain(d.id);
    expect(atDesk.overdueCount).toBe(atDesk.overdue.length);
  });
});
