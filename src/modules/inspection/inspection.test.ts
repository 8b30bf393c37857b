import { describe, expect, it } from 'vitest';
import { importProcedures } from '#modules/catalog/index.ts';
import { ensureDemoAccount } from '#modules/identity/index.ts';
import { signedInCallers } from '#test/factories.ts';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { figuresScopeOf } from './figures-scope.ts';
import * as repo from './inspection.repository.ts';
import { DEMO_PLAN_ID, FOOD_PROCEDURE, HANOI_FOOD_SAFETY, seedInspection } from './seed-inspection.ts';

/**
 * Hậu kiểm through the HTTP API on the real database: a business declares food products and gets
 * the signed acknowledgement at reception, the plan draws its sample reproducibly, an inspector
 * visits, the head of inspection revokes, and the citizen, /verify and the public list show it.
 */
let sys: TestSystem;
const { as, call } = signedInCallers(() => sys);

const TINY_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
let uploads = 0;
async function upload(username: string): Promise<string> {
  const boundary = `----hk${uploads++}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cong-bo.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    Buffer.from(`${TINY_PDF}%${uploads}-${Math.random()}\n`),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await sys.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...(await as(username)), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().fileId;
}

const BUSINESS = {
  fullName: 'Công ty TNHH Thực phẩm Sạch Hà Thành',
  idNumber: '0101234567',
  phone: '0987654321',
  email: 'doanhnghiep@example.vn',
  address: { communeCode: '00070', detail: 'Số 5 phố Hàng Bài' },
};

/** The business declares one product online; the food-safety desk receives it. Returns the dossier as the business reads it. */
async function declare(product: string, category: string, procedureCode = FOOD_PROCEDURE) {
  const documents = [
    { componentCode: 'TP1', fileId: await upload('doanhnghiep') },
    { componentCode: 'TP2', fileId: await upload('doanhnghiep') },
  ];
  const submitted = await call('doanhnghiep', 'POST', '/api/v1/dossiers', {
    procedureCode,
    receivingAgency: HANOI_FOOD_SAFETY,
    channel: 'online',
    applicant: BUSINESS,
    fields: { tenSanPham: product, nhomSanPham: category, thoiHanSuDung: '12 tháng' },
    documents,
  });
  expect(submitted.statusCode, submitted.body).toBe(201);
  const id = submitted.json().id as string;
  const received = await call('motcua.attp.hanoi', 'POST', `/api/v1/dossiers/${id}/actions`, { action: 'receive' });
  expect(received.statusCode, received.body).toBe(200);
  return (await call('doanhnghiep', 'GET', `/api/v1/dossiers/${id}`)).json();
}

systemPerFile(async (s) => {
  sys = s;
  sys.clock.set(new Date('2026-03-10T09:00:00+07:00')); // a Tuesday, a working day
  await sys.ctx.db.transaction(async (tx) => {
    // another province's inspector, for isolation
    await ensureDemoAccount(tx, { username: 'thanhtra.hcm', fullName: 'Lâm Văn Tâm', role: 'inspector', agencyCode: '000.00.00.H79', provinceCode: '79' });
  });
  // a hybrid variant of the food declaration (issued at once for low risk, appraised first for high)
  await importProcedures(
    sys.ctx,
    {
      procedures: [
        {
          code: null,
          local_code: 'TEST.HYBRID',
          name_vi: 'Tiếp nhận bản công bố (thử nghiệm kết hợp)',
          level: 'tinh',
          processing_days: 5,
          processing_time_unit: 'working_days',
          components: [
            { code: 'TP1', name: 'Bản công bố', original: 1, copy: 0, required: true },
            { code: 'TP2', name: 'Phiếu kiểm nghiệm', original: 1, copy: 0, required: true },
          ],
          competent_agency_kind: 'food_safety',
          receiving_agency_kinds: ['food_safety'],
          control_mode: 'hybrid',
          online_submission: true,
        },
      ],
    },
    { source: 'test', defaultEffectiveFrom: '2025-07-01' },
  );
  await sys.ctx.db.transaction((tx) => repo.upsertProcedureSector(tx, 'TEST.HYBRID', 'an_toan_thuc_pham', 'nhomSanPham'));
}, {}, 300_000);

let first: { id: string; resultId: string };
let caseId: string;

describe('control mode on the procedure version', () => {
  it('the food self-declaration is post-control, birth registration stays pre-control', async () => {
    const food = (await call(null, 'GET', `/api/v1/procedures/${FOOD_PROCEDURE}`)).json();
    expect(food.controlMode).toBe('post');
    expect(food.legalBasis.join(' ')).toContain('15/2018/NĐ-CP');
    expect((await call(null, 'GET', '/api/v1/procedures/XA.LEHOI.TB')).json().controlMode).toBe('post');
    expect((await call(null, 'GET', '/api/v1/procedures/1.001193')).json().controlMode).toBe('pre');
  });

  it('the seed runs again without adding anything', async () => {
    const before = await sys.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM procedure_versions WHERE procedure_code = $1`, [FOOD_PROCEDURE]);
    await seedInspection(sys.ctx, { demo: true });
    const after = await sys.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM procedure_versions WHERE procedure_code = $1`, [FOOD_PROCEDURE]);
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('a post-control declaration', () => {
  it('gets its signed result the same working day, at reception (status 2 → 9)', async () => {
    const d = await declare('Sữa chua uống Hà Thành vị dâu', 'sua_va_san_pham_tu_sua');
    expect(d.statusCode).toBe(9);
    expect(d.controlMode).toBe('post');
    expect(d.code).toBeTruthy();
    expect(d.resultId).toBeTruthy();
    expect(d.finishedAt.slice(0, 10)).toBe(d.receivedAt.slice(0, 10));
    const verify = (await call(null, 'GET', `/api/v1/public/verify/${d.resultId}`)).json();
    expect(verify.valid).toBe(true);
    expect(verify.revoked).toBe(false);
    first = { id: d.id, resultId: d.resultId };
  });

  it('is frozen as declaration version 1 with its risk explained factor by factor', async () => {
    const decl = (await call('thanhtra.hanoi', 'GET', `/api/v1/inspection/declarations/${first.id}`)).json();
    expect(decl.versions).toHaveLength(1);
    expect(decl.versions[0].fields.tenSanPham).toBe('Sữa chua uống Hà Thành vị dâu');
    expect(decl.versions[0].riskFactors.map((f: { code: string }) => f.code)).toEqual(['sector', 'category']);
    expect(decl.versions[0].riskScore).toBe(45);
    expect(decl.resultId).toBe(first.resultId);
  });

  it('the inspector downloads the declared documents (the dossier itself stays closed to them); each read is audited', async () => {
    const decl = (await call('thanhtra.hanoi', 'GET', `/api/v1/inspection/declarations/${first.id}`)).json();
    const { fileId, componentCode } = decl.versions[0].documents[0];
    expect((await call('thanhtra.hanoi', 'GET', `/api/v1/dossiers/${first.id}/files/${fileId}`)).statusCode).toBe(404);
    const res = await call('thanhtra.hanoi', 'GET', `/api/v1/inspection/declarations/${first.id}/files/${fileId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cong-bo.pdf"/);
    expect(res.body.startsWith('%PDF-1.4')).toBe(true);
    const [row] = await sys.ctx.db.query<{ data: Record<string, unknown> }>("SELECT data FROM audit_log WHERE action = 'inspection.declaration_file_read' AND chain = $1", [`dossier:${first.id}`]);
    expect(row.data).toEqual({ fileId, componentCode });
    // a file that is not one of the declaration's documents (the business's other upload): 404 with its own code
    const other = await upload('doanhnghiep');
    const stray = await call('thanhtra.hanoi', 'GET', `/api/v1/inspection/declarations/${first.id}/files/${other}`);
    expect([stray.statusCode, stray.json().error.code]).toEqual([404, 'DECLARATION_FILE_NOT_FOUND']);
    // the declarant reads its own, unaudited
    expect((await call('doanhnghiep', 'GET', `/api/v1/inspection/declarations/${first.id}/files/${fileId}`)).statusCode).toBe(200);
  });

  it('a pre-control dossier is not touched: received, status 2, no result', async () => {
    const [row] = await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inspection_declarations WHERE procedure_code <> $1', [FOOD_PROCEDURE]);
    expect(row.n).toBe(0);
  });
});

