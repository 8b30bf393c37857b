import { beforeAll, describe, expect, it } from 'vitest';
import { act, actOk, APPLICANT, auth, type DossierView, fileProcedure, fileWorld, read, setNow, submit, uploadPdf, type Username } from '#test/factories.ts';

const PROC = '1.004873';

const w = fileWorld();
const proc = fileProcedure(w, PROC);
beforeAll(() => {
  setNow(w, '2026-03-09T09:00:00+07:00');
});

type Stage = 'SUBMITTED' | 'RECEIVED' | 'IN_PROCESSING' | 'AWAITING_SUPPLEMENT' | 'AWAITING_PAYMENT' | 'RESULT_READY';

async function dossierIn(stage: Stage): Promise<DossierView> {
  let d = await submit(w, { procedure: proc });
  if (stage === 'SUBMITTED') return d;
  d = await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
  if (stage === 'RECEIVED') return d;
  d = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
  if (stage === 'IN_PROCESSING') return d;
  if (stage === 'AWAITING_SUPPLEMENT') return actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'request_supplement', reason: 'Thiếu' });
  if (stage === 'AWAITING_PAYMENT') return actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'request_payment', amountVnd: 1000, reason: 'Lệ phí' });
  return actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
}

async function body(action: string, user: Username): Promise<Record<string, unknown>> {
  const bodies: Record<string, () => Promise<Record<string, unknown>>> = {
    receive: async () => ({}),
    reject: async () => ({ reason: 'Không thuộc thẩm quyền' }),
    request_supplement: async () => ({ reason: 'Thiếu giấy tờ' }),
    submit_supplement: async () => ({ documents: [{ componentCode: proc.components[0].code, fileId: await uploadPdf(w, user) }] }),
    assign: async () => ({ assignee: 'chuyenvien.hoankiem' }),
    forward: async () => ({ toAgency: w.agency.badinh, note: 'Liên thông' }),
    approve: async () => ({}),
    stop: async () => ({ reason: 'Không đủ điều kiện' }),
    request_payment: async () => ({ amountVnd: 20000, reason: 'Lệ phí' }),
    confirm_payment: async () => ({ reference: 'BL-1' }),
    extend: async () => ({ reason: 'Xác minh', newDueAt: '2026-06-30T17:00:00+07:00' }),
    return_result: async () => ({}),
    withdraw: async () => ({ reason: 'Rút' }),
  };
  return { action, ...(await bodies[action]()) };
}

/**
 * Who may take each action, written out from the task (independent of actions.ts):
 * everybody else involved gets 403, outsiders 404, anonymous 401.
 */
const matrix: [Stage, string, Username[]][] = [
  ['SUBMITTED', 'receive', ['motcua.hoankiem']],
  ['SUBMITTED', 'reject', ['motcua.hoankiem']],
  ['SUBMITTED', 'request_supplement', ['motcua.hoankiem']],
  ['SUBMITTED', 'withdraw', ['congdan']],
  ['RECEIVED', 'assign', ['lanhdao.hoankiem']],
  ['RECEIVED', 'forward', ['motcua.hoankiem', 'lanhdao.hoankiem']],
  ['RECEIVED', 'withdraw', ['congdan']],
  ['IN_PROCESSING', 'request_supplement', ['chuyenvien.hoankiem']],
  ['IN_PROCESSING', 'request_payment', ['chuyenvien.hoankiem']],
  ['IN_PROCESSING', 'approve', ['lanhdao.hoankiem']],
  ['IN_PROCESSING', 'stop', ['lanhdao.hoankiem']],
  ['IN_PROCESSING', 'extend', ['lanhdao.hoankiem']],
  ['IN_PROCESSING', 'forward', ['chuyenvien.hoankiem', 'lanhdao.hoankiem']],
  ['IN_PROCESSING', 'withdraw', ['congdan']],
  ['AWAITING_SUPPLEMENT', 'submit_supplement', ['congdan', 'motcua.hoankiem']],
  ['AWAITING_PAYMENT', 'confirm_payment', ['motcua.hoankiem', 'chuyenvien.hoankiem']],
  ['RESULT_READY', 'return_result', ['motcua.hoankiem']],
];
const INSIDERS: Username[] = ['congdan', 'motcua.hoankiem', 'chuyenvien.hoankiem', 'lanhdao.hoankiem', 'lanhdao.hanoi'];
const OUTSIDERS: Username[] = ['motcua.badinh', 'admin'];

