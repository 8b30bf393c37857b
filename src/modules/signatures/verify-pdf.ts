import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { extractSignature } from '@signpdf/utils';
import forge from 'node-forge';

/**
 * Verification of a signed PDF, step by step (docs/modules/signatures.md):
 * 1. find the signature dictionary's /ByteRange and /Contents; the range must cover the whole
 *    file except the /Contents hole (nothing added after signing);
 * 2. parse /Contents as CMS SignedData (PKCS#7), one signer, digest SHA-256/384/512 only; the
 *    signer certificate is the carried one whose issuer name (DER) and serial the SignerInfo names;
 * 3. the signed attribute messageDigest must equal the digest of the covered bytes;
 * 4. the signature over the signed attributes must verify with the signer certificate's key;
 * 5. the signer certificate must chain, signature by signature, to one of the trust anchors,
 *    every issuer being a CA, and the signing time must lie in every certificate's validity.
 * Pure function: no database, no clock. Never throws on bad input: answers a reason.
 */
export const VERIFY_REASONS = [
  'NO_SIGNATURE',
  'MALFORMED_SIGNATURE',
  'INCOMPLETE_COVERAGE',
  'WEAK_ALGORITHM',
  'DIGEST_MISMATCH',
  'SIGNATURE_INVALID',
  'UNTRUSTED_CERTIFICATE',
  'CERTIFICATE_NOT_VALID_AT_SIGNING_TIME',
] as const;
export type PdfVerifyReason = (typeof VERIFY_REASONS)[number];

export interface SignerInfo {
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  fingerprint256: string;
}

export interface PdfVerification {
  valid: boolean;
  reason?: PdfVerifyReason;
  signer: SignerInfo | null;
  signingTime: string | null;
  /** SHA-256 of the whole file as received. */
  sha256: string;
  /** Fingerprint (SHA-256) of the trust anchor the chain ended at. */
  anchor: string | null;
}

const DIGESTS: Record<string, string> = {
  [forge.pki.oids.sha256]: 'sha256',
  [forge.pki.oids.sha384]: 'sha384',
  [forge.pki.oids.sha512]: 'sha512',
};

