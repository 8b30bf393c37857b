import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderResultDocument } from '#modules/documents/index.ts';
import { expectShows, pdfText } from '#test/factories.ts';
import { createAgencyCertificate, createRootCertificate, type IssuedCertificate } from './certificates.ts';
import { signPdf } from './sign-pdf.ts';
import { opensslCmsVerify, pdfsig, splitSignedPdf } from './test-tools.ts';
import { verifyPdf } from './verify-pdf.ts';

const now = new Date('2026-11-25T03:00:00Z');
const agency = { code: '000.00.70.H26', name: 'Ủy ban nhân dân Phường Hoàn Kiếm' };
let root: IssuedCertificate;
let signer: IssuedCertificate;
let otherRoot: IssuedCertificate;
let otherSigner: IssuedCertificate;
let unsigned: Buffer;
let signed: Buffer;

async function sign(pdf: Buffer, cert: IssuedCertificate, ca: IssuedCertificate, at = now) {
  return signPdf({
    pdf,
    privateKey: cert.privateKey,
    chainPem: [cert.certificatePem, ca.certificatePem],
    signingTime: at,
    reason: 'Ký số kết quả giải quyết TTHC',
    name: agency.name,
    location: 'Hà Nội, Việt Nam',
    contactInfo: 'http://127.0.0.1:3000',
  });
}

beforeAll(async () => {
  root = await createRootCertificate({ now });
  signer = await createAgencyCertificate({ now, agency, issuer: root });
  otherRoot = await createRootCertificate({ now, name: 'CA khác' });
  otherSigner = await createAgencyCertificate({ now, agency, issuer: otherRoot });
  unsigned = await renderResultDocument({
    code: '000.00.70.H26-261125-0001',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    agencyName: agency.name,
    applicant: { fullName: 'Nguyễn Thị Ánh Tuyết', address: { detail: 'Số 1 phố Tràng Tiền' } },
    receivedAt: '2026-11-20T02:00:00Z',
    dueAt: '2026-11-27T10:00:00Z',
    issuedAt: now.toISOString(),
    decidedAt: now.toISOString(),
    resultNumber: '00001/2026/KQ-000.00.70.H26',
    signerName: 'Phạm Quốc Hùng',
    note: 'Cấp Giấy khai sinh bản chính cho cháu Nguyễn Minh Khôi.',
    verifyUrl: 'http://127.0.0.1:3000/verify/abc',
  });
  signed = await sign(unsigned, signer, root);
}, 60_000);

describe('development CA certificates', () => {
  it('carry Vietnamese UTF-8 subject names and chain to the root', () => {
    const leaf = new X509Certificate(signer.certificatePem);
    const ca = new X509Certificate(root.certificatePem);
    expect(ca.subject).toContain('CN=Một Cửa Dev CA');
    expect(leaf.subject).toContain('CN=Ủy ban nhân dân Phường Hoàn Kiếm');
    expect(leaf.subject).toContain('OU=Mã định danh 000.00.70.H26');
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
  });
});

describe('signed PDF', () => {
  it('verifies against the root: signer, signing time, digest', () => {
    const result = verifyPdf(signed, [new X509Certificate(root.certificatePem)]);
    expect(result.reason).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(result.signer?.subject).toContain('Ủy ban nhân dân Phường Hoàn Kiếm');
    expect(result.signer?.issuer).toContain('Một Cửa Dev CA');
    expect(result.signer?.serial).toBe(signer.serial);
    expect(result.signingTime).toBe(now.toISOString());
    expect(result.anchor).toBe(new X509Certificate(root.certificatePem).fingerprint256);
  });

  it('fails when one byte of the signed content is changed', () => {
    const text = signed.indexOf('/Producer');
    expect(text).toBeGreaterThan(0);
    const tampered = Buffer.from(signed);
    tampered[text + 3] ^= 0x01;
    const result = verifyPdf(tampered, [new X509Certificate(root.certificatePem)]);
    expect(result.valid).toBe(false);
    expect(result.reason).toBe('DIGEST_MISMATCH');
  });

  it('fails when one byte of the signature itself is changed', () => {
    const at = signed.indexOf('/Contents <') + 200;
    const tampered = Buffer.from(signed);
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    const result = verifyPdf(tampered, [new X509Certificate(root.certificatePem)]);
    expect(result.valid).toBe(false);
    expect(['MALFORMED_SIGNATURE', 'SIGNATURE_INVALID', 'DIGEST_MISMATCH']).toContain(result.reason);
  });

  it('fails when bytes are appended after signing (an incremental update)', () => {
    const result = verifyPdf(Buffer.concat([signed, Buffer.from('\n%% added later\n')]), [new X509Certificate(root.certificatePem)]);
    expect(result).toMatchObject({ valid: false, reason: 'INCOMPLETE_COVERAGE' });
  });

  it('fails for a certificate issued by another CA', async () => {
    const foreign = await sign(unsigned, otherSigner, otherRoot);
    const result = verifyPdf(foreign, [new X509Certificate(root.certificatePem)]);
    expect(result).toMatchObject({ valid: false, reason: 'UNTRUSTED_CERTIFICATE' });
    expect(result.signer?.issuer).toContain('CA khác');
    // the same file is valid for whoever trusts that other CA
    expect(verifyPdf(foreign, [new X509Certificate(otherRoot.certificatePem)]).valid).toBe(true);
  });

  it('fails when signed outside the certificate validity', async () => {
    const late = await sign(unsigned, signer, root, new Date(now.getTime() + 4 * 365 * 86_400_000));
    expect(verifyPdf(late, [new X509Certificate(root.certificatePem)])).toMatchObject({
      valid: false,
      reason: 'CERTIFICATE_NOT_VALID_AT_SIGNING_TIME',
    });
  });

  it('reports an unsigned PDF and garbage without throwing', () => {
    expect(verifyPdf(unsigned, []).reason).toBe('NO_SIGNATURE');
    expect(verifyPdf(Buffer.from('not a pdf at all'), []).reason).toBe('NO_SIGNATURE');
  });

  it('stays a well-formed PDF after signing (poppler reports no syntax error)', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-signed-')), 'signed.pdf');
    fs.writeFileSync(file, signed);
    const run = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info.stdout).toMatch(/Form:\s+AcroForm/);
  });

  it('keeps the Vietnamese text readable (pdftotext)', () => {
    const text = pdfText(signed);
    expectShows(text, [
      'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
      'Ủy ban nhân dân Phường Hoàn Kiếm'.toUpperCase(),
      'Số: 00001/2026/KQ-000.00.70.H26',
      'Mã hồ sơ: 000.00.70.H26-261125-0001',
      'Đăng ký khai sinh (mã 1.001193)',
      'Nguyễn Thị Ánh Tuyết',
      'ngày 25 tháng 11 năm 2026',
      'Phạm Quốc Hùng',
      'http://127.0.0.1:3000/verify/abc',
    ]);
  });
});

