import { beforeAll, describe, expect, it } from 'vitest';
import { act, actOk, APPLICANT, auth, type DossierView, fileProcedure, fileWorld, procedure, type ProcedureInfo, read, setNow, submit, uploadPdf, type Username } from '#test/factories.ts';

/**
 * The desk officer's day (issue 11): the counter's record (paper components, fee, return
 * method), the procedure's own fields in Vietnamese, the returning applicant, queue filters and
 * search, bulk assignment, and reading without taking the processing lock.
 */


const BIRTH_FIELDS = { childFullName: 'Trần Minh An', childBirthDate: '2026-03-01', childSex: 'nam', placeOfBirth: 'Bệnh viện Phụ sản Hà Nội' };

const post = (user: Username, payload: Record<string, unknown>) =>
  w.sys.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: auth(w, user), payload });
const counterBody = (p: ProcedureInfo, extra: Record<string, unknown> = {}) => ({
  procedureCode: p.code,
  receivingAgency: w.agency.hoankiem,
  channel: 'direct',
  applicant: APPLICANT,
  fields: {},
  documents: [],
  ...extra,
});

const w = fileWorld();
const birth = fileProcedure(w, '1.001193');
const copy = fileProcedure(w, '2.000815');
beforeAll(() => {
  setNow(w, '2026-03-16T08:30:00+07:00');
});

