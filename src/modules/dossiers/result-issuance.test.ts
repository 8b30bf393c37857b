import { beforeAll, describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { act, actOk, approved, auth, type DossierView, pdfText, procedure, read, setNow, submit, uploadPdf, type World, worldPerFile } from '#test/factories.ts';

/** Phát hành kết quả by the clerk (văn thư): the agency setting 'by_clerk' and the action issue_result. */
const PROC = '1.004873'; // Xác nhận tình trạng hôn nhân

let sys: TestSystem;
let w: World;

worldPerFile(async (s, world) => {
  [sys, w] = [s, world];
  setNow(w, '2026-03-16T08:30:00+07:00');
});

const settings = (user: 'admin' | 'motcua.hoankiem', body?: Record<string, unknown>) =>
  sys.app.inject({
    method: body ? 'PUT' : 'GET',
    url: `/api/v1/admin/agencies/${w.agency.hoankiem}/settings`,
    headers: auth(w, user),
    ...(body ? { payload: body } : {}),
  });

const resultPdf = (id: string) => sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/result.pdf`, headers: auth(w, 'congdan') });

/** A dossier the leader approved (`approved`), with a note. */
const approvedNow = async () => approved(w, { procedure: await procedure(w, PROC) }, { note: 'Đủ điều kiện xác nhận.' });

describe('the agency setting', () => {
  it('issues on approval by default: the desk may return at once', async () => {
    expect((await settings('admin')).json()).toMatchObject({ resultIssuance: 'on_approval', updatedAt: null });
    const d = await approvedNow();
    expect(d.statusCode).toBe(9);
    expect((await read(w, 'motcua.hoankiem', d.id)).json().allowedActions).toEqual(['return_result']);
    expect((await resultPdf(d.id)).statusCode).toBe(200);
  });

  it('is edited by the administrator only, validated and audited once per change', async () => {
    expect((await settings('motcua.hoankiem', { resultIssuance: 'by_clerk' })).statusCode).toBe(403);
    const bad = await settings('admin', { resultIssuance: 'sometimes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const first = await settings('admin', { resultIssuance: 'by_clerk' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().resultIssuance).toBe('by_clerk');
    expect((await settings('admin', { resultIssuance: 'by_clerk' })).statusCode).toBe(200); // retry: no second change
    const rows = await sys.ctx.db.query<{ data: { resultIssuance: { from: string; to: string } } }>(
      `SELECT data FROM audit_log WHERE chain = $1 ORDER BY seq`,
      [`agency-settings:${w.agency.hoankiem}`],
    );
    expect(rows.map((r) => r.data.resultIssuance)).toEqual([{ from: 'on_approval', to: 'by_clerk' }]);
    const missing = await sys.app.inject({ method: 'GET', url: '/api/v1/admin/agencies/KHONG-CO/settings', headers: auth(w, 'admin') });
    expect(missing.statusCode).toBe(404);
  });
});

describe('issuance by the clerk', () => {
  let d: DossierView;
  beforeAll(async () => {
    expect((await settings('admin', { resultIssuance: 'by_clerk' })).statusCode).toBe(200);
    d = await approvedNow();
  });

  it('keeps the contract at approval (status 9) but holds the result until the clerk issues it', async () => {
    expect(d.status).toBe('RESULT_READY');
    expect(d.statusCode).toBe(9);
    const desk = (await read(w, 'motcua.hoankiem', d.id)).json();
    expect(desk.allowedActions).toEqual([]);
    expect(desk.result).toBeNull();
    expect(desk.awaitingIssueBy.code).toBe(w.agency.hoankiem);
    const refused = await act(w, 'motcua.hoankiem', d.id, { action: 'return_result' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('RESULT_NOT_ISSUED');
    const pdf = await resultPdf(d.id);
    expect(pdf.statusCode).toBe(409);
    expect(pdf.json().error.code).toBe('RESULT_NOT_ISSUED');
  });

  it('shows it in the clerk’s queue and lets only the clerk issue it', async () => {
    const queue = await sys.app.inject({ method: 'GET', url: '/api/v1/dossiers?queue=to_issue', headers: auth(w, 'vanthu.hoankiem') });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(d.id);
    expect(queue.json().counts.to_issue).toBe(1);
    expect((await read(w, 'vanthu.hoankiem', d.id)).json().allowedActions).toEqual(['issue_result']);
    expect((await act(w, 'motcua.hoankiem', d.id, { action: 'issue_result' })).statusCode).toBe(403);
    expect((await act(w, 'motcua.badinh', d.id, { action: 'issue_result' })).statusCode).toBe(404);
  });

  it('numbers, dates and signs it in the register, naming the approving leader; idempotent under retry', async () => {
    setNow(w, '2026-03-17T09:00:00+07:00');
    const key = { 'idempotency-key': `phat-hanh-${d.id}` };
    const first = await act(w, 'vanthu.hoankiem', d.id, { action: 'issue_result' }, key);
    expect(first.statusCode, first.body).toBe(200);
    const again = await act(w, 'vanthu.hoankiem', d.id, { action: 'issue_result' }, key);
    expect(again.statusCode).toBe(200);
    expect(again.json().history.filter((h: { action: string }) => h.action === 'issue_result')).toHaveLength(1);
    const plainRetry = await act(w, 'vanthu.hoankiem', d.id, { action: 'issue_result' });
    expect(plainRetry.statusCode).toBe(409);
    expect(plainRetry.json().error.code).toBe('RESULT_ALREADY_ISSUED');

    const view = first.json();
    expect(view.status).toBe('RESULT_READY');
    expect(view.awaitingIssueBy).toBeNull();
    expect(view.result.number).toMatch(/^\d{5}\/2026\/KQ-/);
    expect(view.history.at(-1)).toMatchObject({ action: 'issue_result', by: 'Đỗ Thị Lan' });
    const [row] = await sys.ctx.db.query<{ issued_by: string; issued_at: Date }>('SELECT issued_by, issued_at FROM results WHERE dossier_id = $1', [d.id]);
    const [clerk] = await sys.ctx.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'vanthu.hoankiem'");
    expect(row.issued_by).toBe(clerk.id);

    const pdf = await resultPdf(d.id);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Phạm Quốc Hùng'); // the approving leader signs
    expect(text).toContain(view.result.number);
    expect(text).toContain('Ngày quyết định: 16/03/2026');
    expect(text).toContain('Ngày phát hành: 17/03/2026');
    expect(text).toContain('Đủ điều kiện xác nhận.');
  });

  it('then lets the desk return it, recording who collected it', async () => {
    expect((await read(w, 'motcua.hoankiem', d.id)).json().allowedActions).toEqual(['return_result']);
    const returned = await actOk(w, 'motcua.hoankiem', d.id, {
      action: 'return_result',
      collectedBy: { fullName: 'Nguyễn Thị Ánh Tuyết', idNumber: '001190012345' },
    });
    expect(returned.statusCode).toBe(10);
  });
});

describe('the result file (issue 13, D9)', () => {
  it("refuses somebody else's upload as the result, and accepts the leader's own", async () => {
    const d = await submit(w, { procedure: await procedure(w, PROC) });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    const someoneElses = await uploadPdf(w, 'motcua.badinh');
    const refused = await act(w, 'lanhdao.hoankiem', d.id, { action: 'approve', resultFileId: someoneElses });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.details[0].field).toBe('resultFileId');
    const own = await uploadPdf(w, 'lanhdao.hoankiem');
    const accepted = await act(w, 'lanhdao.hoankiem', d.id, { action: 'approve', resultFileId: own });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });
});
