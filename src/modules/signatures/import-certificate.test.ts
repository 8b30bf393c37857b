import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '#platform/errors.ts';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { act, actOk, auth, buildWorld, procedure, submit, type World } from '#test/factories.ts';
import { importAgencyCertificate } from './certificate-authority.ts';
import { createAgencyCertificate, createRootCertificate, type IssuedCertificate } from './certificates.ts';

/**
 * Production mode: no development CA (MOTCUA_DEV_CA=0). An agency without an imported
 * certificate cannot approve (and nothing is half-written); after importing a PKCS#12 from
 * "the national CA", whose root is trusted through MOTCUA_TRUSTED_CA_FILE, its results verify.
 */
const PROC = '1.004873';
let sys: TestSystem;
let w: World;
let nationalRoot: IssuedCertificate;

beforeAll(async () => {
  const now = new Date();
  nationalRoot = await createRootCertificate({ now, name: 'Cơ quan chứng thực chữ ký số chuyên dùng Chính phủ (thử nghiệm)' });
  const anchorFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-anchor-')), 'roots.pem');
  fs.writeFileSync(anchorFile, nationalRoot.certificatePem);
  sys = await createTestSystem({ env: { MOTCUA_DEV_CA: '0', MOTCUA_TRUSTED_CA_FILE: anchorFile } });
  w = await buildWorld(sys);
  // The seeded template made development certificates; a production installation has none.
  await sys.ctx.db.query(`UPDATE signing_certificates SET retired_at = now() WHERE role = 'agency'`);
});
afterAll(async () => {
  await sys?.close();
});

async function inProcessing() {
  const d = await submit(w, { procedure: await procedure(w, PROC) });
  await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
  await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
  return d;
}

function p12Of(cert: IssuedCertificate, chain: IssuedCertificate[], passphrase: string): Buffer {
  const key = forge.pki.privateKeyFromPem(cert.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
  const certs = [cert, ...chain].map((c) => forge.pki.certificateFromPem(c.certificatePem));
  return Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, { algorithm: '3des' })).getBytes(), 'binary');
}

