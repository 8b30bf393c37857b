import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { act, actOk, auth, moreUsers, pdfText, procedure, read, setNow, submit, uploadPdf, type World, worldPerFile } from '#test/factories.ts';

/**
 * Liên thông as a graph: the birth group (1.003412) is UBND xã (step 1) → {Công an xã (2),
 * Bảo hiểm xã hội (3)} in parallel (seed/procedures.local.json, `depends_on`).
 */
let sys: TestSystem;
let w: World;
let police: string;
let insurance: string;
const { login, as } = moreUsers(() => sys);

interface StepView {
  seq: number;
  step: number | null;
  toAgency: { code: string };
  sentAt: string;
  subDueAt: string | null;
  finishedAt: string | null;
  timeliness: string | null;
  note: string | null;
  resultNote: string | null;
  resultFileId: string | null;
}

async function actAs(username: string, id: string, payload: Record<string, unknown>) {
  return sys.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/actions`, headers: as(username), payload });
}

async function queueIds(username: string, queue = 'agency'): Promise<string[]> {
  const res = await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers?queue=${queue}`, headers: as(username) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((i: { id: string }) => i.id);
}

const graphSteps = (view: { steps: StepView[] }) => view.steps.filter((s) => s.step != null);

worldPerFile(async (s, world) => {
  [sys, w] = [s, world];
  police = await login('congan.hoankiem');
  insurance = await login('bhxh.hanoi');
  await login('lanhdao.bhxh.hanoi');
  await login('chuyenvien.badinh');
});

/** A birth-group dossier received on Monday 9 March 2026 at 09:00 (due Thursday, 3 working days). */
async function receivedBirth() {
  setNow(w, '2026-03-09T09:00:00+07:00');
  const d = await submit(w, { procedure: await procedure(w, '1.003412') });
  return actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
}