describe('the sampling plan', () => {
  it('draws reproducibly (same seed, same sample) and respects the random minimum', async () => {
    for (const [name, category] of [
      ['Nước ép táo Hà Thành', 'do_uong'],
      ['Bánh quy bơ Hà Thành', 'banh_mut_keo'],
      ['Kẹo gừng Hà Thành', 'banh_mut_keo'],
      ['Giò lụa Hà Thành', 'thit_va_san_pham_tu_thit'],
    ]) {
      await declare(name, category);
    }
    const plans = (await call('lanhdao.thanhtra.hanoi', 'GET', '/api/v1/inspection/plans')).json().items;
    expect(plans.map((p: { id: string }) => p.id)).toContain(DEMO_PLAN_ID);
    const a = await call('lanhdao.thanhtra.hanoi', 'POST', `/api/v1/inspection/plans/${DEMO_PLAN_ID}/draw`, { seed: 'hk-2026-03' });
    expect(a.statusCode, a.body).toBe(201);
    const draw = a.json();
    expect(draw.population).toBe(5);
    expect(draw.minimum).toBe(1); // ⌈5 % × 5⌉
    expect(draw.items.filter((i: { reasons: { code: string }[] }) => i.reasons.some((r) => r.code === 'random'))).toHaveLength(draw.minimum);
    for (const item of draw.items) expect(item.reasons.length).toBeGreaterThan(0);
    const again = await call('lanhdao.thanhtra.hanoi', 'POST', `/api/v1/inspection/plans/${DEMO_PLAN_ID}/draw`, { seed: 'hk-2026-03' });
    expect(again.statusCode).toBe(200);
    expect(again.json().items).toEqual(draw.items);
    // the draw is a pure function of the seed: recomputed from scratch it picks the same declarations
    const { drawSample } = await import('./risk.ts');
    const population = await repo.population(sys.ctx.db, HANOI_FOOD_SAFETY, 'an_toan_thuc_pham', '2026-01-01', '2026-12-31');
    const recomputed = drawSample(population, { minRandomPercent: 5, highRiskThreshold: 60, seed: 'hk-2026-03' });
    expect(recomputed.items.map((i) => i.dossierId)).toEqual(draw.items.map((i: { dossierId: string }) => i.dossierId));
    // seeds differ → at least one seed of a few picks another declaration
    const picks = new Set<string>();
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) picks.add(drawSample(population, { minRandomPercent: 5, highRiskThreshold: 60, seed }).items[0].dossierId);
    expect(picks.size).toBeGreaterThan(1);
    // an inspector reads the draw but does not draw
    expect((await call('thanhtra.hanoi', 'POST', `/api/v1/inspection/plans/${DEMO_PLAN_ID}/draw`, { seed: 'x' })).statusCode).toBe(403);
  });
});