describe('standard tools read the signature (openssl cms, pdfsig)', () => {
  it('openssl cms -verify finds the signer certificate and checks the signature', () => {
    expect(opensslCmsVerify(signed)).toMatchObject({ ok: true, status: 0 });
    // and with the chain checked against the development root
    expect(opensslCmsVerify(signed, { caPem: root.certificatePem }).ok).toBe(true);
    // a changed byte of the content is refused by openssl too
    const { content } = splitSignedPdf(signed);
    content[10] ^= 0x01;
    expect(opensslCmsVerify(signed, { content }).ok).toBe(false);
  });

  it('a signature naming its issuer double-encoded (the old P12 signer) is refused, as openssl refuses it', async () => {
    // The way results were signed before: @signpdf/signer-p12 re-encodes forge's parsed UTF-8 issuer.
    const passphrase = 'x';
    const key = forge.pki.privateKeyFromPem(signer.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
    const certs = [signer.certificatePem, root.certificatePem].map((pem) => forge.pki.certificateFromPem(pem));
    const p12 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, { algorithm: 'aes256', count: 1000 });
    const old = new P12Signer(Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), { passphrase });
    const withPlaceholder = plainAddPlaceholder({ pdfBuffer: unsigned, reason: 'r', name: 'n', location: 'l', contactInfo: 'c', signatureLength: 8192 });
    const broken = await new SignPdf().sign(withPlaceholder, old, now);
    const openssl = opensslCmsVerify(broken);
    expect(openssl.ok).toBe(false);
    expect(openssl.stderr).toContain('signer certificate not found');
    expect(pdfsig(broken).ok).toBe(false);
    expect(verifyPdf(broken, [new X509Certificate(root.certificatePem)])).toMatchObject({ valid: false, reason: 'MALFORMED_SIGNATURE' });
  });

  it('pdfsig says the signature is valid and names the signer', () => {
    const run = pdfsig(signed);
    expect(run.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(run.stdout).toContain('Signer Certificate Common Name: Ủy ban nhân dân Phường Hoàn Kiếm');
    expect(run.stdout).toContain('Signature Type: adbe.pkcs7.detached');
    expect(run.stdout).toContain('Total document signed');
  });
});

describe('signatures whose last byte is zero', () => {
  it('verifies them (the padding of the signature hole is not mistaken for the signature)', async () => {
    // About one signature in 256 ends with 0x00; sign with different times until one does.
    let found: Buffer | null = null;
    for (let i = 0; i < 4000 && !found; i++) {
      const pdf = await sign(unsigned, signer, root, new Date(now.getTime() + i * 1000));
      const hole = pdf.toString('latin1').match(/\/Contents\s*<([0-9a-fA-F]+)>/)?.[1] ?? '';
      const bytes = Buffer.from(hole, 'hex');
      const length = forge.asn1.toDer(forge.asn1.fromDer(bytes.toString('binary'), { parseAllBytes: false } as unknown as boolean)).length();
      if (bytes[length - 1] === 0) found = pdf;
    }
    expect(found, 'no signature ending with 0x00 in 4000 tries').not.toBeNull();
    expect(verifyPdf(found as Buffer, [new X509Certificate(root.certificatePem)])).toMatchObject({ valid: true });
  }, 300_000); // ~256 signatures on average, ~8 ms each since the RSA step is Node's (sign-pdf.ts); was ~40 ms with forge's, 212 s in one loaded run
});