describe('permission matrix: role × action × own agency / other agency / applicant / anonymous', () => {
  for (const [stage, action, allowed] of matrix) {
    it(`${action} in ${stage}: only ${allowed.join(', ')}`, async () => {
      const d = await dossierIn(stage);
      for (const user of [...INSIDERS, ...OUTSIDERS]) {
        if (allowed.includes(user)) continue;
        const res = await act(w, user, d.id, await body(action, user));
        expect(res.statusCode, `${user} ${action}`).toBe(OUTSIDERS.includes(user) ? 404 : 403);
      }
      expect((await act(w, null, d.id, await body(action, 'congdan'))).statusCode).toBe(401);
      const after = (await read(w, 'congdan', d.id)).json();
      expect(after.status).toBe(d.status);
      expect(after.history).toHaveLength(d.history.length);
      for (const user of allowed) {
        const fresh = await dossierIn(stage);
        expect(fresh.allowedActions).toEqual(expect.any(Array));
        const res = await act(w, user, fresh.id, await body(action, user));
        expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(200);
      }
    });
  }

  it('answers 409 ACTION_NOT_ALLOWED with the status and the caller’s allowed actions', async () => {
    const d = await dossierIn('SUBMITTED');
    const res = await act(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ACTION_NOT_ALLOWED', status: 'SUBMITTED', allowedActions: [] });
    const desk = await act(w, 'motcua.hoankiem', d.id, { action: 'return_result' });
    expect(desk.json().error.allowedActions.sort()).toEqual(['receive', 'reject', 'request_supplement']);
  });

  it('refuses to assign someone who is not a specialist of the agency', async () => {
    const d = await dossierIn('RECEIVED');
    for (const assignee of ['motcua.hoankiem', 'khong-ton-tai', 'lanhdao.hoankiem']) {
      const res = await act(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee });
      expect(res.statusCode).toBe(400);
    }
    expect((await read(w, 'congdan', d.id)).json().status).toBe('RECEIVED');
  });

  it('forwards to an existing agency only, and the new agency can then read it', async () => {
    const d = await dossierIn('RECEIVED');
    const bad = await act(w, 'motcua.hoankiem', d.id, { action: 'forward', toAgency: 'KHONG.CO' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('toAgency');
    expect((await read(w, 'motcua.badinh', d.id)).statusCode).toBe(404);
    const fwd = await actOk(w, 'motcua.hoankiem', d.id, { action: 'forward', toAgency: w.agency.badinh });
    expect(fwd.status).toBe('IN_PROCESSING');
    expect((await read(w, 'motcua.badinh', d.id)).statusCode).toBe(200);
  });
});

describe('reading a dossier', () => {
  it('shows it to the applicant, involved officers and provincial oversight; 404 to anyone else', async () => {
    const d = await dossierIn('RECEIVED');
    const expected: [Username | null, number][] = [
      ['congdan', 200],
      ['motcua.hoankiem', 200],
      ['chuyenvien.hoankiem', 200],
      ['lanhdao.hoankiem', 200],
      ['lanhdao.hanoi', 200],
      ['motcua.badinh', 404],
      ['admin', 404],
      [null, 401],
    ];
    for (const [user, status] of expected) expect((await read(w, user, d.id)).statusCode, String(user)).toBe(status);
    expect((await read(w, 'congdan', '00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    const view = (await read(w, 'lanhdao.hanoi', d.id)).json();
    expect(view.allowedActions).toEqual([]);
    expect(view).toMatchObject({ code: d.code, procedureCode: PROC, status: 'RECEIVED', statusCode: 2, timeliness: 'trong_han' });
    expect(view.history[0]).toMatchObject({ action: 'submit', by: expect.any(String) });
  });

  it('logs every officer read and shows the applicant who looked', async () => {
    const d = await dossierIn('RECEIVED');
    await read(w, 'congdan', d.id);
    await read(w, 'chuyenvien.hoankiem', d.id);
    await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/documents/receipt.pdf`, headers: auth(w, 'motcua.hoankiem') });
    const log = await w.sys.app.inject({ method: 'GET', url: `/api/v1/me/dossiers/${d.id}/access-log`, headers: auth(w, 'congdan') });
    expect(log.statusCode).toBe(200);
    expect(log.json().items.map((i: { what: string }) => i.what)).toEqual(['detail', 'document:receipt']);
    expect(log.json().items[0].agency.code).toBe(w.agency.hoankiem);
    const audit = await w.sys.ctx.db.query('SELECT 1 FROM audit_log WHERE chain = $1 AND action = $2', [`dossier:${d.id}`, 'dossier.read']);
    expect(audit).toHaveLength(2);
    const other = await w.sys.app.inject({ method: 'GET', url: `/api/v1/me/dossiers/${d.id}/access-log`, headers: auth(w, 'motcua.hoankiem') });
    expect(other.statusCode).toBe(404);
  });

  it('lists my dossiers, including one filed for me at the counter', async () => {
    const counter = await submit(w, { user: 'motcua.hoankiem', procedure: proc });
    const mine = await w.sys.app.inject({ method: 'GET', url: '/api/v1/me/dossiers', headers: auth(w, 'congdan') });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(counter.id);
    const desk = await w.sys.app.inject({ method: 'GET', url: '/api/v1/me/dossiers', headers: auth(w, 'motcua.badinh') });
    expect(desk.json().items).toEqual([]);
  });
});

describe('public tracking', () => {
  it('shows the masked name only with the last 4 phone digits (issue 13, D4)', async () => {
    const d = await dossierIn('IN_PROCESSING');
    const bare = await w.sys.app.inject({ method: 'GET', url: `/api/v1/public/tracking/${d.code}` });
    expect(bare.statusCode).toBe(200);
    expect(bare.json()).toMatchObject({ code: d.code, status: 'IN_PROCESSING', statusCode: 4 });
    expect(bare.json().applicantName).toBeUndefined();
    const wrong = await w.sys.app.inject({ method: 'GET', url: `/api/v1/public/tracking/${d.code}?phone=0000` });
    expect(wrong.json().applicantName).toBeUndefined();
    expect(bare.body).not.toContain('Nguyễn');
  });

  it('shows status and masked name, never the identity number, phone, address or files', async () => {
    const d = await dossierIn('IN_PROCESSING');
    const res = await w.sys.app.inject({ method: 'GET', url: `/api/v1/public/tracking/${d.code}?phone=${APPLICANT.phone.slice(-4)}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      code: d.code,
      status: 'IN_PROCESSING',
      statusCode: 4,
      statusLabel: 'Đang xử lý',
      timeliness: 'trong_han',
      applicantName: 'Nguyễn T*** Á*** T***',
      procedureName: expect.any(String),
    });
    expect(res.json().steps.length).toBeGreaterThan(0);
    for (const secret of [APPLICANT.idNumber, APPLICANT.phone, APPLICANT.address.detail, APPLICANT.email, 'fileId', 'Tuyết']) {
      expect(res.body).not.toContain(secret);
    }
    expect((await w.sys.app.inject({ method: 'GET', url: '/api/v1/public/tracking/KHONG-CO-260309-0001' })).statusCode).toBe(404);
  });
});

describe('submission input', () => {
  const base = () => ({
    procedureCode: PROC,
    receivingAgency: w.agency.hoankiem,
    channel: 'online',
    applicant: APPLICANT,
    fields: {},
    documents: [],
  });
  const post = (payload: unknown, user: Username | null = 'congdan', headers: Record<string, string> = {}) =>
    w.sys.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...auth(w, user), ...headers }, payload: payload as object });

  it.each([
    ['applicant.idNumber', { applicant: { ...APPLICANT, idNumber: '12345' } }],
    ['applicant.phone', { applicant: { ...APPLICANT, phone: '0212345678' } }],
    ['applicant.email', { applicant: { ...APPLICANT, email: 'khong-phai-email' } }],
    ['channel', { channel: 'fax' }],
    ['procedureCode', { procedureCode: '9.999999' }],
    ['receivingAgency', { receivingAgency: 'KHONG.CO' }],
    ['documents.0.componentCode', { documents: [{ componentCode: 'KHONG', fileId: 'x' }] }],
    ['documents.0.fileId', { documents: [{ componentCode: '__first__', fileId: 'khong-ton-tai' }] }],
  ])('answers 400 naming %s, writing nothing', async (field, patch) => {
    const payload = { ...base(), ...patch } as Record<string, unknown>;
    if (Array.isArray(payload.documents)) {
      payload.documents = (payload.documents as { componentCode: string; fileId: string }[]).map((d) =>
        d.componentCode === '__first__' ? { ...d, componentCode: proc.components[0].code } : d,
      );
    }
    const [{ n: before }] = await w.sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers');
    const res = await post(payload);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field.replace(/^body\./, ''))).toContain(field);
    const [{ n: after }] = await w.sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers');
    expect(after).toBe(before);
  });

  it('accepts a 13-digit tax code for organisations (filed by their authorised representative) and a +84 phone', async () => {
    const authorisation = await uploadPdf(w, 'congdan');
    const res = await post({
      ...base(),
      applicant: { ...APPLICANT, idNumber: '0101234567-001', phone: '+84912345678' },
      representation: { authorisationFileId: authorisation },
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('files for another person with the authorisation the form uploads (nộp thay, issue 12): the representative follows it, the desk reads the authorisation', async () => {
    const authorisation = await uploadPdf(w, 'congdan');
    const other = { ...APPLICANT, fullName: 'Nguyễn Văn Được Đại Diện', idNumber: '001090066666' };
    const res = await post({ ...base(), applicant: other, representation: { authorisationFileId: authorisation } });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const asDesk = (await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: auth(w, 'motcua.hoankiem') })).json();
    expect(asDesk.applicant).toMatchObject({ fullName: 'Nguyễn Văn Được Đại Diện', idNumber: '001090066666' });
    expect(asDesk.documents).toEqual([expect.objectContaining({ componentCode: 'VAN_BAN_UY_QUYEN', fileId: authorisation })]);
    const file = await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${authorisation}`, headers: auth(w, 'motcua.hoankiem') });
    expect(file.statusCode, file.body).toBe(200);
    expect(file.body.startsWith('%PDF')).toBe(true);
    const [submitted] = await w.sys.ctx.db.query<{ data: { representative?: { idNumber: string } } }>(
      "SELECT data FROM dossier_actions WHERE dossier_id = $1 AND action = 'submit'",
      [id],
    );
    expect(submitted.data.representative).toMatchObject({ idNumber: '001190012345' });
    const mine = (await w.sys.app.inject({ method: 'GET', url: '/api/v1/me/dossiers', headers: auth(w, 'congdan') })).json();
    expect(mine.items.map((d: { id: string }) => d.id)).toContain(id);
    // The same authorisation cannot be used by someone who did not upload it.
    const stolen = await post({ ...base(), applicant: other, representation: { authorisationFileId: authorisation } }, 'motcua.hoankiem');
    expect(stolen.statusCode).not.toBe(201);
  });

  it('refuses an online applicant other than the signed-in citizen without an authorisation document (issue 13, D8)', async () => {
    const [{ n: before }] = await w.sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers');
    const res = await post({ ...base(), applicant: { ...APPLICANT, fullName: 'Lê Văn Khác', idNumber: '001090099999' } });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('APPLICANT_NOT_SELF');
    const foreign = await uploadPdf(w, 'motcua.hoankiem');
    const withForeign = await post({
      ...base(),
      applicant: { ...APPLICANT, fullName: 'Lê Văn Khác', idNumber: '001090099999' },
      representation: { authorisationFileId: foreign },
    });
    expect(withForeign.statusCode).toBe(400);
    const [{ n: after }] = await w.sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers');
    expect(after).toBe(before);
  });

  it("lets a second citizen file in their own name only: the first citizen cannot read it (issue 13, D8)", async () => {
    const created = await w.sys.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: auth(w, 'admin'),
      payload: { username: 'congdan.b', fullName: 'Phạm Văn Bê', password: 'MatKhau@12345', idNumber: '001090088888', grants: [{ role: 'citizen', agencyCode: null }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const tokenB = await w.sys.login('congdan.b', 'MatKhau@12345');
    // an account an administrator made chooses its own password first (đổi mật khẩu bắt buộc)
    const chosen = { currentPassword: 'MatKhau@12345', newPassword: 'MatKhauRieng@12345' };
    expect((await w.sys.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { authorization: `Bearer ${tokenB}` }, payload: chosen })).statusCode).toBe(200);
    const asB = (payload: unknown) =>
      w.sys.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${tokenB}` }, payload: payload as object });
    const inAsName = await asB(base());
    expect(inAsName.statusCode).toBe(403);
    expect(inAsName.json().error.code).toBe('APPLICANT_NOT_SELF');
    const own = await asB({ ...base(), applicant: { ...APPLICANT, fullName: 'Phạm Văn Bê', idNumber: '001090088888' } });
    expect(own.statusCode, own.body).toBe(201);
    expect((await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${own.json().id}`, headers: { authorization: `Bearer ${tokenB}` } })).statusCode).toBe(200);
    expect((await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${own.json().id}`, headers: auth(w, 'congdan') })).statusCode).toBe(404);
  });

  it('refuses a file uploaded by someone else', async () => {
    const foreign = await uploadPdf(w, 'motcua.hoankiem');
    const res = await post({ ...base(), documents: [{ componentCode: proc.components[0].code, fileId: foreign }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('documents.0.fileId');
  });

  it('lets only citizens (online) and the receiving desk submit', async () => {
    expect((await post(base(), null)).statusCode).toBe(401);
    expect((await post({ ...base(), channel: 'direct' }, 'motcua.badinh')).statusCode).toBe(403);
    expect((await post({ ...base(), channel: 'direct' }, 'chuyenvien.hoankiem')).statusCode).toBe(403);
    expect((await post({ ...base(), channel: 'direct' }, 'admin')).statusCode).toBe(403);
    expect((await post({ ...base(), channel: 'direct' })).statusCode).toBe(400);
  });

  it('replays a retried submission and a retried action with the same Idempotency-Key', async () => {
    const [{ n: before }] = await w.sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers');
    const first = await post(base(), 'congdan', { 'idempotency-key': 'nop-1' });
    const second = await post(base(), 'congdan', { 'idempotency-key': 'nop-1' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const [{ n: after }] = await w.sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers');
    expect(after).toBe(before + 1);

    const d = await submit(w, { procedure: proc });
    const r1 = await act(w, 'motcua.hoankiem', d.id, { action: 'receive' }, { 'idempotency-key': 'nhan-1' });
    const r2 = await act(w, 'motcua.hoankiem', d.id, { action: 'receive' }, { 'idempotency-key': 'nhan-1' });
    expect(r1.statusCode).toBe(200);
    expect(r2.statusCode).toBe(200);
    expect(r2.json().code).toBe(r1.json().code);
    const log = await w.sys.ctx.db.query('SELECT 1 FROM dossier_actions WHERE dossier_id = $1 AND action = $2', [d.id, 'receive']);
    expect(log).toHaveLength(1);
  });

  it('leaves nothing half-written when an action fails', async () => {
    const d = await dossierIn('RECEIVED');
    const count = async () =>
      (await w.sys.ctx.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM dossier_actions WHERE dossier_id = $1) + (SELECT count(*) FROM outbox WHERE key = $1)
          + (SELECT count(*) FROM dossier_steps WHERE dossier_id = $1) AS n`,
        [d.id],
      ))[0].n;
    const before = await count();
    expect((await act(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'motcua.hoankiem' })).statusCode).toBe(400);
    expect((await act(w, 'lanhdao.hoankiem', d.id, { action: 'forward', toAgency: 'KHONG.CO' })).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('names the missing reason of an action', async () => {
    const d = await dossierIn('SUBMITTED');
    const res = await act(w, 'motcua.hoankiem', d.id, { action: 'reject' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((x: { field: string }) => x.field).join()).toContain('reason');
  });
});
