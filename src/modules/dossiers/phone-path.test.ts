import { describe, expect, it } from 'vitest';
import { drainOutbox } from '#platform/outbox.ts';
import { notificationHandlers } from '#modules/notifications/handlers.ts';
import { IdNumber } from './dossiers.contract.ts';
import { checkFieldDates } from './form-dates.ts';
import { actOk, APPLICANT, auth, fileProcedure, fileWorld, pdfText, submit, uploadPdf } from '#test/factories.ts';

/** Issue 12 (the citizen's phone path), server side: input as typed, a reference at once. */

const w = fileWorld();
const proc = fileProcedure(w, '1.004873');

const track = (code: string, phone?: string) =>
  w.sys.app.inject({ method: 'GET', url: `/api/v1/public/tracking/${encodeURIComponent(code)}${phone ? `?phone=${phone}` : ''}` });
const REFERENCE = /^HS-[0-9A-HJKMNP-TV-Z]{10}$/;

describe('a reference at once (mã tra cứu)', () => {
  it('tracks a new online dossier by its reference typed in lowercase with spaces, then by its code after reception; the reference keeps working', async () => {
    const dossier = (await submit(w, { procedure: proc })) as Awaited<ReturnType<typeof submit>> & { reference: string };
    expect(dossier.code).toBeNull();
    expect(dossier.reference).toMatch(REFERENCE);

    const early = await track(`  ${dossier.reference.toLowerCase()} `);
    expect(early.statusCode, early.body).toBe(200);
    expect(early.json()).toMatchObject({ code: dossier.reference, reference: dossier.reference, status: 'SUBMITTED', statusLabel: 'Mới đăng ký' });
    // the name only with the second factor, the phone's last 4 digits (issue 13, D4), by reference too
    expect(early.json().applicantName).toBeUndefined();
    expect((await track(dossier.reference, '5678')).json().applicantName).toBe('Nguyễn T*** Á*** T***');
    expect((await track(dossier.reference, '0000')).json().applicantName).toBeUndefined();

    const received = await actOk(w, 'motcua.hoankiem', dossier.id, { action: 'receive' });
    expect(received.code).toBeTruthy();
    const byCode = await track(` ${received.code!.toLowerCase()}`);
    expect(byCode.statusCode, byCode.body).toBe(200);
    expect(byCode.json()).toMatchObject({ code: received.code, status: 'RECEIVED' });
    const byReference = await track(dossier.reference);
    expect(byReference.json()).toMatchObject({ code: received.code, reference: dossier.reference, status: 'RECEIVED' });
  });

  it('every submission gets its own reference; an unknown one is a 404', async () => {
    const a = (await submit(w, { procedure: proc })) as unknown as { reference: string };
    const b = (await submit(w, { procedure: proc })) as unknown as { reference: string };
    expect(a.reference).not.toBe(b.reference);
    expect((await track('HS-0000000000')).statusCode).toBe(404);
  });

  it('gives the applicant a submission receipt PDF at once, naming the reference, and refuses it to another citizen', async () => {
    const dossier = (await submit(w, { procedure: proc })) as unknown as { id: string; reference: string };
    const res = await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}/documents/submission-receipt.pdf`, headers: auth(w, 'congdan') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('GIẤY XÁC NHẬN ĐÃ NỘP HỒ SƠ TRỰC TUYẾN');
    expect(text).toContain(dossier.reference);
    expect(text).toContain('Nguyễn Thị Ánh Tuyết');
    const other = await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}/documents/submission-receipt.pdf`, headers: auth(w, 'motcua.badinh') });
    expect(other.statusCode).toBe(404);
  });

  it('puts a notice with the reference in the applicant’s inbox, counted as unread', async () => {
    await drainOutbox(w.sys.ctx, notificationHandlers(w.sys.ctx));
    const before = (await w.sys.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: auth(w, 'congdan') })).json().unreadCount as number;
    const dossier = (await submit(w, { procedure: proc })) as unknown as { id: string; reference: string };
    await drainOutbox(w.sys.ctx, notificationHandlers(w.sys.ctx));
    const inbox = (await w.sys.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: auth(w, 'congdan') })).json();
    expect(inbox.unreadCount).toBe(before + 1);
    const notice = inbox.items.find((n: { dossierId: string }) => n.dossierId === dossier.id);
    expect(notice.title).toBe('Hồ sơ đã được nộp');
    expect(notice.body).toContain(`Mã tra cứu: ${dossier.reference}`);
  });
});

