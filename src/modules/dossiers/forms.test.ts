import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { statusChangedMessage } from '#modules/notifications/index.ts';
import type { DossierStatusChangedPayload } from './dossiers.events.ts';
import { act, actOk, APPLICANT, approved, auth, pdfText, procedure, type ProcedureInfo, read, setNow, submit, uploadPdf, workingDayAt, type World, worldPerFile } from '#test/factories.ts';

/** The TT 01/2018 forms of a dossier read back with pdftotext (issue 11 item 6, issue 12 item 12). */
let sys: TestSystem;
let w: World;
let proc: ProcedureInfo & { components: { code: string; name: string; required: boolean }[]; legalBasis: string[] };

worldPerFile(async (s, world) => {
  [sys, w] = [s, world];
  proc = (await procedure(w, '1.004873')) as typeof proc;
}, {}, 60_000);

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
    // the officers' view: where the post goes, the applicant's full address
    expect((await read(w, 'motcua.hoankiem', d.id)).json().returnAddress).toBe('Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội');
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

describe('Mẫu 01 address read from the ID card', () => {
  it('names the ward and the city once when the address already ends with them', async () => {
    setNow(w, '2026-03-17T10:00:00+07:00');
    const detail = 'Số 14 phố Hàng Bạc, Phường Hoàn Kiếm, Hà Nội';
    const d = await submit(w, { procedure: proc, body: { applicant: { ...APPLICANT, address: { communeCode: '00070', detail } } } });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    const text = await form(d.id, 'receipt');
    expect(text).toContain(`Địa chỉ: ${detail}`);
    expect(text).not.toContain('Hà Nội, Phường Hoàn Kiếm');
    expect(text).not.toContain('Hà Nội, Thành phố Hà Nội');
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

describe('Mẫu 02 during appraisal and after a partial answer; Mẫu 04 sent late (issue 11 items 6, 2, 3)', () => {
  it('Mẫu 02 of the appraisal goes out through the Bộ phận Một cửa, signed by a desk officer, never by the specialist', async () => {
    setNow(w, '2026-03-23T09:00:00+07:00');
    const d = await submit(w, { procedure: proc });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    const tp1 = proc.components.find((c) => c.required)!;
    const asked = await act(w, 'chuyenvien.hoankiem', d.id, { action: 'request_supplement', reason: 'Giấy tờ đã hết hạn sử dụng', components: [tp1.code] });
    expect(asked.statusCode, asked.body).toBe(200);
    for (const user of ['motcua.hoankiem', 'congdan'] as const) {
      const text = await form(d.id, 'supplement-notice', user);
      expect(text).toContain('Trong quá trình thẩm định, Ủy ban nhân dân Phường Hoàn Kiếm đề nghị bổ sung, hoàn thiện hồ sơ. Lý do: Giấy tờ đã hết hạn sử dụng');
      expect(text).toContain(tp1.name);
      expect(text).toContain('BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
      // the desk officer's name under the desk's signature (the one printing it, or who received the dossier)
      expect(text).toMatch(/\(Ký, ghi rõ họ tên\) Trần Minh Anh/);
      expect(text).not.toContain('Lê Thu Hà');
      expect(text).not.toContain('NGƯỜI HƯỚNG DẪN, TIẾP NHẬN HỒ SƠ');
      expect(text).not.toMatch(ISO_DATE);
    }
  });

  it('Mẫu 02 printed after a partial answer says what has arrived and what is still missing', async () => {
    setNow(w, '2026-03-24T09:00:00+07:00');
    const two = (await procedure(w, '2.000815')) as typeof proc;
    const [tp1, tp2] = two.components.filter((c) => c.required);
    const d = await submit(w, { user: 'motcua.hoankiem', procedure: two, components: [] });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'request_supplement', reason: 'Thiếu giấy tờ', components: [tp1.code, tp2.code] });
    const first = await form(d.id, 'supplement-notice');
    expect(first).not.toContain('Còn thiếu');
    setNow(w, '2026-03-25T10:30:00+07:00');
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'submit_supplement', documents: [{ componentCode: tp1.code, fileId: await uploadPdf(w, 'motcua.hoankiem') }] });
    const partial = await form(d.id, 'supplement-notice');
    expect(partial).toContain(`Đến 10 giờ 30 phút, ngày 25/03/2026, Ông/Bà đã nộp bổ sung: ${tp1.name}.`);
    expect(partial).toContain(`Còn thiếu: ${tp2.name}.`);
    // the notice itself is unchanged: the same reason once, both papers listed, its own date
    expect(partial.split('Lý do: Thiếu giấy tờ').length - 1).toBe(1);
    expect(partial).toContain('Hoàn Kiếm, ngày 24 tháng 03 năm 2026');
    setNow(w, '2026-03-26T08:00:00+07:00');
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'submit_supplement', documents: [{ componentCode: tp2.code, fileId: await uploadPdf(w, 'motcua.hoankiem') }] });
    const complete = await form(d.id, 'supplement-notice');
    expect(complete).toContain(`đã nộp bổ sung: ${tp1.name}; ${tp2.name}.`);
    expect(complete).toContain('Hồ sơ đã được bổ sung đầy đủ.');
    expect(complete).not.toContain('Còn thiếu');
  });

  it('Mẫu 04 says when it was sent late, and after the appointment; one sent in time says nothing of the kind', async () => {
    const received = async (at: string) => {
      setNow(w, at);
      const d = await submit(w, { procedure: proc });
      await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
      return actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    };
    const later = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
    const LATE = /Phiếu này được gửi muộn \(lúc \d{2} giờ \d{2} phút, ngày \d{2}\/\d{2}\/\d{4}\)/;

    // in time: the day of reception, the appointment several working days ahead
    const early = await received('2026-03-30T09:00:00+07:00');
    await actOk(w, 'lanhdao.hoankiem', early.id, { action: 'extend', reason: 'Cần xác minh thêm', newDueAt: await workingDayAt(w, early.dueAt!, 3) });
    const inTime = await form(early.id, 'apology-letter');
    expect(inTime).not.toMatch(LATE);
    expect(inTime).toContain('Cần xác minh thêm');

    // on the due day itself, before the appointment: late, not overdue
    const dueDay = await received('2026-03-31T09:00:00+07:00');
    setNow(w, `${dueDay.dueDate}T08:00:00+07:00`);
    const sameDay = await actOk(w, 'lanhdao.hoankiem', dueDay.id, { action: 'extend', reason: 'Chờ ý kiến cơ quan khác', newDueAt: await workingDayAt(w, dueDay.dueAt!, 2) });
    expect(sameDay.history.find((h) => h.action === 'extend')?.late).toBe(true);
    const lateText = await form(dueDay.id, 'apology-letter');
    expect(lateText).toMatch(LATE);
    expect(lateText).toContain('sau thời hạn gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả kết quả.');
    expect(lateText).not.toContain('sau thời điểm hẹn trả kết quả');

    // after the appointment: late and overdue; printed again the next day it keeps the day it was sent
    const overdue = await received('2026-04-01T09:00:00+07:00');
    const sentAt = new Date(new Date(overdue.dueAt!).getTime() + 3_600_000);
    setNow(w, sentAt.toISOString());
    await actOk(w, 'lanhdao.hoankiem', overdue.id, { action: 'extend', reason: 'Hồ sơ phức tạp', newDueAt: await workingDayAt(w, overdue.dueAt!, 2) });
    setNow(w, later(sentAt.toISOString(), 1));
    const overdueText = await form(overdue.id, 'apology-letter');
    expect(overdueText).toMatch(LATE);
    expect(overdueText).toContain('sau thời điểm hẹn trả kết quả');
    const [y, m, dd] = overdue.dueDate!.split('-');
    expect(overdueText).toContain(`ngày ${dd} tháng ${m} năm ${y}`);
    expect(overdueText).not.toMatch(ISO_DATE);
  });
});