describe('an inspection case from complaint to revocation', () => {
  it('opens (idempotent), is assigned, visited, concluded with a sanction and revokes the result', async () => {
    const created = await call('lanhdao.thanhtra.hanoi', 'POST', '/api/v1/inspection/cases', { dossierId: first.id, reason: 'Phản ánh của người tiêu dùng: sản phẩm có dấu hiệu hư hỏng trước hạn', origin: 'complaint' });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
    expect(created.json().status).toBe('open');
    expect(created.json().dueDate > '2026-03-10').toBe(true);
    const twice = await call('lanhdao.thanhtra.hanoi', 'POST', '/api/v1/inspection/cases', { dossierId: first.id, reason: 'Phản ánh lần hai' });
    expect(twice.statusCode).toBe(200);
    expect(twice.json().id).toBe(caseId);

    const act = (username: string, body: unknown) => call(username, 'POST', `/api/v1/inspection/cases/${caseId}/actions`, body);
    expect((await act('thanhtra.hanoi', { action: 'assign', inspector: 'thanhtra.hanoi' })).statusCode).toBe(403);
    const assigned = await act('lanhdao.thanhtra.hanoi', { action: 'assign', inspector: 'thanhtra.hanoi' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().inspector.username).toBe('thanhtra.hanoi');
    expect((await act('thanhtra.hanoi', { action: 'conclude', conclusion: 'compliant' })).json().error.code).toBe('VISIT_NOT_RECORDED');
    const photo = await upload('thanhtra.hanoi');
    const visit = {
      action: 'record_visit',
      at: '2026-03-12T09:30:00+07:00',
      place: 'Cơ sở sản xuất, số 5 phố Hàng Bài, Hoàn Kiếm, Hà Nội',
      participants: ['Đoàn Văn Khải (thanh tra)', 'Nguyễn Văn An (giám đốc cơ sở)'],
      findings: 'Nhãn ghi hạn sử dụng 12 tháng, phiếu kiểm nghiệm chỉ xác nhận 6 tháng; mẫu lưu có chỉ tiêu vi sinh vượt ngưỡng.',
      checklist: [
        { code: 'nhan', ok: false, note: 'Hạn sử dụng trên nhãn khác bản công bố' },
        { code: 'kiem_nghiem', ok: false },
      ],
      files: [photo],
    };
    expect((await act('thanhtra.hanoi', visit)).json().status).toBe('visited');
    await act('thanhtra.hanoi', visit); // a retry records nothing new
    // the head of inspection downloads the photo the inspector attached (GET /api/v1/files is the uploader's only); audited on the case's chain
    expect((await call('lanhdao.thanhtra.hanoi', 'GET', `/api/v1/files/${photo}`)).statusCode).toBe(404);
    const photoRead = await call('lanhdao.thanhtra.hanoi', 'GET', `/api/v1/inspection/cases/${caseId}/files/${photo}`);
    expect(photoRead.statusCode, photoRead.body).toBe(200);
    expect(photoRead.body.startsWith('%PDF-1.4')).toBe(true);
    const [photoAudit] = await sys.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'inspection.case_file_read' AND chain = $1", [`inspection-case:${caseId}`]);
    expect(photoAudit.n).toBe(1);
    const notAttached = await call('lanhdao.thanhtra.hanoi', 'GET', `/api/v1/inspection/cases/${caseId}/files/${await upload('thanhtra.hanoi')}`);
    expect([notAttached.statusCode, notAttached.json().error.code]).toEqual([404, 'CASE_FILE_NOT_FOUND']);
    expect((await call('thanhtra.hcm', 'GET', `/api/v1/inspection/cases/${caseId}/files/${photo}`)).statusCode).toBe(404);
    expect((await act('thanhtra.hanoi', { action: 'conclude', conclusion: 'sanction' })).json().error.code).toBe('LEGAL_BASIS_REQUIRED');
    const concluded = await act('thanhtra.hanoi', {
      action: 'conclude',
      conclusion: 'sanction',
      legalBasis: 'Điều 20 Nghị định 115/2018/NĐ-CP (sửa đổi bởi Nghị định 124/2021/NĐ-CP)',
      fineVnd: 30_000_000,
      measures: 'Buộc thu hồi sản phẩm; thu hồi giấy xác nhận tiếp nhận bản tự công bố',
    });
    expect(concluded.statusCode, concluded.body).toBe(200);
    expect(concluded.json().conclusion).toBe('sanction');
    expect(concluded.json().allowedActions).toEqual([]); // the inspector does not revoke
    expect((await act('thanhtra.hanoi', { action: 'revoke_result', reason: 'x' })).statusCode).toBe(403);
    const reason = 'Sản phẩm không phù hợp bản tự công bố (kết luận hậu kiểm)';
    const revoked = await act('lanhdao.thanhtra.hanoi', { action: 'revoke_result', reason });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().resultRevoked).toBe(true);
    expect((await act('lanhdao.thanhtra.hanoi', { action: 'revoke_result', reason })).statusCode).toBe(200); // a retry
    const log = revoked.json().log.map((l: { action: string }) => l.action);
    expect(log).toEqual(['create', 'assign', 'record_visit', 'conclude', 'revoke_result']);

    // /verify, the citizen's dossier, the public list, the declarant's notice
    const verify = (await call(null, 'GET', `/api/v1/public/verify/${first.resultId}`)).json();
    expect(verify.revoked).toBe(true);
    expect(verify.revocationReason).toBe(reason);
    const mine = (await call('doanhnghiep', 'GET', `/api/v1/dossiers/${first.id}`)).json();
    expect(mine.result.revoked).toBe(true);
    expect(mine.result.revocationReason).toBe(reason);
    const list = (await call(null, 'GET', '/api/v1/public/revoked-results')).json();
    expect(list.items.map((i: { resultId: string }) => i.resultId)).toContain(first.resultId);
    expect(JSON.stringify(list)).not.toContain('0101234567');
    const [notice] = await sys.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'notice.users' AND key = $1`,
      [`inspection:${caseId}:revoke_result`],
    );
    expect(notice.n).toBe(1);
  });

  it('the province’s auditor finds the case’s rows (who read the declarant’s data, who concluded) under the dossier’s code, in words', async () => {
    const code = (await call('doanhnghiep', 'GET', `/api/v1/dossiers/${first.id}`)).json().code as string;
    const res = await call('kiemtoan.hanoi', 'GET', `/api/v1/audit/entries?dossierCode=${encodeURIComponent(code)}&action=inspection&limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { action: string; label: string; subject: { type: string; dossierCode: string | null } }[];
    const onCase = items.filter((e) => e.subject.type === 'inspection_case');
    expect(new Set(onCase.map((e) => e.action))).toEqual(new Set(['inspection.case_created', 'inspection.case_read', 'inspection.assign', 'inspection.record_visit', 'inspection.case_file_read', 'inspection.conclude', 'inspection.revoke_result']));
    expect(onCase.every((e) => e.subject.dossierCode === code)).toBe(true);
    expect(onCase.find((e) => e.action === 'inspection.record_visit')?.label).toBe('Lập biên bản kiểm tra');
    // by the declarant's identity number (tax code): the same rows, with its other declarations'
    const byPerson = await call('kiemtoan.hanoi', 'GET', `/api/v1/audit/entries?applicantId=${BUSINESS.idNumber}&action=inspection&limit=200`);
    expect(byPerson.statusCode, byPerson.body).toBe(200);
    const personRows = byPerson.json().items as { id: number; subject: { dossierCode: string | null } }[];
    expect(personRows.map((e) => e.id)).toEqual(expect.arrayContaining(items.map((e) => (e as unknown as { id: number }).id)));
    const submitted = (await call('kiemtoan.hanoi', 'GET', `/api/v1/audit/entries?applicantId=${BUSINESS.idNumber}&action=dossier.submit&limit=200`)).json().items as typeof personRows;
    expect(submitted.map((e) => e.subject.dossierCode)).toContain(code);
    expect(new Set(submitted.map((e) => e.subject.dossierCode)).size).toBeGreaterThan(1);
    expect((await call('kiemtoan.hanoi', 'GET', '/api/v1/audit/entries?applicantId=001190099999')).json().items).toEqual([]);
    expect((await call('kiemtoan.hanoi', 'GET', '/api/v1/audit/entries?applicantId=1%3B%20drop')).statusCode).toBe(400);
    // another province's auditor is told the dossier does not exist
    await sys.ctx.db.transaction((tx) => ensureDemoAccount(tx, { username: 'kiemtoan.hcm', fullName: 'Hồ Văn Kiểm', role: 'auditor', agencyCode: '000.00.00.H79', provinceCode: '79' }));
    expect((await call('kiemtoan.hcm', 'GET', `/api/v1/audit/entries?dossierCode=${encodeURIComponent(code)}`)).statusCode).toBe(404);
    // nor sees any of the person's rows
    expect((await call('kiemtoan.hcm', 'GET', `/api/v1/audit/entries?applicantId=${BUSINESS.idNumber}`)).json().items).toEqual([]);
  });

  it('the declarant’s history raises the next declaration’s risk into the sample', async () => {
    const next = await declare('Nước mơ Hà Thành', 'do_uong');
    const decl = (await call('thanhtra.hanoi', 'GET', `/api/v1/inspection/declarations/${next.id}`)).json();
    const factors = decl.versions[0].riskFactors;
    expect(factors.map((f: { code: string }) => f.code)).toEqual(['sector', 'category', 'violations']);
    expect(decl.versions[0].riskScore).toBe(20 + 10 + 30);
    const draw = (await call('lanhdao.thanhtra.hanoi', 'POST', `/api/v1/inspection/plans/${DEMO_PLAN_ID}/draw`, { seed: 'after-violation' })).json();
    const item = draw.items.find((i: { dossierId: string }) => i.dossierId === next.id);
    expect(item.reasons.map((r: { code: string }) => r.code)).toContain('high_risk');
  });

  it('a hybrid declaration is issued at once at low risk and appraised first at high risk', async () => {
    const other = await call('doanhnghiep', 'POST', '/api/v1/dossiers', {
      procedureCode: 'TEST.HYBRID',
      receivingAgency: HANOI_FOOD_SAFETY,
      channel: 'online',
      applicant: { ...BUSINESS, idNumber: '0101234567' },
      fields: { nhomSanPham: 'sua_va_san_pham_tu_sua' },
      documents: [
        { componentCode: 'TP1', fileId: await upload('doanhnghiep') },
        { componentCode: 'TP2', fileId: await upload('doanhnghiep') },
      ],
    });
    expect(other.statusCode, other.body).toBe(201);
    await call('motcua.attp.hanoi', 'POST', `/api/v1/dossiers/${other.json().id}/actions`, { action: 'receive' });
    const high = (await call('doanhnghiep', 'GET', `/api/v1/dossiers/${other.json().id}`)).json();
    expect(high.statusCode).toBe(2); // 20 + 25 + 30 ≥ 60: appraised first
    expect(high.resultId).toBeNull();
  });

  it('a correction is a new version; the history is kept; a retry adds nothing', async () => {
    const d = await declare('Trà xanh Hà Thành', 'do_uong');
    const fix = { fields: { thoiHanSuDung: '9 tháng' }, reason: 'Điều chỉnh thời hạn sử dụng theo kết quả kiểm nghiệm mới' };
    const res = await call('doanhnghiep', 'POST', `/api/v1/inspection/declarations/${d.id}/corrections`, fix);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().versions.map((v: { fields: { thoiHanSuDung: string } }) => v.fields.thoiHanSuDung)).toEqual(['12 tháng', '9 tháng']);
    expect((await call('doanhnghiep', 'POST', `/api/v1/inspection/declarations/${d.id}/corrections`, fix)).statusCode).toBe(200);
    expect((await call('congdan', 'POST', `/api/v1/inspection/declarations/${d.id}/corrections`, fix)).statusCode).toBe(404);
  });
});

