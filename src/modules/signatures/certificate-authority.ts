import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import forge from 'node-forge';
import type { AppContext } from '#platform/context.ts';
import { devCaEnabled } from '../../config.ts';
import type { Sql } from '#platform/db.ts';
import { findAgency } from '#modules/places/index.ts';
import { createAgencyCertificate, createRootCertificate, type Issuance } from './certificates.ts';
import { openPrivateKey, sealPrivateKey } from './key-vault.ts';
import { SignatureErrors } from './signatures.errors.ts';
import * as repo from './signatures.repository.ts';

type Ctx = Pick<AppContext, 'config' | 'clock'>;

/**
 * The certificates results are signed with. In development (MOTCUA_DEV_CA, default outside
 * production) the installation is its own CA: the root "Một Cửa Dev CA" is made once and kept
 * in the database, and each agency gets its signing certificate the first time it signs. In
 * production an agency signs only with a certificate imported from the national CA
 * (`importAgencyCertificate`), whose root is trusted through MOTCUA_TRUSTED_CA_FILE.
 */
export async function ensureDevRoot(ctx: Ctx, tx: Sql): Promise<repo.CertificateRow> {
  await repo.lockSigningKey(tx, 'root');
  const existing = await repo.findActiveDevRoot(tx);
  if (existing) return existing;
  const now = ctx.clock.now();
  const issued = await createRootCertificate({ now });
  return storeDevCertificate(ctx, tx, { role: 'root', agencyCode: null, issuerId: null, issued, now });
}

/** A certificate made by the development CA, stored with its private key sealed under MOTCUA_SECRET. */
/**
 * The development CA issuing a leaf certificate now (its root made on first use); without it
 * (production) there is none to issue: `NO_SIGNING_CERTIFICATE` naming `forWhom`.
 */
export async function devIssuance(ctx: Ctx, tx: Sql, forWhom: string): Promise<{ root: repo.CertificateRow; issuance: Issuance }> {
  if (!devCaEnabled(ctx.config)) throw SignatureErrors.NO_SIGNING_CERTIFICATE({}, { agency: forWhom });
  const root = await ensureDevRoot(ctx, tx);
  const issuer = { certificatePem: root.certificatePem, privateKey: openPrivateKey(ctx.config, root.id, root.privateKeyPem!) };
  return { root, issuance: { now: ctx.clock.now(), issuer } };
}

async function storeDevCertificate(
  ctx: Ctx,
  tx: Sql,
  input: {
    role: 'root' | 'agency';
    agencyCode: string | null;
    issuerId: string | null;
    issued: Awaited<ReturnType<typeof createRootCertificate>>;
    now: Date;
  },
): Promise<repo.CertificateRow> {
  const { issued, now, ...who } = input;
  const id = randomUUID();
  const row = {
    id,
    ...who,
    subject: issued.subject,
    serial: issued.serial,
    certificatePem: issued.certificatePem,
    privateKeyPem: sealPrivateKey(ctx.config, id, issued.privateKey),
    source: 'dev' as const,
    notBefore: issued.notBefore,
    notAfter: issued.notAfter,
    createdAt: now,
  };
  await repo.insertCertificate(tx, row);
  return { ...row, retiredAt: null };
}

export interface AgencySigner {
  certificate: repo.CertificateRow;
  privateKey: ReturnType<typeof createPrivateKey>;
  /** Signer certificate first, then its issuers (PEM). */
  chainPem: string[];
}

/** Splits a PEM bundle into its certificates. */
export function splitPem(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)?.map((p) => `${p}\n`) ?? [];
}

/** The agency's signing key and chain; made from the dev CA on first use when it is enabled. */
export async function getAgencySigner(ctx: Ctx, tx: Sql, agency: { code: string; name: string }): Promise<AgencySigner> {
  await repo.lockSigningKey(tx, `agency:${agency.code}`);
  let cert = await repo.findActiveAgencyCertificate(tx, agency.code);
  if (!cert) {
    const { root, issuance } = await devIssuance(ctx, tx, agency.code);
    const issued = await createAgencyCertificate({ ...issuance, agency });
    cert = await storeDevCertificate(ctx, tx, { role: 'agency', agencyCode: agency.code, issuerId: root.id, issued, now: issuance.now });
  }
  if (!cert.privateKeyPem) throw SignatureErrors.NO_SIGNING_CERTIFICATE({}, { agency: agency.code });
  const chainPem = splitPem(cert.certificatePem);
  for (let issuerId = cert.issuerId; issuerId; ) {
    const issuer = await repo.findCertificate(tx, issuerId);
    if (!issuer) break;
    chainPem.push(...splitPem(issuer.certificatePem));
    issuerId = issuer.issuerId;
  }
  return { certificate: cert, privateKey: openPrivateKey(ctx.config, cert.id, cert.privateKeyPem), chainPem };
}

/**
 * Plugs in a certificate from the national CA (or any CA the province trusts): a PKCS#12 file
 * with the agency's key and certificate (and usually its chain). The key is re-sealed under
 * MOTCUA_SECRET; the agency's previous certificate is retired (what it signed stays valid).
 * `node:<id>` imports this installation's own node certificate (exchange: announcements and
 * national sync): `<id>` must be this node's MOTCUA_NODE_ID and the certificate must name it
 * (`OU=Mã định danh node:<id>`), as every receiver checks. Refused (400
 * CERTIFICATE_IMPORT_INVALID, with the problem): not a readable PKCS#12 or a wrong passphrase, no
 * key or no certificate for it, an unknown agency or another node, a certificate expired or not
 * yet valid, or one that does not chain to a trust anchor (the roots held here and
 * MOTCUA_TRUSTED_CA_FILE).
 */
