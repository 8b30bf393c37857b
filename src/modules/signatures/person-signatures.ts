import { randomUUID, X509Certificate } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { devIssuance, getAgencySigner, splitPem, trustAnchors } from './certificate-authority.ts';
import { createPersonCertificate } from './certificates.ts';
import { openPrivateKey, sealPrivateKey } from './key-vault.ts';
import { signDetachedCms, signPdf } from './sign-pdf.ts';
import * as repo from './signatures.repository.ts';
import { describeCertificate, type SignerInfo, verifyDetachedCms } from './verify-pdf.ts';

type Ctx = Pick<AppContext, 'config' | 'clock'>;

export interface Person {
  userId: string;
  username: string;
  fullName: string;
  title: string;
  organisation: string;
}

/**
 * A person's signing certificate, issued by the development CA on first use (like an agency's):
 * members of collective bodies sign their answers and ballots with it. Without the development
 * CA there is no way to issue one yet → 409 NO_SIGNING_CERTIFICATE.
 */
async function personSigner(ctx: Ctx, tx: Sql, person: Person) {
  await repo.lockSigningKey(tx, `person:${person.userId}`);
  let cert = await repo.findActivePersonCertificate(tx, person.userId);
  if (!cert) {
    const { root, issuance } = await devIssuance(ctx, tx, person.username);
    const issued = await createPersonCertificate({ ...issuance, person });
    const id = randomUUID();
    cert = {
      id,
      userId: person.userId,
      issuerId: root.id,
      subject: issued.subject,
      serial: issued.serial,
      certificatePem: issued.certificatePem,
      privateKeyPem: sealPrivateKey(ctx.config, id, issued.privateKey),
      notBefore: issued.notBefore,
      notAfter: issued.notAfter,
      createdAt: issuance.now,
    };
    await repo.insertPersonCertificate(tx, cert);
  }
  const issuer = await repo.findCertificate(tx, cert.issuerId);
  const chainPem = [...splitPem(cert.certificatePem), ...(issuer ? splitPem(issuer.certificatePem) : [])];
  return { cert, chainPem, privateKey: openPrivateKey(ctx.config, cert.id, cert.privateKeyPem) };
}

/** Signs `content` (the exact bytes of an answer or a ballot) with the person's key: base64 CMS. */
export async function signAsPerson(ctx: Ctx, tx: Sql, person: Person, content: Buffer, at: Date): Promise<{ signature: string; signer: SignerInfo }> {
  const signer = await personSigner(ctx, tx, person);
  const cms = signDetachedCms(content, signer.privateKey, signer.chainPem, at);
  return { signature: cms.toString('base64'), signer: describeCertificate(new X509Certificate(signer.chainPem[0])) };
}

export interface PersonSignatureCheck {
  valid: boolean;
  reason?: string;
  signer: SignerInfo | null;
  signingTime: string | null;
}

/**
 * Verifies a person's signature over `content` for real (CMS, chain to a trusted root) and that
 * the signer is the person named (`userId` in the certificate's UID attribute matches `username`).
 */
export async function verifyPersonSignature(
  ctx: Pick<AppContext, 'config'>,
  tx: Sql,
  input: { content: Buffer; signature: string; username: string },
): Promise<PersonSignatureCheck> {
  const result = verifyDetachedCms(input.content, Buffer.from(input.signature, 'base64'), await trustAnchors(ctx, tx));
  if (!result.valid) return { valid: false, reason: result.reason, signer: result.signer, signingTime: result.signingTime };
  const uid = result.signer?.subject.match(/(?:^|, )UID=([^,]+)/)?.[1];
  if (uid !== input.username) return { valid: false, reason: 'SIGNER_MISMATCH', signer: result.signer, signingTime: result.signingTime };
  return { valid: true, signer: result.signer, signingTime: result.signingTime };
}

/** Signs a generated PDF (e.g. a cabinet conclusion) in the name of an agency, with its certificate. */
export async function signAgencyPdf(
  ctx: Ctx,
  tx: Sql,
  input: { agency: { code: string; name: string }; pdf: Buffer; reason: string; at: Date; contactInfo: string },
): Promise<Buffer> {
  const signer = await getAgencySigner(ctx, tx, input.agency);
  return signPdf({
    pdf: input.pdf,
    privateKey: signer.privateKey,
    chainPem: signer.chainPem,
    signingTime: input.at,
    reason: input.reason,
    name: input.agency.name,
    location: 'Viet Nam',
    contactInfo: input.contactInfo,
  });
}