describe('isolation', () => {
  it('another province’s inspector, the desk and a citizen get 404 on the case and see no plan', async () => {
    const { fileId } = (await call('thanhtra.hanoi', 'GET', `/api/v1/inspection/declarations/${first.id}`)).json().versions[0].documents[0];
    for (const username of ['thanhtra.hcm', 'motcua.attp.hanoi', 'congdan']) {
      expect((await call(username, 'GET', `/api/v1/inspection/cases/${caseId}`)).statusCode, username).toBe(404);
      expect((await call(username, 'POST', `/api/v1/inspection/cases/${caseId}/actions`, { action: 'assign', inspector: 'thanhtra.hcm' })).statusCode, username).toBe(404);
      expect((await call(username, 'GET', `/api/v1/inspection/declarations/${first.id}`)).statusCode, username).toBe(404);
      expect((await call(username, 'GET', `/api/v1/inspection/declarations/${first.id}/files/${fileId}`)).statusCode, username).toBe(404);
      expect((await call(username, 'POST', `/api/v1/inspection/plans/${DEMO_PLAN_ID}/draw`, {})).statusCode, username).toBe(404);
      expect((await call(username, 'GET', '/api/v1/inspection/plans')).json().items).toEqual([]);
      expect((await call(username, 'POST', '/api/v1/inspection/cases', { dossierId: first.id, reason: 'x' })).statusCode, username).toBe(404);
    }
    expect((await call('thanhtra.hanoi', 'GET', `/api/v1/inspection/cases/${caseId}`)).statusCode).toBe(200);
  });
});