export async function importAgencyCertificate(
  ctx: Ctx,
  tx: Sql,
  input: { agencyCode: string; p12: Buffer; passphrase: string },
): Promise<repo.CertificateRow> {
  const invalid = (problem: string) => SignatureErrors.CERTIFICATE_IMPORT_INVALID({}, { problem });
  let key: forge.pki.rsa.PrivateKey | undefined;
  let certs: forge.pki.Certificate[] = [];
  try {
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(input.p12.toString('binary')), false, input.passphrase);
    key = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0]?.key as
      | forge.pki.rsa.PrivateKey
      | undefined;
    certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
  } catch (error) {
    throw invalid(
      `không đọc được tệp PKCS#12: sai mật khẩu hoặc không phải chứng thư số (${(error as Error).message.slice(0, 120)}) / not a readable PKCS#12 file: wrong passphrase, or not a certificate`,
    );
  }
  if (!key) throw invalid('không có khóa bí mật / no private key');
  const leaf = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.equals(key.n) && pub.e?.equals(key.e);
  });
  if (!leaf) throw invalid('không có chứng thư khớp với khóa / no certificate matches the key');
  const nodeId = input.agencyCode.startsWith('node:') ? input.agencyCode.slice('node:'.length) : null;
  if (nodeId !== null) {
    if (nodeId !== ctx.config.MOTCUA_NODE_ID) {
      throw invalid(`node:${nodeId} không phải nút của cài đặt này (MOTCUA_NODE_ID=${ctx.config.MOTCUA_NODE_ID}) / not this installation's node`);
    }
  } else if (!(await findAgency(tx, input.agencyCode))) throw invalid(`không có cơ quan mã ${input.agencyCode} / unknown agency`);
  const pems = [leaf, ...certs.filter((c) => c !== leaf)].map((c) => forge.pki.certificateToPem(c));
  const parsed = new X509Certificate(pems[0]);
  const now = ctx.clock.now();
  const ou = parsed.subject.split('\n').find((l) => l.startsWith('OU=')) ?? '';
  if (nodeId !== null && ou !== `OU=Mã định danh node:${nodeId}`) {
    throw invalid(`chứng thư không mang mã định danh node:${nodeId} (${ou || 'không có OU'}) / the certificate does not name node ${nodeId}`);
  }
  if (now < new Date(parsed.validFrom) || now > new Date(parsed.validTo)) {
    throw invalid(`chứng thư hết hạn hoặc chưa có hiệu lực (${parsed.validFrom} – ${parsed.validTo}) / expired or not yet valid`);
  }
  if (!chainsToAnchor(parsed, pems.slice(1).map((pem) => new X509Certificate(pem)), await trustAnchors(ctx, tx))) {
    throw invalid('chứng thư không do tổ chức chứng thực được tin cậy cấp (MOTCUA_TRUSTED_CA_FILE) / not issued by a trusted CA');
  }
  await repo.lockSigningKey(tx, `agency:${input.agencyCode}`);
  await repo.retireAgencyCertificates(tx, input.agencyCode, now);
  const id = randomUUID();
  const privateKey = createPrivateKey(forge.pki.privateKeyToPem(key));
  const row = {
    id,
    role: 'agency' as const,
    agencyCode: input.agencyCode,
    issuerId: null,
    subject: parsed.subject,
    serial: parsed.serialNumber.toUpperCase(),
    certificatePem: pems.join(''),
    privateKeyPem: sealPrivateKey(ctx.config, id, privateKey),
    source: 'imported' as const,
    notBefore: new Date(parsed.validFrom),
    notAfter: new Date(parsed.validTo),
    createdAt: now,
  };
  await repo.insertCertificate(tx, row);
  return { ...row, retiredAt: null };
}

/** `leaf` reaches one of `anchors` through the certificates it came with (at most 6 links). */
function chainsToAnchor(leaf: X509Certificate, carried: X509Certificate[], anchors: X509Certificate[]): boolean {
  let current = leaf;
  for (let depth = 0; depth < 6; depth++) {
    if (anchors.some((a) => current.checkIssued(a) && current.verify(a.publicKey))) return true;
    const next = carried.find((c) => c !== current && c.ca && current.checkIssued(c) && current.verify(c.publicKey));
    if (!next) return false;
    current = next;
  }
  return false;
}

const fileAnchors = new Map<string, X509Certificate[]>();

/** Trust anchors for verification: every root in the database plus MOTCUA_TRUSTED_CA_FILE. */
export async function trustAnchors(ctx: Pick<AppContext, 'config'>, tx: Sql): Promise<X509Certificate[]> {
  const anchors = (await repo.listRootCertificates(tx)).map((pem) => new X509Certificate(pem));
  const file = ctx.config.MOTCUA_TRUSTED_CA_FILE;
  if (file) {
    if (!fileAnchors.has(file)) fileAnchors.set(file, splitPem(fs.readFileSync(file, 'utf8')).map((pem) => new X509Certificate(pem)));
    anchors.push(...fileAnchors.get(file)!);
  }
  return anchors;
}