describe('the return method the applicant chose, wherever the result is spoken of (issue 11 item 6)', () => {
  const payloadOf = async (dossierId: string, action: string) => {
    const rows = await sys.ctx.db.query<{ payload: DossierStatusChangedPayload }>(
      `SELECT payload FROM outbox WHERE topic = 'dossier.status_changed' AND key = $1 ORDER BY id`,
      [dossierId],
    );
    const row = rows.find((r) => r.payload.action === action);
    expect(row, action).toBeDefined();
    return row!.payload;
  };

  it('by post, chosen at the counter: Mẫu 01, tracking, the notices and the return step all say so', async () => {
    setNow(w, '2026-04-06T09:00:00+07:00');
    const copy = (await procedure(w, '2.000815')) as typeof proc;
    const paper = copy.components.filter((c) => c.required).map((c) => ({ componentCode: c.code }));
    const created = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: auth(w, 'motcua.hoankiem'),
      payload: {
        procedureCode: copy.code,
        receivingAgency: w.agency.hoankiem,
        channel: 'direct',
        applicant: APPLICANT,
        fields: {},
        documents: [],
        intake: { paper, pages: 5, copies: 3, returnMethod: 'buu_chinh', returnAddress: 'Số 5 phố Hàng Bài, Phường Hoàn Kiếm, Hà Nội' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const received = await actOk(w, 'motcua.hoankiem', id, { action: 'receive' });

    const receipt = await form(id, 'receipt');
    expect(receipt).toContain('Hình thức nhận kết quả: Nhận kết quả qua dịch vụ bưu chính công ích tại địa chỉ: Số 5 phố Hàng Bài, Phường Hoàn Kiếm, Hà Nội');
    expect(receipt).toContain('21.000 đồng'); // the fee recorded at the counter: 5 pages × 3 copies
    for (const code of [received.code!, created.json().reference as string]) {
      const tracking = (await sys.app.inject({ method: 'GET', url: `/api/v1/public/tracking/${encodeURIComponent(code)}` })).json();
      expect(tracking.returnMethod, code).toBe('buu_chinh');
    }
    const view = (await read(w, 'motcua.hoankiem', id)).json();
    expect(view).toMatchObject({ returnMethod: 'buu_chinh', returnAddress: 'Số 5 phố Hàng Bài, Phường Hoàn Kiếm, Hà Nội' });

    await actOk(w, 'lanhdao.hoankiem', id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    await actOk(w, 'lanhdao.hoankiem', id, { action: 'approve', note: 'Đồng ý' });
    const ready = statusChangedMessage(await payloadOf(id, 'approve'));
    expect(ready.body).toContain('Kết quả sẽ được gửi đến Ông/Bà qua dịch vụ bưu chính công ích');
    expect(ready.body).not.toContain('Mời Ông/Bà nhận kết quả tại');

    const returned = await actOk(w, 'motcua.hoankiem', id, { action: 'return_result', postalReference: 'EB123456789VN' });
    expect(returned.history.at(-1)).toMatchObject({ action: 'return_result', returnMethod: 'buu_chinh', postalReference: 'EB123456789VN' });
    const sent = statusChangedMessage(await payloadOf(id, 'return_result'));
    expect(sent.body).toContain('đã được gửi qua dịch vụ bưu chính công ích');
    expect(sent.body).toContain('số hiệu bưu gửi EB123456789VN');
  });

  it('online, chosen when submitting: tracked by the reference before the code, the notices send the applicant to the portal', async () => {
    setNow(w, '2026-04-07T09:00:00+07:00');
    const d = await submit(w, { procedure: proc, body: { fields: { resultDelivery: 'truc_tuyen' } } });
    const reference = (d as unknown as { reference: string }).reference;
    const tracking = (await sys.app.inject({ method: 'GET', url: `/api/v1/public/tracking/${encodeURIComponent(reference)}` })).json();
    expect(tracking.returnMethod).toBe('truc_tuyen');
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve', note: 'Đồng ý' });
    expect(statusChangedMessage(await payloadOf(d.id, 'approve')).body).toContain('Ông/Bà nhận kết quả trực tuyến');
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'return_result' });
    expect(statusChangedMessage(await payloadOf(d.id, 'return_result')).body).toContain('đã được trả trực tuyến');
  });

  it('at the desk: the notice names the receiving desk, not the agency that decided', async () => {
    setNow(w, '2026-04-08T09:00:00+07:00');
    const d = await approved(w, { procedure: proc });
    expect(statusChangedMessage(await payloadOf(d.id, 'approve')).body).toContain(
      'Mời Ông/Bà nhận kết quả tại Bộ phận Tiếp nhận và Trả kết quả — Ủy ban nhân dân Phường Hoàn Kiếm.',
    );
  });
});
