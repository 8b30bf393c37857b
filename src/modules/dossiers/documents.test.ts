import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { actOk, auth, procedure, setNow, submit, type Username, type World, worldPerFile } from '#test/factories.ts';

let sys: TestSystem;
let w: World;

worldPerFile((s, world) => {
  [sys, w] = [s, world];
});

const get = (user: Username | null, url: string) => sys.app.inject({ method: 'GET', url, headers: auth(w, user) });

describe('dossier forms (Mẫu 01–05)', () => {
  it('renders each form once its action exists, and only for readers', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const proc = await procedure(w, '1.004873');
    const d = await submit(w, { procedure: proc });
    const url = (form: string) => `/api/v1/dossiers/${d.id}/documents/${form}.pdf`;
    expect((await get('congdan', url('receipt'))).statusCode).toBe(409);
    expect((await get('congdan', url('receipt'))).json().error.code).toBe('DOCUMENT_NOT_AVAILABLE');

    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    for (const form of ['receipt', 'control-slip']) {
      const res = await get('congdan', url(form));
      expect(res.statusCode, form).toBe(200);
      expect(res.headers['content-type']).toContain('application/pdf');
    }
    for (const form of ['supplement-notice', 'refusal-notice', 'apology-letter']) {
      expect((await get('motcua.hoankiem', url(form))).statusCode, form).toBe(409);
    }
    expect((await get('motcua.badinh', url('receipt'))).statusCode).toBe(404);
    expect((await get(null, url('receipt'))).statusCode).toBe(401);
  });
});

describe('ledger (Mẫu 06)', () => {
  it('gives the agency’s desk officers and leaders a PDF or an Excel file; nobody else', async () => {
    setNow(w, '2026-03-10T09:00:00+07:00');
    const proc = await procedure(w, '1.004873');
    const d = await submit(w, { procedure: proc });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    const url = (format: string, agency = w.agency.hoankiem) => `/api/v1/agencies/${agency}/ledger?from=2026-03-01&to=2026-03-31&format=${format}`;

    const pdf = await get('motcua.hoankiem', url('pdf'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const xlsx = await get('lanhdao.hoankiem', url('xlsx'));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    for (const user of ['motcua.badinh', 'congdan', 'chuyenvien.hoankiem', 'admin'] as const) {
      expect((await get(user, url('pdf'))).statusCode, user).toBe(403);
    }
    expect((await get(null, url('pdf'))).statusCode).toBe(401);
    const bad = await get('motcua.hoankiem', `/api/v1/agencies/${w.agency.hoankiem}/ledger?from=2026-03-31&to=2026-03-01`);
    expect(bad.statusCode).toBe(400);
  });
});
