import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { actOk, auth, PASSWORD, procedure, read, setNow, submit, type World, worldPerFile } from '#test/factories.ts';

/** Liên thông: the birth group (1.003412) passes commune People's Committee → commune police → social insurance. */
let sys: TestSystem;
let w: World;
let police: string;
let insurance: string;
let policeLeader: string;

async function agencyOf(query: string): Promise<string> {
  const res = await sys.app.inject({ method: 'GET', url: `/api/v1/agencies?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items[0].code;
}

worldPerFile(async (s, world) => {
  [sys, w] = [s, world];
  police = await agencyOf('adminUnitCode=00070&kind=police');
  insurance = await agencyOf('adminUnitCode=01&kind=social_insurance');
  // the demo leader of the commune police (seed-identity.ts)
  const login = await sys.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lanhdao.congan.hoankiem', password: PASSWORD } });
  expect(login.statusCode, login.body).toBe(200);
  expect(login.json().user.agencies[0].code).toBe(police);
  policeLeader = login.json().token;
});

describe('inter-agency steps (liên thông)', () => {
  it('gives each hand-over the task and sub-deadline of its step, and judges each step on its own', async () => {
    const birth = await procedure(w, '1.003412');
    setNow(w, '2026-03-09T09:00:00+07:00'); // Monday
    const d = await submit(w, { procedure: birth });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });

    setNow(w, '2026-03-09T15:00:00+07:00');
    const atPolice = await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'forward', toAgency: police });
    const handOver = atPolice.steps.at(-1) as unknown as { toAgency: { code: string }; subDueAt: string; note: string };
    expect(handOver.toAgency.code).toBe(police);
    expect(handOver.note).toMatch(/^Bước 2: Đăng ký thường trú/);
    expect(handOver.subDueAt).toBe('2026-03-10T17:00:00+07:00'); // 1 working day for step 2

    // The police see it in their own queue and act on it; the step is late after its sub-deadline.
    setNow(w, '2026-03-12T10:00:00+07:00');
    const queue = await sys.app.inject({ method: 'GET', url: '/api/v1/dossiers?queue=agency', headers: { authorization: `Bearer ${policeLeader}` } });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(d.id);
    const late = (await read(w, 'congdan', d.id)).json();
    expect(late.steps.at(-1).timeliness).toBe('qua_han');

    const forwarded = await sys.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/actions`,
      headers: { authorization: `Bearer ${policeLeader}` },
      payload: { action: 'forward', toAgency: insurance },
    });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    const steps = forwarded.json().steps;
    expect(steps.at(-1).note).toMatch(/^Bước 3: Cấp thẻ bảo hiểm y tế/);
    expect(steps.at(-2)).toMatchObject({ toAgency: { code: police }, timeliness: 'qua_han' }); // finished late
    expect(forwarded.json().currentAgency.code).toBe(insurance);
  });

  it('refuses to forward a dossier to the agency that already holds it', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const d = await submit(w, { procedure: await procedure(w, '1.004873') });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    const res = await sys.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/actions`,
      headers: auth(w, 'lanhdao.hoankiem'),
      payload: { action: 'forward', toAgency: w.agency.hoankiem },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('toAgency');
  });
});
