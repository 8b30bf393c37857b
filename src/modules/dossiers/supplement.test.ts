import { describe, expect, it } from 'vitest';
import { act, actOk, type ProcedureInfo, procedure, read, setNow, submit, uploadPdf, type World, worldPerFile } from '#test/factories.ts';

/** Issue 11 item 2: a Mẫu 02 listing several papers; one-time full guidance (NĐ 61 Art. 15). */
const PROC_TWO = '2.000815'; // chứng thực bản sao: two required components
const PROC_DAYS = '1.004873'; // xác nhận tình trạng hôn nhân: TP1 required, TP2 optional

let w: World;
let two: ProcedureInfo;
let days: ProcedureInfo;

worldPerFile(async (_sys, world) => {
  w = world;
  two = await procedure(w, PROC_TWO);
  days = await procedure(w, PROC_DAYS);
});

interface SupplementView {
  status: string;
  statusCode: number;
  phase: string | null;
  dueAt: string | null;
  allowedActions: string[];
  supplement: { phase: string; requested: { code: string; name: string }[]; missing: { code: string; name: string }[] } | null;
  history: { action: string; stillMissing?: { code: string; name: string }[] }[];
}

const paper = async (componentCode: string, user: 'motcua.hoankiem' | 'congdan' = 'motcua.hoankiem') => ({
  componentCode,
  fileId: await uploadPdf(w, user),
});

describe('supplement at intake with two missing papers', () => {
  it('lists both, keeps waiting after the first, names what is missing, then receives', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const [tp1, tp2] = two.components.filter((c) => c.required);
    const d = await submit(w, { user: 'motcua.hoankiem', procedure: two, components: [] });

    const refused = await act(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    expect(refused.statusCode).toBe(400);
    const error = refused.json().error;
    expect(error.code).toBe('DOSSIER_INCOMPLETE');
    expect(error.missing).toEqual([
      { code: tp1.code, name: tp1.name },
      { code: tp2.code, name: tp2.name },
    ]);
    expect(error.message).toContain(tp1.name); // by name, in Vietnamese — not the bare code
    expect(error.message).toContain(tp2.name);

    // the officer ticks only one: the notice still lists every missing required paper (full guidance)
    const asked = (await actOk(w, 'motcua.hoankiem', d.id, { action: 'request_supplement', reason: 'Thiếu giấy tờ', components: [tp2.code] })) as unknown as SupplementView;
    expect(asked).toMatchObject({ status: 'AWAITING_SUPPLEMENT', statusCode: 5, phase: 'intake' });
    expect(asked.supplement?.requested.map((c) => c.code)).toEqual([tp1.code, tp2.code]);
    expect(asked.supplement?.missing.map((c) => c.name)).toEqual([tp1.name, tp2.name]);

    // the first paper arrives: still waiting (status 5) for the second, named
    const partial = (await actOk(w, 'motcua.hoankiem', d.id, { action: 'submit_supplement', documents: [await paper(tp1.code)] })) as unknown as SupplementView;
    expect(partial).toMatchObject({ status: 'AWAITING_SUPPLEMENT', statusCode: 5, phase: 'intake' });
    expect(partial.supplement?.missing).toEqual([{ code: tp2.code, name: tp2.name }]);
    expect(partial.history.at(-1)?.stillMissing).toEqual([{ code: tp2.code, name: tp2.name }]);
    expect(partial.allowedActions).toContain('submit_supplement');

    // the citizen is not guided twice: no second Mẫu 02 while waiting…
    const again = await act(w, 'motcua.hoankiem', d.id, { action: 'request_supplement', reason: 'Lần hai' });
    expect(again.statusCode).toBe(409);

    const complete = (await actOk(w, 'motcua.hoankiem', d.id, { action: 'submit_supplement', documents: [await paper(tp2.code)] })) as unknown as SupplementView;
    expect(complete).toMatchObject({ status: 'SUBMITTED', statusCode: 1, supplement: null });

    // …nor after: the intake guidance was given once
    const second = await act(w, 'motcua.hoankiem', d.id, { action: 'request_supplement', reason: 'Lần hai' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('SUPPLEMENT_ALREADY_REQUESTED');
    expect(second.json().error.message).toContain('09/03/2026');

    const received = await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    expect(received.status).toBe('RECEIVED');
    expect(received.code).not.toBeNull();
  });

  it('records several papers at once', async () => {
    setNow(w, '2026-03-09T10:00:00+07:00');
    const [tp1, tp2] = two.components.filter((c) => c.required);
    const d = await submit(w, { user: 'motcua.hoankiem', procedure: two, components: [] });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'request_supplement', reason: 'Thiếu giấy tờ' });
    const both = await actOk(w, 'motcua.hoankiem', d.id, { action: 'submit_supplement', documents: [await paper(tp1.code), await paper(tp2.code)] });
    expect(both.status).toBe('SUBMITTED');
    expect((await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' })).status).toBe('RECEIVED');
  });
});

describe('supplement during appraisal with two papers', () => {
  it('a partial answer keeps status 5 and the clock stopped; the deadline restarts once complete', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const [tp1, tp2] = days.components;
    const d = await submit(w, { procedure: days });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    setNow(w, '2026-03-10T09:00:00+07:00');
    const asked = (await actOk(w, 'chuyenvien.hoankiem', d.id, {
      action: 'request_supplement',
      reason: 'Bổ sung hai giấy tờ',
      components: [tp1.code, tp2.code],
    })) as unknown as SupplementView;
    expect(asked.supplement?.missing.map((c) => c.code)).toEqual([tp1.code, tp2.code]);
    const dueBefore = asked.dueAt;

    setNow(w, '2026-03-16T09:00:00+07:00');
    const partial = (await actOk(w, 'congdan', d.id, { action: 'submit_supplement', documents: [await paper(tp2.code, 'congdan')] })) as unknown as SupplementView;
    expect(partial).toMatchObject({ status: 'AWAITING_SUPPLEMENT', phase: 'appraisal', dueAt: dueBefore });
    expect(partial.supplement?.missing).toEqual([{ code: tp1.code, name: tp1.name }]);

    setNow(w, '2026-03-17T09:00:00+07:00');
    const complete = (await actOk(w, 'congdan', d.id, { action: 'submit_supplement', documents: [await paper(tp1.code, 'congdan')] })) as unknown as SupplementView;
    expect(complete.status).toBe('IN_PROCESSING');
    expect(complete.dueAt).not.toBe(dueBefore);
    expect(new Date(complete.dueAt ?? '').getTime()).toBeGreaterThan(new Date('2026-03-17T09:00:00+07:00').getTime());

    // one-time guidance in appraisal too
    const again = await act(w, 'chuyenvien.hoankiem', d.id, { action: 'request_supplement', reason: 'Lần hai' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SUPPLEMENT_ALREADY_REQUESTED');
    const view = (await read(w, 'congdan', d.id)).json() as SupplementView;
    expect(view.supplement).toBeNull();
  });
});