describe('command center figures', () => {
  it('counts declarations, the inspected share, violations and days to inspection', async () => {
    const f = (await call('lanhdao.thanhtra.hanoi', 'GET', '/api/v1/inspection/figures?from=2026-01-01&to=2026-12-31')).json();
    expect(f.scope.province).toBe('01');
    expect(f.declarations).toBe(8); // 5 + the one after the violation + the hybrid + the corrected one
    expect(f.inspected).toBe(1);
    expect(f.concluded).toBe(1); // the violation rate's denominator: without a concluded case the rate is no figure, not 0 %
    expect(f.violations).toBe(1);
    expect(f.violationRate).toBe(1);
    expect(f.averageDaysToInspection).toBe(0);
    expect(f.proceduresUnderPostControl).toBeGreaterThanOrEqual(2);
    expect(f.postControlShare).toBeGreaterThan(0);
    expect((await call('thanhtra.hcm', 'GET', '/api/v1/inspection/figures?province=01')).statusCode).toBe(403);
    expect((await call('congdan', 'GET', '/api/v1/inspection/figures')).statusCode).toBe(403);
  });

  it('answers exactly where the command center’s rule over /me’s grants says it may ask (so it never asks for a 403)', async () => {
    const cases: [string, string | undefined, 200 | 403][] = [
      ['lanhdao.hoankiem', '01', 403], // a commune leader: the command center, but no post-control figures
      ['lanhdao.hoankiem', undefined, 403],
      ['lanhdao.hanoi', '01', 200],
      ['lanhdao.hanoi', '79', 403],
      ['lanhdao.thanhtra.hanoi', undefined, 200],
      ['thanhtra.hcm', '01', 403],
      ['giamsat.quocgia', '79', 200],
      ['giamsat.quocgia', undefined, 200],
      ['congdan', undefined, 403],
    ];
    for (const [user, province, status] of cases) {
      const me = (await call(user, 'GET', '/api/v1/me')).json();
      const grants = (me.user ?? me).grants as { role: string; provinceCode: string | null }[];
      const res = await call(user, 'GET', `/api/v1/inspection/figures${province ? `?province=${province}` : ''}`);
      expect(res.statusCode, `${user} ${province}`).toBe(status);
      expect(figuresScopeOf(grants, province) !== undefined, `${user} ${province}`).toBe(status === 200);
    }
  });
});
