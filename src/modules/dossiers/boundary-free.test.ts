import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { actOk, APPLICANT, procedure, read, setNow, submit, type World, worldPerFile } from '#test/factories.ts';

/** Reception regardless of administrative boundary (NĐ 118/2025): one code from desk to desk. */
let sys: TestSystem;
let w: World;

worldPerFile((s, world) => {
  [sys, w] = [s, world];
});

describe('boundary-free reception', () => {
  it('is received at the Ba Đình desk, processed by Hoàn Kiếm, returned at Ba Đình under one code', async () => {
    const proc = await procedure(w, '1.004873');
    setNow(w, '2026-03-09T09:00:00+07:00');
    // The applicant lives in Phường Hoàn Kiếm (00070) and walks into the Ba Đình desk.
    const d = await submit(w, { user: 'motcua.badinh', procedure: proc, body: { receivingAgency: w.agency.badinh, applicant: APPLICANT } });
    expect(d.receivingAgency).toMatchObject({ code: w.agency.badinh });
    expect(d.competentAgency).toMatchObject({ code: w.agency.hoankiem });

    const received = await actOk(w, 'motcua.badinh', d.id, { action: 'receive' });
    expect(received.code?.startsWith(`${w.agency.badinh}-260309-`)).toBe(true);
    expect(received.steps.at(-1)).toMatchObject({ fromAgency: { code: w.agency.badinh }, toAgency: { code: w.agency.hoankiem } });

    // Hoàn Kiếm sees and processes it; Ba Đình's desk cannot take Hoàn Kiếm's decisions.
    expect((await read(w, 'lanhdao.hoankiem', d.id)).statusCode).toBe(200);
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    setNow(w, '2026-03-10T10:00:00+07:00');
    const approved = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve', note: 'Đủ điều kiện' });
    expect(approved.status).toBe('RESULT_READY');
    expect(approved.allowedActions).toEqual([]); // returning the result is the receiving desk's job
    const ready = (await read(w, 'motcua.badinh', d.id)).json();
    expect(ready.allowedActions).toEqual(['return_result']);

    const bad = await sys.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/actions`,
      headers: { authorization: `Bearer ${w.token['motcua.badinh']}` },
      payload: { action: 'return_result', collectedBy: { fullName: 'Nguyễn Văn Bình', idNumber: '123' } },
    });
    expect(bad.statusCode).toBe(400);
    const returned = await actOk(w, 'motcua.badinh', d.id, { action: 'return_result', collectedBy: { fullName: 'Nguyễn Văn Bình', idNumber: '001090054321' } });
    expect(returned).toMatchObject({ status: 'RESULT_RETURNED', code: received.code, timeliness: 'truoc_han' });
    expect(returned.history.at(-1)).toMatchObject({ action: 'return_result', collectedBy: { fullName: 'Nguyễn Văn Bình', idNumber: '001090054321' } });
    const tracking = await sys.app.inject({ method: 'GET', url: `/api/v1/public/tracking/${received.code}` });
    expect(tracking.json()).toMatchObject({ code: received.code, statusCode: 10 });
    // the public page names where the result is collected: the receiving desk, not the deciding agency
    expect(tracking.json().agencyName).toMatch(/Ba Đình/);
  });
});