describe('liên thông as a graph of steps', () => {
  it('opens parallel branches together, joins on both, judges a late step late while the dossier is on time, then the lead approves', async () => {
    const d = await receivedBirth();
    expect(d.allowedActions).toContain('dispatch');
    expect(d.dueAt).toBe('2026-03-12T17:00:00+07:00');

    // The lead's leader dispatches: only step 1 (no prerequisite) opens, at the lead itself.
    const dispatched = (await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch' })) as unknown as { steps: StepView[]; status: string; allowedActions: string[] };
    expect(dispatched.status).toBe('IN_PROCESSING');
    expect(graphSteps(dispatched).map((s) => [s.step, s.toAgency.code, s.subDueAt])).toEqual([[1, w.agency.hoankiem, '2026-03-10T17:00:00+07:00']]);
    expect(dispatched.allowedActions).not.toContain('approve');
    expect(dispatched.allowedActions).not.toContain('dispatch');
    const early = await act(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('STEPS_PENDING');
    const again = await act(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('STEPS_ALREADY_DISPATCHED');

    // Step 1 done by the lead's specialist with its partial result: steps 2 and 3 open at once.
    setNow(w, '2026-03-09T15:00:00+07:00');
    const birthCertificate = await uploadPdf(w, 'chuyenvien.hoankiem');
    const afterOne = (await actOk(w, 'chuyenvien.hoankiem', d.id, {
      action: 'complete_step',
      note: 'Đã đăng ký khai sinh, số định danh đã cấp',
      resultFileId: birthCertificate,
    })) as unknown as { steps: StepView[]; currentAgency: { code: string } };
    const open = graphSteps(afterOne).filter((s) => !s.finishedAt);
    expect(open.map((s) => [s.step, s.toAgency.code])).toEqual([
      [2, police],
      [3, insurance],
    ]);
    expect(new Set(open.map((s) => s.sentAt)).size).toBe(1); // opened together
    expect(open.map((s) => s.subDueAt)).toEqual(['2026-03-10T17:00:00+07:00', '2026-03-10T17:00:00+07:00']);
    expect(graphSteps(afterOne)[0]).toMatchObject({ step: 1, timeliness: 'truoc_han', resultFileId: birthCertificate });
    expect(afterOne.currentAgency.code).toBe(w.agency.hoankiem);

    // Each branch's agency finds it in its own queue.
    expect(await queueIds('congan.hoankiem')).toContain(d.id);
    expect(await queueIds('bhxh.hanoi')).toContain(d.id);

    // The police complete on Tuesday morning (on time); the join still waits for insurance.
    setNow(w, '2026-03-10T10:00:00+07:00');
    const policeView = (await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: as('congan.hoankiem') })).json();
    expect(policeView.allowedActions).toContain('complete_step');
    const byPolice = await actAs('congan.hoankiem', d.id, { action: 'complete_step', note: 'Đã đăng ký thường trú cho trẻ' });
    expect(byPolice.statusCode, byPolice.body).toBe(200);
    expect(graphSteps(byPolice.json()).find((s) => s.step === 2)).toMatchObject({ timeliness: 'dung_han', resultNote: 'Đã đăng ký thường trú cho trẻ' });
    expect(byPolice.json().allowedActions).not.toContain('complete_step');
    expect(byPolice.json().currentAgency.code).toBe(w.agency.hoankiem);
    const stillPending = await act(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
    expect(stillPending.json().error.code).toBe('STEPS_PENDING');

    // Completing the same step twice: 409 with a clear code; another agency's step: 403.
    const twice = await actAs('congan.hoankiem', d.id, { action: 'complete_step', note: 'lần hai' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('STEP_ALREADY_COMPLETED');
    const notTheirs = await actAs('congan.hoankiem', d.id, { action: 'complete_step', step: 3, note: 'không phải bước của công an' });
    expect(notTheirs.statusCode).toBe(403);
    const byLead = await act(w, 'chuyenvien.hoankiem', d.id, { action: 'complete_step', step: 3, note: 'không phải bước của UBND' });
    expect(byLead.statusCode).toBe(403);

    // Insurance completes on Wednesday: late against its own sub-deadline, the dossier still on time.
    setNow(w, '2026-03-11T10:00:00+07:00');
    const lateView = (await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: as('bhxh.hanoi') })).json();
    expect(graphSteps(lateView).find((s: StepView) => s.step === 3)?.timeliness).toBe('qua_han');
    expect(lateView.timeliness).toBe('trong_han');
    const byInsurance = await actAs('lanhdao.bhxh.hanoi', d.id, { action: 'complete_step', note: 'Đã cấp thẻ BHYT cho trẻ' });
    expect(byInsurance.statusCode, byInsurance.body).toBe(200);
    const joined = byInsurance.json();
    expect(graphSteps(joined).find((s: StepView) => s.step === 3)?.timeliness).toBe('qua_han');
    expect(joined.timeliness).toBe('trong_han');
    expect(joined.currentAgency.code).toBe(w.agency.hoankiem);
    expect(joined.steps.at(-1)).toMatchObject({ step: null, toAgency: { code: w.agency.hoankiem } }); // back to the lead
    expect(await queueIds('bhxh.hanoi')).not.toContain(d.id);

    // Back at the lead: the leader approves, on time.
    const lead = (await read(w, 'lanhdao.hoankiem', d.id)).json();
    expect(lead.allowedActions).toContain('approve');
    const approved = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve', note: 'Đồng ý' });
    expect(approved.status).toBe('RESULT_READY');

    // Mẫu 05 lists every hand-over: to each agency, with the late one marked late.
    const slip = await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/documents/control-slip.pdf`, headers: as('bhxh.hanoi') });
    expect(slip.statusCode).toBe(200);
    const text = pdfText(slip.rawPayload);
    for (const fragment of ['Bước 1', 'Bước 2', 'Bước 3', 'Công an', 'Bảo hiểm xã hội', 'Quá hạn', 'Đúng hạn']) expect(text).toContain(fragment);
  });

  it('keeps the open steps when the leader assigns a specialist meanwhile: the step is not done, the next ones still open after it', async () => {
    const d = await receivedBirth();
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch' });
    const assigned = (await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' })) as unknown as { steps: StepView[]; allowedActions: string[] };
    expect(graphSteps(assigned).map((s) => [s.step, s.finishedAt])).toEqual([[1, null]]);
    expect(assigned.allowedActions).not.toContain('approve');
    const early = await act(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
    expect(early.json().error.code).toBe('STEPS_PENDING');
    // the assigned specialist completes step 1: steps 2 and 3 open
    setNow(w, '2026-03-09T15:00:00+07:00');
    const afterOne = (await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'complete_step', note: 'Đã đăng ký khai sinh' })) as unknown as { steps: StepView[] };
    expect(graphSteps(afterOne).map((s) => [s.step, s.finishedAt === null])).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
  });

  it('lets the agencies of its steps read the dossier, and nobody else', async () => {
    const d = await receivedBirth();
    // before dispatch the police are not involved
    expect((await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: as('congan.hoankiem') })).statusCode).toBe(404);
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch' });
    await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'complete_step', note: 'Đã đăng ký khai sinh' });
    for (const officer of ['congan.hoankiem', 'bhxh.hanoi']) {
      expect((await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: as(officer) })).statusCode).toBe(200);
    }
    // an officer of another commune neither finds nor opens it, nor acts on it
    expect((await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: as('chuyenvien.badinh') })).statusCode).toBe(404);
    expect(await queueIds('chuyenvien.badinh')).not.toContain(d.id);
    expect((await actAs('chuyenvien.badinh', d.id, { action: 'complete_step', note: 'x' })).statusCode).toBe(404);
    // the police still read it after completing their step (a finished step keeps read access)
    await actAs('congan.hoankiem', d.id, { action: 'complete_step', note: 'Đã đăng ký thường trú' });
    expect((await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: as('congan.hoankiem') })).statusCode).toBe(200);
  });

  it('lets parallel branches work at once: one agency’s processing lock does not block another’s step', async () => {
    const d = await receivedBirth();
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch' });
    await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'complete_step', note: 'Đã đăng ký khai sinh' });
    const lock = await sys.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.id}/lock`, headers: as('congan.hoankiem'), payload: {} });
    expect(lock.statusCode, lock.body).toBe(200);
    const byInsurance = await actAs('bhxh.hanoi', d.id, { action: 'complete_step', note: 'Đã cấp thẻ BHYT' });
    expect(byInsurance.statusCode, byInsurance.body).toBe(200);
    const byPolice = await actAs('congan.hoankiem', d.id, { action: 'complete_step', note: 'Đã đăng ký thường trú' });
    expect(byPolice.statusCode, byPolice.body).toBe(200);
    expect(byPolice.json().currentAgency.code).toBe(w.agency.hoankiem);
  });

  it('walks the death group (LT.KHAITU) the same way: khai tử, then residence and benefits in parallel', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const d = await submit(w, { procedure: await procedure(w, 'LT.KHAITU') });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    const dispatched = (await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch' })) as unknown as { steps: StepView[] };
    expect(graphSteps(dispatched).map((s) => [s.step, s.toAgency.code])).toEqual([[1, w.agency.hoankiem]]);
    const opened = (await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'complete_step', note: 'Đã đăng ký khai tử' })) as unknown as { steps: StepView[] };
    const open = graphSteps(opened).filter((s) => !s.finishedAt);
    expect(open.map((s) => [s.step, s.toAgency.code])).toEqual([
      [2, police],
      [3, insurance],
    ]);
    // each with its own sub-deadline: 1 working day for the police, 5 for the benefits
    expect(open.map((s) => s.subDueAt)).toEqual(['2026-03-10T17:00:00+07:00', '2026-03-16T17:00:00+07:00']);
  });

  it('offers the agencies that may work the next steps, the default first, and opens a step where the lead chose', async () => {
    const d = await receivedBirth();
    const options = async (username: string) => {
      const res = await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/step-options`, headers: as(username) });
      return { status: res.statusCode, body: res.json() };
    };
    await login('lanhdao.hoankiem');
    // before dispatch: step 1 at the commune People's Committee, the lead itself
    const first = await options('lanhdao.hoankiem');
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { step: number }) => i.step)).toEqual([1]);
    expect(first.body.items[0].agencies[0].code).toBe(w.agency.hoankiem);
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch' });

    // the lead holds step 1: completing it opens 2 (police: the commune's first, then the city's) and 3
    const next = (await options('lanhdao.hoankiem')).body.items as { step: number; agencyKind: string; agencies: { code: string; name: string }[] }[];
    expect(next.map((i) => [i.step, i.agencyKind])).toEqual([
      [2, 'police'],
      [3, 'social_insurance'],
    ]);
    expect(next[0].agencies[0].code).toBe(police);
    const cityPolice = next[0].agencies.find((a) => a.name === 'Công an Thành phố Hà Nội');
    expect(cityPolice).toBeDefined();
    expect(next[1].agencies.map((a) => a.code)).toContain(insurance);

    // the lead sends step 2 to the city police instead of the default
    const done = (await actOk(w, 'lanhdao.hoankiem', d.id, {
      action: 'complete_step',
      note: 'Đã đăng ký khai sinh',
      agencies: [{ step: 2, agency: cityPolice!.code }],
    })) as unknown as { steps: StepView[] };
    expect(graphSteps(done).map((s) => [s.step, s.toAgency.code])).toEqual([
      [1, w.agency.hoankiem],
      [2, cityPolice!.code],
      [3, insurance],
    ]);

    // read-only for the dossier's officers: the applicant gets 403, an outsider 404
    const applicant = await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/step-options`, headers: auth(w, 'congdan') });
    expect(applicant.statusCode).toBe(403);
    expect((await options('chuyenvien.badinh')).status).toBe(404);
  });

  it('refuses dispatch for a procedure without steps, and a choice of agency of the wrong kind', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const plain = await submit(w, { procedure: await procedure(w, '1.004873') });
    const received = await actOk(w, 'motcua.hoankiem', plain.id, { action: 'receive' });
    expect(received.allowedActions).not.toContain('dispatch');
    const none = await act(w, 'lanhdao.hoankiem', plain.id, { action: 'dispatch' });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('NO_INTERAGENCY_STEPS');

    const d = await receivedBirth();
    const wrong = await act(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch', agencies: [{ step: 1, agency: police }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('agencies.0.agency');
    const notNow = await act(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch', agencies: [{ step: 2, agency: police }] });
    expect(notNow.statusCode).toBe(400);
    expect(notNow.json().error.details[0].field).toBe('agencies.0.step');
    // a retry with the same Idempotency-Key replays the first answer instead of dispatching twice
    const key = { 'idempotency-key': `dispatch-${d.id}` };
    const first = await act(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch' }, key);
    const retry = await act(w, 'lanhdao.hoankiem', d.id, { action: 'dispatch' }, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().steps).toEqual(first.json().steps);
  });
});