describe('signing with an imported certificate', () => {
  it('refuses to approve without a certificate and leaves nothing half-written', async () => {
    const d = await inProcessing();
    const res = await act(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('NO_SIGNING_CERTIFICATE');
    const after = (await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: auth(w, 'congdan') })).json();
    expect(after.status).toBe('IN_PROCESSING');
    expect(await sys.ctx.db.query('SELECT 1 FROM results WHERE dossier_id = $1', [d.id])).toHaveLength(0);
    expect(await sys.ctx.db.query('SELECT 1 FROM signing_certificates WHERE retired_at IS NULL AND role = $1', ['agency'])).toHaveLength(0);
  });

  it('rejects a wrong passphrase and an unknown agency', async () => {
    const cert = await createAgencyCertificate({ now: new Date(), agency: { code: 'X', name: 'X' }, issuer: nationalRoot });
    const p12 = p12Of(cert, [nationalRoot], 'đúng-mật-khẩu');
    const agency = w.agency.hoankiem;
    await expect(sys.ctx.db.transaction((tx) => importAgencyCertificate(sys.ctx, tx, { agencyCode: agency, p12, passphrase: 'sai' }))).rejects.toMatchObject({
      code: 'CERTIFICATE_IMPORT_INVALID',
    });
    await expect(
      sys.ctx.db.transaction((tx) => importAgencyCertificate(sys.ctx, tx, { agencyCode: 'KHONG.CO', p12, passphrase: 'đúng-mật-khẩu' })),
    ).rejects.toMatchObject({ code: 'CERTIFICATE_IMPORT_INVALID' });
  });

  it('signs with the imported certificate; verification trusts the configured national root', async () => {
    const agencyCode = w.agency.hoankiem;
    const cert = await createAgencyCertificate({
      now: new Date(),
      agency: { code: agencyCode, name: 'Ủy ban nhân dân Phường Hoàn Kiếm' },
      issuer: nationalRoot,
    });
    const imported = await sys.ctx.db.transaction((tx) =>
      importAgencyCertificate(sys.ctx, tx, { agencyCode, p12: p12Of(cert, [nationalRoot], 'mật-khẩu-p12'), passphrase: 'mật-khẩu-p12' }),
    );
    expect(imported).toMatchObject({ source: 'imported', serial: cert.serial });
    expect(imported.privateKeyPem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);

    const d = await inProcessing();
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
    const pdf = await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/result.pdf`, headers: auth(w, 'congdan') });
    expect(pdf.statusCode).toBe(200);
    const body = (await sys.app.inject({ method: 'GET', url: `/api/v1/public/verify/${pdf.headers['x-result-id']}` })).json();
    expect(body).toMatchObject({ valid: true, signatureValid: true });
    expect(body.signer.serial).toBe(cert.serial);
    expect(body.signer.issuer).toContain('Cơ quan chứng thực chữ ký số chuyên dùng Chính phủ (thử nghiệm)');
  });
});

describe('importing the node certificate (node:<id>)', () => {
  const nodeCode = 'node:local'; // the test installation's MOTCUA_NODE_ID is the default, local
  const importing = (agencyCode: string, p12: Buffer, passphrase = 'mật-khẩu-nút') =>
    sys.ctx.db.transaction((tx) => importAgencyCertificate(sys.ctx, tx, { agencyCode, p12, passphrase }));
  const refusal = async (work: Promise<unknown>) => {
    const error = (await work.then(
      () => null,
      (e: unknown) => e,
    )) as AppError | null;
    expect(error, 'the import was refused').toBeInstanceOf(AppError);
    expect(error?.code).toBe('CERTIFICATE_IMPORT_INVALID');
    expect(error?.spec.status).toBe(400);
    return String(error?.params.problem ?? '');
  };
  const nodeCertificate = (node: string, at = new Date(), issuer = nationalRoot) =>
    createAgencyCertificate({ now: at, agency: { code: `node:${node}`, name: `Nút liên thông ${node}` }, issuer });

  it('refuses another node’s id, a certificate naming another node, an expired one, an untrusted CA and a file that is not a certificate', async () => {
    const other = await nodeCertificate('khac');
    expect(await refusal(importing('node:khac', p12Of(other, [nationalRoot], 'mật-khẩu-nút')))).toContain('MOTCUA_NODE_ID=local');
    expect(await refusal(importing(nodeCode, p12Of(other, [nationalRoot], 'mật-khẩu-nút')))).toContain('node:local');
    const expired = await nodeCertificate('local', new Date(Date.now() - 4 * 365 * 24 * 3600 * 1000));
    expect(await refusal(importing(nodeCode, p12Of(expired, [nationalRoot], 'mật-khẩu-nút')))).toContain('hết hạn');
    const strangerRoot = await createRootCertificate({ now: new Date(), name: 'Một CA không được tin cậy' });
    const untrusted = await nodeCertificate('local', new Date(), strangerRoot);
    expect(await refusal(importing(nodeCode, p12Of(untrusted, [strangerRoot], 'mật-khẩu-nút')))).toContain('tin cậy');
    expect(await refusal(importing(nodeCode, Buffer.from(nationalRoot.certificatePem)))).toContain('PKCS#12');
    // nothing was stored for the node
    expect(await sys.ctx.db.query('SELECT 1 FROM signing_certificates WHERE agency_code = $1', [nodeCode])).toHaveLength(0);
  });

  it('imports this node’s certificate, and the node’s signed announcement carries it', async () => {
    const mine = await nodeCertificate('local');
    const imported = await importing(nodeCode, p12Of(mine, [nationalRoot], 'mật-khẩu-nút'));
    expect(imported).toMatchObject({ source: 'imported', serial: mine.serial, agencyCode: nodeCode });
    const node = (await sys.app.inject({ method: 'GET', url: '/api/v1/exchange/node' })).json();
    expect(node.nodeId).toBe('local');
    expect(node.certificates[0].replace(/\s/g, '')).toBe(mine.certificatePem.replace(/\s/g, ''));
  });
});