describe('counter reception', () => {
  it('receives components ticked as paper, without any file, and records originals and copies', async () => {
    const paper = birth.components.filter((c) => c.required).map((c) => ({ componentCode: c.code, originals: 1, copies: 0 }));
    const res = await post('motcua.hoankiem', counterBody(birth, { fields: BIRTH_FIELDS, intake: { paper } }));
    expect(res.statusCode, res.body).toBe(201);
    const received = await actOk(w, 'motcua.hoankiem', res.json().id, { action: 'receive' });
    expect(received.status).toBe('RECEIVED');
    const view = (await read(w, 'motcua.hoankiem', received.id)).json();
    expect(view.intake.paper).toEqual(paper);
    expect(view.intake.returnMethod).toBe('tai_quay');
    expect(view.documents).toEqual([]);
  });

  it('still refuses reception when a required component is neither ticked nor uploaded', async () => {
    const [first] = birth.components.filter((c) => c.required);
    const res = await post('motcua.hoankiem', counterBody(birth, { fields: BIRTH_FIELDS, intake: { paper: [{ componentCode: first.code }] } }));
    expect(res.statusCode, res.body).toBe(201);
    const refused = await act(w, 'motcua.hoankiem', res.json().id, { action: 'receive' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('DOSSIER_INCOMPLETE');
    expect(refused.json().error.missingComponents).not.toContain(first.code);
  });

  it('asks at intake (Mẫu 02) only for what was neither ticked nor scanned', async () => {
    const res = await post(
      'motcua.hoankiem',
      counterBody(birth, { fields: BIRTH_FIELDS, intake: { paper: [{ componentCode: 'TP1' }, { componentCode: 'TP3' }] } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const waiting = await actOk(w, 'motcua.hoankiem', res.json().id, { action: 'request_supplement', reason: 'Thiếu giấy chứng sinh' });
    expect(waiting.status).toBe('AWAITING_SUPPLEMENT');
    const [request] = await w.sys.ctx.db.query<{ data: { components: string[] } }>(
      `SELECT data FROM dossier_actions WHERE dossier_id = $1 AND action = 'request_supplement'`,
      [waiting.id],
    );
    expect(request.data.components).toEqual(['TP2']);
    const view = (await read(w, 'motcua.hoankiem', waiting.id)).json();
    expect(view.supplement.missing.map((c: { code: string }) => c.code)).toEqual(['TP2']);
  });

  it('computes and records the per-page fee of chứng thực from the pages and copies counted', async () => {
    const paper = copy.components.filter((c) => c.required).map((c) => ({ componentCode: c.code, originals: 1, copies: 3 }));
    const res = await post('motcua.hoankiem', counterBody(copy, { intake: { paper, pages: 5, copies: 3 } }));
    expect(res.statusCode, res.body).toBe(201);
    const view = (await read(w, 'motcua.hoankiem', res.json().id)).json();
    // 2 pages × 2 000 + 3 pages × 1 000 = 7 000 đ a copy, three copies
    expect(view.intake.fee).toMatchObject({ pages: 5, copies: 3, totalVnd: 21_000, complete: true });
    const quote = await w.sys.app.inject({ method: 'GET', url: '/api/v1/procedures/2.000815/fee?channel=direct&pages=5&copies=3' });
    expect(quote.json().totalVnd).toBe(view.intake.fee.totalVnd);
  });

  it('records a postal dossier returned by post to the address given, and the e-mail', async () => {
    const paper = birth.components.filter((c) => c.required).map((c) => ({ componentCode: c.code }));
    const res = await post(
      'motcua.hoankiem',
      counterBody(birth, {
        channel: 'postal',
        applicant: { ...APPLICANT, email: 'an.tran@example.vn' },
        fields: BIRTH_FIELDS,
        intake: { paper, returnMethod: 'buu_chinh', returnAddress: 'Số 5 Hàng Bài, Hoàn Kiếm' },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const view = (await read(w, 'motcua.hoankiem', res.json().id)).json();
    expect(view.channel).toBe('postal');
    expect(view.applicant.email).toBe('an.tran@example.vn');
    expect(view.intake).toMatchObject({ returnMethod: 'buu_chinh', returnAddress: 'Số 5 Hàng Bài, Hoàn Kiếm' });
  });

  it('refuses paper of a component the procedure does not list, twice the same one, or a counter record online', async () => {
    const wrong = await post('motcua.hoankiem', counterBody(birth, { fields: BIRTH_FIELDS, intake: { paper: [{ componentCode: 'TP9' }] } }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual([{ field: 'intake.paper.0.componentCode', message: 'thành phần TP9 không có trong thủ tục' }]);
    const twice = await post(
      'motcua.hoankiem',
      counterBody(birth, { fields: BIRTH_FIELDS, intake: { paper: [{ componentCode: 'TP1' }, { componentCode: 'TP1' }] } }),
    );
    expect(twice.json().error.details[0].field).toBe('intake.paper.1.componentCode');
    const online = await post('congdan', counterBody(birth, { channel: 'online', fields: BIRTH_FIELDS, intake: { paper: [] } }));
    expect(online.statusCode).toBe(400);
    expect(online.json().error.details[0].field).toBe('intake');
  });

  it('explains wrong procedure fields in Vietnamese, by field, never with the validator’s words', async () => {
    const res = await post('motcua.hoankiem', counterBody(birth, { fields: { childFullName: 'A', childSex: 'x', childBirthDate: '2026-02-31' } }));
    expect(res.statusCode).toBe(400);
    const details = Object.fromEntries(res.json().error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(details).toEqual({
      'fields.childFullName': 'Họ, chữ đệm, tên của trẻ: cần ít nhất 2 ký tự',
      'fields.childSex': 'Giới tính: giá trị không thuộc danh sách được chọn',
      'fields.childBirthDate': 'Ngày, tháng, năm sinh: ngày không hợp lệ (năm-tháng-ngày)',
      'fields.placeOfBirth': 'Nơi sinh: chưa nhập',
    });
  });
});

describe('returning applicant', () => {
  const lookup = (user: Username, idNumber: string, agency?: string) =>
    w.sys.app.inject({ method: 'GET', url: `/api/v1/applicants/${idNumber}${agency ? `?agency=${agency}` : ''}`, headers: auth(w, user) });

  it('finds the applicant of the agency’s latest dossier by identity number, audited', async () => {
    setNow(w, '2026-03-16T09:00:00+07:00');
    await post('motcua.hoankiem', counterBody(birth, { fields: BIRTH_FIELDS, applicant: { ...APPLICANT, idNumber: '001090000777', phone: '0987000111' } }));
    setNow(w, '2026-03-16T09:05:00+07:00');
    const moved = { ...APPLICANT, idNumber: '001090000777', phone: '0987000222', address: { communeCode: '00070', detail: 'Số 9 Lý Thái Tổ' } };
    await post('motcua.hoankiem', counterBody(birth, { fields: BIRTH_FIELDS, applicant: moved }));
    const res = await lookup('motcua.hoankiem', '001090000777');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ applicant: { fullName: APPLICANT.fullName, phone: '0987000222', address: moved.address }, dossiers: 2 });
    const [audit] = await w.sys.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'dossier.applicant_lookup' AND subject_id = '001090000777'`,
    );
    expect(audit.n).toBe(1);
  });

  it('finds nothing at another commune’s desk, and is for desk officers only', async () => {
    expect((await lookup('motcua.badinh', '001090000777')).json()).toEqual({ applicant: null, dossiers: 0, lastSubmittedAt: null });
    expect((await lookup('motcua.badinh', '001090000777', w.agency.hoankiem)).statusCode).toBe(403);
    const specialist = await lookup('chuyenvien.hoankiem', '001090000777');
    expect(specialist.statusCode).toBe(403);
    expect(specialist.json().error.code).toBe('APPLICANT_LOOKUP_NOT_ALLOWED');
    expect((await lookup('congdan', '001090000777')).statusCode).toBe(403);
    expect((await lookup('motcua.hoankiem', '12ab')).statusCode).toBe(400);
  });
});

describe('queues', () => {
  let marriage: ProcedureInfo;
  let early: DossierView;
  let late: DossierView;
  let finished: DossierView;
  const list = async (user: Username, query: Record<string, string>) => {
    const res = await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers?${new URLSearchParams(query)}`, headers: auth(w, user) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { id: string }[]; total: number; counts: Record<string, number> };
  };
  const ids = (l: { items: { id: string }[] }) => l.items.map((i) => i.id);

  beforeAll(async () => {
    marriage = await procedure(w, '1.004873');
    setNow(w, '2026-03-17T09:00:00+07:00');
    early = await submit(w, { user: 'motcua.hoankiem', procedure: marriage, body: { applicant: { ...APPLICANT, idNumber: '001190099001', phone: '0911000001' } } });
    await actOk(w, 'motcua.hoankiem', early.id, { action: 'receive' });
    setNow(w, '2026-03-19T09:00:00+07:00');
    late = await submit(w, { user: 'motcua.hoankiem', procedure: marriage, body: { applicant: { ...APPLICANT, fullName: 'Đỗ Văn Lâm', idNumber: '001190099002', phone: '0911000002' } } });
    await actOk(w, 'motcua.hoankiem', late.id, { action: 'receive' });
    finished = await submit(w, { user: 'motcua.hoankiem', procedure: marriage, body: { applicant: { ...APPLICANT, fullName: 'Vũ Thị Hoa', idNumber: '001190099003', phone: '0911000003' } } });
    await actOk(w, 'motcua.hoankiem', finished.id, { action: 'reject', reason: 'Không thuộc thẩm quyền' });
  });

  it('filters by procedure and by the date of reception', async () => {
    const byProcedure = await list('motcua.hoankiem', { queue: 'agency', procedure: '1.004873' });
    expect(ids(byProcedure)).toEqual(expect.arrayContaining([early.id, late.id]));
    expect(byProcedure.total).toBe(2);
    const day = await list('motcua.hoankiem', { queue: 'agency', from: '2026-03-19', to: '2026-03-19' });
    expect(ids(day)).toEqual([late.id]);
    const bad = await w.sys.app.inject({ method: 'GET', url: '/api/v1/dossiers?from=2026-03-20&to=2026-03-19', headers: auth(w, 'motcua.hoankiem') });
    expect(bad.statusCode).toBe(400);
  });

  it('searches by identity number and phone (as typed at the desk), across open and finished dossiers', async () => {
    expect(ids(await list('motcua.hoankiem', { queue: 'all', q: '001190099003' }))).toEqual([finished.id]);
    expect(ids(await list('motcua.hoankiem', { queue: 'all', q: '0911 000 002' }))).toEqual([late.id]);
    expect(ids(await list('motcua.hoankiem', { queue: 'all', q: '+84911000001' }))).toEqual([early.id]);
    const open = await list('motcua.hoankiem', { queue: 'agency', q: '001190099003' });
    expect(open.total).toBe(0);
    expect(open.counts.all).toBe(1);
    expect(open.counts.done).toBe(1);
    // Ba Đình never finds Hoàn Kiếm's applicant
    expect((await list('motcua.badinh', { queue: 'all', q: '001190099003' })).total).toBe(0);
  });

  it('lets a leader assign several dossiers at once; each is refused or done on its own', async () => {
    const res = await w.sys.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers/bulk-assign',
      headers: auth(w, 'lanhdao.hoankiem'),
      payload: { ids: [early.id, late.id, finished.id], assignee: 'chuyenvien.hoankiem' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assigned).toBe(2);
    expect(res.json().results).toEqual([
      { id: early.id, ok: true },
      { id: late.id, ok: true },
      expect.objectContaining({ id: finished.id, ok: false, code: 'ACTION_NOT_ALLOWED' }),
    ]);
    const me = (await list('chuyenvien.hoankiem', { queue: 'mine' })).items.map((i) => i.id);
    expect(me).toEqual(expect.arrayContaining([early.id, late.id]));
    // filter by officer: the assigned specialist's user id
    const [spec] = await w.sys.ctx.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'chuyenvien.hoankiem'`);
    const mine = await list('lanhdao.hoankiem', { queue: 'agency', assignee: spec.id, procedure: '1.004873' });
    expect(ids(mine).sort()).toEqual([early.id, late.id].sort());
    const desk = await w.sys.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers/bulk-assign',
      headers: auth(w, 'motcua.hoankiem'),
      payload: { ids: [late.id], assignee: 'chuyenvien.hoankiem' },
    });
    expect(desk.json().results[0]).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('reading a dossier takes no processing lock; claiming it for an action does', async () => {
    expect((await read(w, 'chuyenvien.hoankiem', late.id)).statusCode).toBe(200);
    expect((await read(w, 'lanhdao.hoankiem', late.id)).json().lock).toBeNull();
    const claim = await w.sys.app.inject({ method: 'POST', url: `/api/v1/dossiers/${late.id}/lock`, headers: auth(w, 'chuyenvien.hoankiem'), payload: {} });
    expect(claim.statusCode).toBe(200);
    expect((await read(w, 'lanhdao.hoankiem', late.id)).json().lock).toMatchObject({ holder: { name: 'Lê Thu Hà' } });
  });
});

describe('uploads still count', () => {
  it('receives a dossier whose components are scanned files (no paper record)', async () => {
    const documents = [];
    for (const c of birth.components.filter((x) => x.required)) documents.push({ componentCode: c.code, fileId: await uploadPdf(w, 'motcua.hoankiem') });
    const res = await post('motcua.hoankiem', counterBody(birth, { fields: BIRTH_FIELDS, documents }));
    expect(res.statusCode, res.body).toBe(201);
    expect((await actOk(w, 'motcua.hoankiem', res.json().id, { action: 'receive' })).status).toBe('RECEIVED');
    expect((await read(w, 'motcua.hoankiem', res.json().id)).json().intake).toBeNull();
  });
});
