import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { act, actOk, auth, buildWorld, pdfText, procedure, type ProcedureInfo, setNow, submit, type World } from './test-factories.ts';

/** The TT 01/2018 forms of a dossier read back with pdftotext (issue 11 item 6, issue 12 item 12). */
let sys: TestSystem;
let w: World;
let proc: ProcedureInfo & { components: { code: string; name: string; required: boolean }[]; legalBasis: string[] };

beforeAll(async () => {
  sys = await createTestSystem();
  w = await buildWorld(sys);
  proc = (await procedure(w, '1.004873')) as typeof proc;
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

const form = async (id: string, name: string, user: 'congdan' | 'motcua.hoankiem' = 'motcua.hoankiem') => {
  const res = await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/documents/${name}.pdf`, headers: auth(w, user) });
  expect(res.statusCode, `${name}: ${res.body.slice(0, 200)}`).toBe(200);
  return pdfText(res.rawPayload);
};
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

describe('Mẫu 01 receipt', () => {
  it('prints the full address, the book volume and number, the fee, the place before the date and the return method chosen', async () => {
    setNow(w, '2026-03-16T09:00:00+07:00');
    const required = proc.components.filter((c) => c.required).map((c) => c.code);
    const d = await submit(w, { procedure: proc, components: required, body: { fields: { resultDelivery: 'buu_chinh' } } });
    const received = await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    const text = await form(d.id, 'receipt');
    expect(text).toContain('Địa chỉ: Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội');
    expect(text).toMatch(/Quyển số: 2026, Số thứ tự: \d+/);
    expect(text).toContain('Hoàn Kiếm, ngày 16 tháng 03 năm 2026');
    expect(text).toContain('Hình thức nhận kết quả: Nhận kết quả qua dịch vụ bưu chính công ích tại địa chỉ: Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội');
    expect(text).toMatch(/7\. Phí, lệ phí: \S/);
    expect(text).not.toMatch(ISO_DATE);
    // an optional paper not handed in has no row
    for (const c of proc.components.filter((c) => !c.required)) expect(text).not.toContain(c.name);
    // public tracking follows the same choice (and never shows the address)
    const tracking = (await sys.app.inject({ method: 'GET', url: `/api/v1/public/tracking/${encodeURIComponent(received.code!)}` })).json();
    expect(tracking.returnMethod).toBe('buu_chinh');
    expect(JSON.stringify(tracking)).not.toContain('Tràng Tiền');
  });

  it('at the desk by default, online when chosen, the book number growing', async () => {
    setNow(w, '2026-03-17T09:00:00+07:00');
    const a = await submit(w, { procedure: proc });
    await actOk(w, 'motcua.hoankiem', a.id, { action: 'receive' });
    const b = await submit(w, { procedure: proc, body: { fields: { resultDelivery: 'truc_tuyen' } } });
    await actOk(w, 'motcua.hoankiem', b.id, { action: 'receive' });
    const ta = await form(a.id, 'receipt');
    const tb = await form(b.id, 'receipt');
    expect(ta).toContain('Hình thức nhận kết quả: Nhận trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả — Ủy ban nhân dân Phường Hoàn Kiếm');
    expect(tb).toContain('Hình thức nhận kết quả: Nhận kết quả trực tuyến');
    const num = (t: string) => Number(t.match(/Số thứ tự: (\d+)/)?.[1]);
    expect(num(tb)).toBe(num(ta) + 1);
  });
});

describe('Mẫu 02, 03, 05', () => {
  it('Mẫu 02 gives the reason once and lists the missing papers', async () => {
    setNow(w, '2026-03-18T09:00:00+07:00');
    const d = await submit(w, { procedure: proc });
    const missing = proc.components.filter((c) => c.required).slice(0, 2);
    const reason = 'Bản sao chưa được chứng thực theo quy định';
    const res = await act(w, 'motcua.hoankiem', d.id, { action: 'request_supplement', reason, components: missing.map((c) => c.code) });
    expect(res.statusCode, res.body).toBe(200);
    const text = await form(d.id, 'supplement-notice');
    expect(text.split(reason).length - 1).toBe(1);
    for (const c of missing) expect(text).toContain(c.name);
    expect(text).toContain('Hoàn Kiếm, ngày 18 tháng 03 năm 2026');
    expect(text).not.toMatch(ISO_DATE);
  });

  it('Mẫu 03 names the legal text it relies on', async () => {
    setNow(w, '2026-03-19T09:00:00+07:00');
    const d = await submit(w, { procedure: proc });
    const res = await act(w, 'motcua.hoankiem', d.id, { action: 'reject', reason: 'Thủ tục không thuộc thẩm quyền giải quyết' });
    expect(res.statusCode, res.body).toBe(200);
    const text = await form(d.id, 'refusal-notice');
    expect(proc.legalBasis.length).toBeGreaterThan(0);
    expect(text).toContain(`Căn cứ ${proc.legalBasis[0]}`);
    expect(text).not.toMatch(ISO_DATE);
  });

  it('Mẫu 05 prints dates as dd/mm/yyyy, never ISO', async () => {
    setNow(w, '2026-03-20T09:00:00+07:00');
    const d = await submit(w, { procedure: proc });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    const text = await form(d.id, 'control-slip');
    expect(text).toMatch(/\d{2}\/\d{2}\/2026/);
    expect(text).toContain('chuyển xử lý trước ngày 20/03/2026'); // the step's note too
    expect(text).not.toMatch(ISO_DATE);
  });
});
