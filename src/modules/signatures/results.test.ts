import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { actOk, APPLICANT, auth, expectShows, pdfText, procedure, submit, type DossierView, type World, worldPerFile } from '#test/factories.ts';
import { createAgencyCertificate, createRootCertificate } from './certificates.ts';
import { openPrivateKey } from './key-vault.ts';
import { signPdf } from './sign-pdf.ts';
import { opensslCmsVerify, pdfsig } from './test-tools.ts';

/** Results signed at approval, served to those who may read the dossier, verified in public. */
const PROC = '1.004873'; // Xác nhận tình trạng hôn nhân

let sys: TestSystem;
let w: World;
let dossier: DossierView;
let resultId: string;
let signed: Buffer;

function multipart(bytes: Buffer, field = 'file') {
  const boundary = `----motcuaverify${Math.random().toString(16).slice(2)}`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="ket-qua.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

const verify = (id: string) => sys.app.inject({ method: 'GET', url: `/api/v1/public/verify/${id}` });
const checkCopy = (bytes: Buffer) => sys.app.inject({ method: 'POST', url: '/api/v1/public/verify', ...multipart(bytes) });
const resultPdf = (user: Parameters<typeof auth>[1], id = dossier.id) =>
  sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/result.pdf`, headers: auth(w, user) });

/** The settable clock runs on in real time after being set: compare instants with a margin. */
const APPROVED_AT = '2026-11-23T09:00:00+07:00';
function expectNear(actual: string, expected: string, marginMs = 15_000) {
  const delta = Date.parse(actual) - Date.parse(expected);
  expect(delta).toBeGreaterThanOrEqual(0);
  expect(delta).toBeLessThan(marginMs);
}

async function approvedDossier(note?: string): Promise<DossierView> {
  const d = await submit(w, { procedure: await procedure(w, PROC) });
  await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
  await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
  if (note) sys.clock.set(new Date(APPROVED_AT));
  return actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve', ...(note ? { note } : {}) });
}

worldPerFile(async (s, world) => {
  [sys, w] = [s, world];
  sys.clock.set(new Date(APPROVED_AT));
  dossier = await approvedDossier('Xác nhận tình trạng hôn nhân: chưa đăng ký kết hôn với ai.');
  const res = await resultPdf('congdan');
  expect(res.statusCode, res.body).toBe(200);
  signed = res.rawPayload;
  resultId = String(res.headers['x-result-id']);
});

describe('issuing at approval', () => {
  it('signs, numbers and links the result to the dossier in the approve action', async () => {
    expect(dossier.status).toBe('RESULT_READY');
    const view = (await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}`, headers: auth(w, 'congdan') })).json();
    expect(view.documents.some((d: { componentCode: string }) => d.componentCode === 'KET_QUA')).toBe(true);
    expect(view.result).toMatchObject({ id: resultId, revoked: false });
    expectNear(view.result.issuedAt, APPROVED_AT);
    const [row] = await sys.ctx.db.query<{ number: string; dossier_id: string; agency_code: string }>(
      'SELECT number, dossier_id, agency_code FROM results WHERE id = $1',
      [resultId],
    );
    expect(row.dossier_id).toBe(dossier.id);
    expect(row.number).toMatch(new RegExp(`^\\d{5}/2026/KQ-${row.agency_code.replace(/\./g, '\\.')}$`));
    const [action] = await sys.ctx.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM dossier_actions WHERE dossier_id = $1 AND action = 'approve'`,
      [dossier.id],
    );
    expect(action.data.resultId).toBe(resultId);
  });

  it('prints the Vietnamese result document with the QR link to /verify/<id>', () => {
    const text = pdfText(signed);
    expectShows(text, [
      'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
      `Mã hồ sơ: ${dossier.code}`,
      'Xác nhận tình trạng hôn nhân',
      'Nguyễn Thị Ánh Tuyết',
      'Địa chỉ: Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội',
      'ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM',
      // the place before the date, as on Mẫu 01 (NĐ 30/2020)
      'Hoàn Kiếm, ngày 23 tháng 11 năm 2026',
      'Phạm Quốc Hùng',
      // signed by the commune People's Committee's actual signer title (NĐ 30/2020), not a generic one
      'TM. ỦY BAN NHÂN DÂN CHỦ TỊCH (Đã ký số) Phạm Quốc Hùng',
      'chưa đăng ký kết hôn với ai',
      `/verify/${resultId}`,
    ]);
    expect(text).not.toContain('THỦ TRƯỞNG CƠ QUAN'); // the generic signer title
  });

  it('verifies in standard tools as /verify says: openssl cms and pdfsig (development CA)', async () => {
    const answer = (await verify(resultId)).json();
    expect(answer).toMatchObject({ valid: true, signatureValid: true });
    const [root] = await sys.ctx.db.query<{ certificate_pem: string }>(`SELECT certificate_pem FROM signing_certificates WHERE role = 'root'`);
    expect(opensslCmsVerify(signed)).toMatchObject({ ok: true });
    expect(opensslCmsVerify(signed, { caPem: root.certificate_pem }).ok).toBe(true);
    const sig = pdfsig(signed);
    expect(sig.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(sig.stdout).toContain(`Signer Certificate Common Name: ${answer.agency.name}`);
    // one changed byte: all three refuse it
    const tampered = Buffer.from(signed);
    tampered[tampered.indexOf('/Producer') + 3] ^= 0x01;
    expect(opensslCmsVerify(tampered).ok).toBe(false);
    expect(pdfsig(tampered).ok).toBe(false);
    expect((await checkCopy(tampered)).json()).toMatchObject({ valid: false });
  });

  it('stores the private keys encrypted (PKCS#8 with a passphrase derived from MOTCUA_SECRET)', async () => {
    const rows = await sys.ctx.db.query<{ id: string; private_key_pem: string }>('SELECT id, private_key_pem FROM signing_certificates');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(r.private_key_pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
      expect(openPrivateKey(sys.ctx.config, r.id, r.private_key_pem).asymmetricKeyType).toBe('rsa');
      expect(() => openPrivateKey({ MOTCUA_SECRET: 'another-secret-of-at-least-32-characters!' }, r.id, r.private_key_pem)).toThrow();
    }
  });

  it('numbers results of one agency in sequence', async () => {
    const second = await approvedDossier();
    const [a, b] = await sys.ctx.db.query<{ seq: number }>(
      'SELECT seq FROM results WHERE dossier_id = ANY($1) ORDER BY seq',
      [[dossier.id, second.id]],
    );
    expect(b.seq).toBe(a.seq + 1);
  });
});

describe('an address read from the ID card QR code', () => {
  it('names the ward and the city once when the address already ends with them', async () => {
    const detail = 'Số 14 phố Hàng Bạc, Phường Hoàn Kiếm, Hà Nội';
    const d = await submit(w, { procedure: await procedure(w, PROC), body: { applicant: { ...APPLICANT, address: { communeCode: '00070', detail } } } });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
    const res = await resultPdf('congdan', d.id);
    expect(res.statusCode, res.body).toBe(200);
    const text = pdfText(res.rawPayload);
    expectShows(text, [`Địa chỉ: ${detail}`]);
    expect(text).not.toContain('Hà Nội, Phường Hoàn Kiếm');
  });
});

describe('GET /dossiers/:id/result.pdf', () => {
  it('serves the applicant and the involved officers, and audits officer reads', async () => {
    for (const user of ['congdan', 'motcua.hoankiem', 'lanhdao.hoankiem'] as const) {
      const res = await resultPdf(user);
      expect(res.statusCode, user).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.equals(signed)).toBe(true);
    }
    const log = await sys.app.inject({ method: 'GET', url: `/api/v1/me/dossiers/${dossier.id}/access-log`, headers: auth(w, 'congdan') });
    expect(log.json().items.filter((i: { what: string }) => i.what === 'document:result').length).toBeGreaterThanOrEqual(2);
  });

  it("answers 404 to another commune's officer and 401 to the anonymous", async () => {
    expect((await resultPdf('motcua.badinh')).statusCode).toBe(404);
    expect((await resultPdf(null)).statusCode).toBe(401);
  });

  it('answers 409 while the dossier has no result', async () => {
    const d = await submit(w, { procedure: await procedure(w, PROC) });
    const res = await resultPdf('congdan', d.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DOCUMENT_NOT_AVAILABLE');
  });
});

describe('public verification', () => {
  it('re-reads the stored PDF and verifies signature and chain', async () => {
    const res = await verify(resultId);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      valid: true,
      signatureValid: true,
      revoked: false,
      procedureName: 'Cấp Giấy xác nhận tình trạng hôn nhân',
      agency: { name: 'Ủy ban nhân dân Phường Hoàn Kiếm' },
    });
    expect(body.reason).toBeUndefined();
    expect(body.resultNumber).toMatch(/^\d{5}\/2026\/KQ-/);
    expectNear(body.issuedAt, APPROVED_AT);
    expect(body.issuedAt).toMatch(/\+07:00$/);
    expect(body.signer.subject).toContain('CN=Ủy ban nhân dân Phường Hoàn Kiếm');
    expect(body.signer.issuer).toContain('CN=Một Cửa Dev CA');
    expect(body.signer.serial).toMatch(/^[0-9A-F]+$/);
    expect(new Date(body.signer.notAfter).getTime()).toBeGreaterThan(new Date(body.signer.notBefore).getTime());
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
    // the answer carries no personal data of the applicant
    expect(res.body).not.toContain('Tuyết');
    expect(res.body).not.toContain('001190012345');
  });

  it('answers 404 for an unknown result', async () => {
    const res = await verify('00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('RESULT_NOT_FOUND');
  });

  it('accepts an uploaded copy identical to the issued result', async () => {
    const res = await checkCopy(signed);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ valid: true, resultId, signatureValid: true });
  });

  it('rejects a copy with one byte changed', async () => {
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('/Producer') + 3;
    tampered[at] ^= 0x01;
    const res = await checkCopy(tampered);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ valid: false, reason: 'DIGEST_MISMATCH', signatureValid: false, resultId: null });
  });

  it('rejects a PDF signed under another CA, even one naming the same agency', async () => {
    const now = sys.clock.now();
    const root = await createRootCertificate({ now, name: 'Một Cửa Dev CA' });
    const cert = await createAgencyCertificate({ now, agency: { code: 'X', name: 'Ủy ban nhân dân Phường Hoàn Kiếm' }, issuer: root });
    const forged = await signPdf({
      pdf: pdfWithoutSignature(),
      privateKey: cert.privateKey,
      chainPem: [cert.certificatePem, root.certificatePem],
      signingTime: now,
      reason: 'gia mao',
      name: 'UBND',
      location: 'VN',
      contactInfo: 'x',
    });
    const body = (await checkCopy(forged)).json();
    expect(body).toMatchObject({ valid: false, reason: 'UNTRUSTED_CERTIFICATE', signatureValid: false });
    expect(new X509Certificate(root.certificatePem).subject).toContain('Một Cửa Dev CA');
  });

  it('refuses what is not a PDF (415) and a request without file (400)', async () => {
    expect((await checkCopy(Buffer.from('GIF89a not a pdf'))).statusCode).toBe(415);
    const none = await sys.app.inject({ method: 'POST', url: '/api/v1/public/verify', ...multipart(signed, 'other') });
    expect(none.statusCode).toBe(400);
  });
});

describe('revocation', () => {
  const revoke = (user: Parameters<typeof auth>[1], id: string, reason = 'Cấp sai thông tin người yêu cầu') =>
    sys.app.inject({ method: 'POST', url: `/api/v1/results/${id}/revoke`, headers: auth(w, user), payload: { reason } });

  it('is for a leader of the issuing agency only', async () => {
    expect((await revoke(null, resultId)).statusCode).toBe(401);
    expect((await revoke('chuyenvien.hoankiem', resultId)).statusCode).toBe(403);
    expect((await revoke('motcua.badinh', resultId)).statusCode).toBe(403);
    expect((await revoke('lanhdao.hoankiem', 'no-such-result')).statusCode).toBe(404);
    const bad = await sys.app.inject({ method: 'POST', url: `/api/v1/results/${resultId}/revoke`, headers: auth(w, 'lanhdao.hoankiem'), payload: {} });
    expect(bad.statusCode).toBe(400);
    expect((await verify(resultId)).json().revoked).toBe(false);
  });

  it('shows in verification (stored and uploaded copy), is audited, and happens once', async () => {
    sys.clock.set(new Date('2026-11-24T10:00:00+07:00'));
    const res = await revoke('lanhdao.hoankiem', resultId);
    expect(res.statusCode, res.body).toBe(200);
    const expected = {
      valid: false,
      reason: 'REVOKED',
      signatureValid: true,
      revoked: true,
      revocationReason: 'Cấp sai thông tin người yêu cầu',
    };
    expect(res.json()).toMatchObject(expected);
    expectNear(res.json().revokedAt, '2026-11-24T10:00:00+07:00');
    expect((await verify(resultId)).json()).toMatchObject(expected);
    expect((await checkCopy(signed)).json()).toMatchObject(expected);
    const audit = await sys.ctx.db.query<{ action: string; actor_id: string }>(
      'SELECT action, actor_id FROM audit_log WHERE chain = $1 ORDER BY seq',
      [`result:${resultId}`],
    );
    expect(audit.map((a) => a.action)).toEqual(['result.issue', 'result.revoke']);
    const again = await revoke('lanhdao.hoankiem', resultId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('RESULT_ALREADY_REVOKED');
  });
});

/** A small unsigned PDF made by the same renderer family (pdfkit), for the forged signature. */
function pdfWithoutSignature(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
      '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\nxref\n0 4\n0000000000 65535 f \n' +
      '0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n',
  );
}