describe('input as people type it', () => {
  async function send(applicant: Record<string, unknown>) {
    const fileId = await uploadPdf(w, 'congdan');
    return w.sys.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: auth(w, 'congdan'),
      payload: {
        procedureCode: proc.code,
        receivingAgency: w.agency.hoankiem,
        channel: 'online',
        applicant: { ...APPLICANT, ...applicant },
        fields: {},
        documents: [{ componentCode: 'TP1', fileId }],
      },
    });
  }

  it('accepts a phone with +84, spaces and dots and an identity number with spaces, and stores them compact', async () => {
    const res = await send({ phone: '+84 912.345.678', idNumber: '001 190 012 345' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().applicant).toMatchObject({ phone: '0912345678', idNumber: '001190012345' });
  });

  it('refuses a 12-digit identity number whose first three digits are no province code, with a clear message', async () => {
    for (const idNumber of ['100190012345', '003190012345', '097190012345']) {
      const res = await send({ idNumber });
      expect(res.statusCode, idNumber).toBe(400);
      const details = res.json().error.details as { field: string; message: string }[];
      expect(details.find((d) => d.field.endsWith('applicant.idNumber'))?.message).toContain('mã tỉnh');
    }
    // A 10-digit tax code has no province prefix to check.
    expect(IdNumber.safeParse('0101234567').success).toBe(true);
  });

  it('refuses a birth date after today (as the browser does), and takes today', () => {
    const schema = { properties: { childBirthDate: { type: 'string', format: 'date' }, eventDate: { type: 'string', format: 'date' } } };
    const now = new Date('2026-12-05T20:00:00Z'); // already 6 December in Vietnam
    expect(() => checkFieldDates(schema, { childBirthDate: '2026-12-06' }, now)).not.toThrow();
    expect(() => checkFieldDates(schema, { childBirthDate: '2026-12-07' }, now)).toThrow();
    expect(() => checkFieldDates(schema, { eventDate: '2027-01-01' }, now)).not.toThrow();
    const marked = { properties: { eventDate: { type: 'string', format: 'date', 'x-notAfterToday': true } } };
    try {
      checkFieldDates(marked, { eventDate: '2027-01-01' }, now);
      expect.unreachable();
    } catch (error) {
      expect((error as { extra: { details: { field: string }[] } }).extra.details.map((d) => d.field)).toEqual(['fields.eventDate']);
    }
  });
});

describe('drafts kept on the server (bản nháp)', () => {
  const call = (user: 'congdan' | 'motcua.hoankiem', method: 'GET' | 'PUT' | 'DELETE', path: string, payload?: unknown, token?: string) =>
    w.sys.app.inject({
      method,
      url: path,
      headers: token ? { authorization: `Bearer ${token}` } : auth(w, user),
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
    });

  it('saves a citizen’s draft, lists it with the procedure name and gives it back on another device; deleting it ends it', async () => {
    const content = { version: 1, idempotencyKey: 'k-1', applicant: { phone: '0912 345 678' }, documents: { TP1: { fileId: 'f', name: 'a.pdf', size: 10 } } };
    const saved = await call('congdan', 'PUT', '/api/v1/me/drafts/1.004873', { content });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ procedureCode: '1.004873', content });

    // Another device: a second session of the same citizen.
    const login = await w.sys.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'congdan', password: 'MotCua@2026' } });
    const phone = login.json().token as string;
    const list = await call('congdan', 'GET', '/api/v1/me/drafts', undefined, phone);
    expect(list.json().items).toEqual([{ procedureCode: '1.004873', procedureName: expect.stringContaining('tình trạng hôn nhân'), updatedAt: expect.any(String) }]);
    expect((await call('congdan', 'GET', '/api/v1/me/drafts/1.004873', undefined, phone)).json().content).toEqual(content);

    // Saved again from the phone: the newer content wins.
    await call('congdan', 'PUT', '/api/v1/me/drafts/1.004873', { content: { ...content, idempotencyKey: 'k-1', applicant: { phone: '0912345678' } } }, phone);
    expect((await call('congdan', 'GET', '/api/v1/me/drafts/1.004873')).json().content.applicant.phone).toBe('0912345678');

    expect((await call('congdan', 'DELETE', '/api/v1/me/drafts/1.004873')).statusCode).toBe(204);
    expect((await call('congdan', 'GET', '/api/v1/me/drafts/1.004873')).json().error.code).toBe('DRAFT_NOT_FOUND');
    expect((await call('congdan', 'GET', '/api/v1/me/drafts')).json().items).toEqual([]);
  });

  it('refuses a draft over 64 KB and drafts of non-citizens, storing nothing', async () => {
    const big = await call('congdan', 'PUT', '/api/v1/me/drafts/1.004873', { content: { note: 'x'.repeat(70 * 1024) } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('DRAFT_TOO_LARGE');
    const officer = await call('motcua.hoankiem', 'PUT', '/api/v1/me/drafts/1.004873', { content: { a: 1 } });
    expect(officer.statusCode).toBe(403);
    expect((await call('congdan', 'GET', '/api/v1/me/drafts')).json().items).toEqual([]);
  });
});