const oidOf = (node: forge.asn1.Asn1): string => forge.asn1.derToOid(node.value as string);
const der = (node: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

export function describeCertificate(cert: X509Certificate): SignerInfo {
  return {
    subject: cert.subject.split('\n').join(', '),
    issuer: cert.issuer.split('\n').join(', '),
    serial: cert.serialNumber.toUpperCase(),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
  };
}

/** The DER of a certificate's issuer Name, as written in it. */
function issuerDer(cert: X509Certificate): Buffer {
  const tbs = (forge.asn1.fromDer(cert.raw.toString('binary')).value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  // tbsCertificate: [0] version (optional), serialNumber, signature, issuer, …
  const offset = tbs[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return der(tbs[offset + 2]);
}

function within(cert: X509Certificate, at: Date): boolean {
  return new Date(cert.validFrom).getTime() <= at.getTime() && at.getTime() <= new Date(cert.validTo).getTime();
}

export function verifyPdf(pdf: Buffer, trustAnchors: X509Certificate[]): PdfVerification {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const fail = (reason: PdfVerifyReason, rest: Partial<PdfVerification> = {}): PdfVerification => ({
    valid: false,
    reason,
    signer: null,
    signingTime: null,
    sha256,
    anchor: null,
    ...rest,
  });

  // 1. Byte range and signature bytes.
  let extracted: ReturnType<typeof extractSignature>;
  try {
    extracted = extractSignature(pdf);
  } catch {
    return fail('NO_SIGNATURE');
  }
  const [start, firstLength, secondStart, secondLength] = extracted.ByteRange;
  if (start !== 0 || secondStart + secondLength !== pdf.length || secondStart <= firstLength) {
    return fail('INCOMPLETE_COVERAGE');
  }
  const hole = pdf.subarray(firstLength, secondStart).toString('latin1');
  if (!/^<[0-9a-fA-F]*>$/.test(hole)) return fail('MALFORMED_SIGNATURE');

  // The hole is the DER padded with zeros. Parse it by its own length: @signpdf's
  // extractSignature strips trailing "00" pairs, which cuts a signature whose last byte is 0x00
  // (one in 256) and made such results look malformed.
  const cms = Buffer.from(hole.slice(1, -1), 'hex');
  return { ...verifyDetachedCms(extracted.signedData, cms, trustAnchors), sha256 };
}

export type CmsVerification = Omit<PdfVerification, 'sha256'>;

/**
 * Steps 2–5 for any content: a detached CMS SignedData (DER, trailing zero padding allowed) over
 * `content`. Used for PDFs and for the signed answers and ballots of the cabinet module.
 */
export function verifyDetachedCms(content: Buffer, cms: Buffer, trustAnchors: X509Certificate[]): CmsVerification {
  const fail = (reason: PdfVerifyReason, rest: Partial<CmsVerification> = {}): CmsVerification => ({
    valid: false,
    reason,
    signer: null,
    signingTime: null,
    anchor: null,
    ...rest,
  });
  // 2. CMS SignedData.
  let message: forge.pkcs7.PkcsSignedData & { rawCapture: Record<string, unknown> };
  let signerCert: X509Certificate;
  let chainCandidates: X509Certificate[];
  let digestName: string;
  let signedAttrs: forge.asn1.Asn1[];
  try {
    const padded = cms.toString('binary');
    message = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(padded, { parseAllBytes: false } as unknown as boolean)) as typeof message;
    const capture = message.rawCapture as {
      certificates?: { value: forge.asn1.Asn1[] };
      signerInfos: forge.asn1.Asn1[];
      serial?: string;
      issuer?: forge.asn1.Asn1;
      digestAlgorithm?: string;
      authenticatedAttributes?: forge.asn1.Asn1[];
      signature?: string;
    };
    if (capture.signerInfos.length !== 1 || !capture.authenticatedAttributes || !capture.signature || !capture.digestAlgorithm) {
      return fail('MALFORMED_SIGNATURE');
    }
    const name = DIGESTS[forge.asn1.derToOid(capture.digestAlgorithm)];
    if (!name) return fail('WEAK_ALGORITHM');
    digestName = name;
    signedAttrs = capture.authenticatedAttributes;
    chainCandidates = (capture.certificates?.value ?? []).map((c) => new X509Certificate(der(c)));
    const serial = forge.util.bytesToHex(capture.serial ?? '').replace(/^(00)+/, '').toUpperCase();
    // The signer is named by issuer *and* serial (RFC 5652 §5.3), compared as DER like openssl
    // and poppler do: a signature naming its issuer in another encoding names no certificate.
    const issuer = capture.issuer ? der(capture.issuer) : null;
    const found = chainCandidates.find(
      (c) => c.serialNumber.toUpperCase().replace(/^(00)+/, '') === serial && issuer !== null && issuerDer(c).equals(issuer),
    );
    if (!found) return fail('MALFORMED_SIGNATURE');
    signerCert = found;

    // 3. messageDigest over the covered bytes; signingTime when present.
    let messageDigest: Buffer | null = null;
    let signingTime: Date | null = null;
    for (const attr of signedAttrs) {
      const [typeNode, valuesNode] = attr.value as forge.asn1.Asn1[];
      const type = oidOf(typeNode);
      const first = (valuesNode.value as forge.asn1.Asn1[])[0];
      if (type === forge.pki.oids.messageDigest) messageDigest = Buffer.from(first.value as string, 'binary');
      if (type === forge.pki.oids.signingTime) {
        signingTime =
          first.type === forge.asn1.Type.UTCTIME
            ? forge.asn1.utcTimeToDate(first.value as string)
            : forge.asn1.generalizedTimeToDate(first.value as string);
      }
    }
    const signer = describeCertificate(signerCert);
    const at = signingTime ?? new Date();
    const signedAt = signingTime ? signingTime.toISOString() : null;
    const actual = createHash(digestName).update(content).digest();
    if (!messageDigest?.equals(actual)) return fail('DIGEST_MISMATCH', { signer, signingTime: signedAt });

    // 4. Signature over the DER SET OF the signed attributes.
    const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, signedAttrs);
    const ok = verifySignature(digestName, der(set), signerCert.publicKey, Buffer.from(capture.signature, 'binary'));
    if (!ok) return fail('SIGNATURE_INVALID', { signer, signingTime: signedAt });

    // 5. Chain to a trust anchor.
    const anchorPrints = new Set(trustAnchors.map((a) => a.fingerprint256));
    const pool = [...trustAnchors, ...chainCandidates];
    let current = signerCert;
    const path: X509Certificate[] = [current];
    let anchor: X509Certificate | null = anchorPrints.has(current.fingerprint256) ? current : null;
    for (let depth = 0; !anchor && depth < 6; depth++) {
      const issuer = pool.find(
        (c) => c.fingerprint256 !== current.fingerprint256 && c.ca && current.checkIssued(c) && current.verify(c.publicKey),
      );
      if (!issuer) break;
      path.push(issuer);
      if (anchorPrints.has(issuer.fingerprint256)) anchor = issuer;
      current = issuer;
    }
    if (!anchor) return fail('UNTRUSTED_CERTIFICATE', { signer, signingTime: signedAt });
    if (!path.every((c) => within(c, at))) return fail('CERTIFICATE_NOT_VALID_AT_SIGNING_TIME', { signer, signingTime: signedAt });
    return { valid: true, signer, signingTime: signedAt, anchor: anchor.fingerprint256 };
  } catch {
    return fail('MALFORMED_SIGNATURE');
  }
}
