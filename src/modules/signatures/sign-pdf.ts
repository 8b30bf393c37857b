import { constants, type KeyObject, privateEncrypt } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';

/**
 * Signs a PDF the PAdES-basic way: a signature dictionary with a /ByteRange covering the whole
 * file except the /Contents hole, which receives a detached CMS/PKCS#7 SignedData (SHA-256,
 * signed attributes contentType, signingTime and messageDigest) carrying the signer's
 * certificate and its chain. The key never leaves memory.
 */
/**
 * The signature dictionary's text fields in ASCII: @signpdf/placeholder-plain writes non-ASCII
 * strings and names with a broken encoding (readers show mojibake, poppler reports a syntax
 * error), so Vietnamese is written without diacritics there. The page itself keeps them.
 */
function asciiField(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '-');
}

export async function signPdf(input: {
  pdf: Buffer;
  privateKey: KeyObject;
  /** The signer's certificate first, then its issuers. */
  chainPem: string[];
  signingTime: Date;
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
}): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: input.pdf,
    reason: asciiField(input.reason),
    name: asciiField(input.name),
    location: asciiField(input.location),
    contactInfo: asciiField(input.contactInfo),
    signingTime: input.signingTime,
    signatureLength: 8192,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'Mot-Cua',
  });
  return new SignPdf().sign(withPlaceholder, new CmsSigner(input.privateKey, input.chainPem), input.signingTime);
}

/**
 * node-forge keeps a parsed UTF8String name value as its raw UTF-8 bytes but encodes the value
 * again when it writes a name, so a Vietnamese issuer name came out double-encoded in the
 * SignerInfo's issuerAndSerialNumber (the @signpdf P12 signer passes the parsed certificate):
 * openssl then said "signer certificate not found" and pdfsig failed. The attributes are
 * decoded first, so the issuer written is byte for byte the certificate's own issuer.
 */
function writableName(attributes: forge.pki.CertificateField[]): forge.pki.CertificateField[] {
  return attributes.map((a) =>
    (a.valueTagClass as unknown) === forge.asn1.Type.UTF8 ? { ...a, value: forge.util.decodeUtf8(a.value as string) } : a,
  );
}

/** Detached CMS SignedData, SHA-256, signed attributes contentType, signingTime, messageDigest. */
class CmsSigner extends Signer {
  constructor(
    private readonly privateKey: KeyObject,
    private readonly chainPem: string[],
  ) {
    super();
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    return signDetachedCms(pdf, this.privateKey, this.chainPem, signingTime ?? new Date());
  }
}

/**
 * A detached CMS SignedData (DER) over any content: SHA-256, signed attributes contentType,
 * signingTime and messageDigest, the signer's certificate and chain carried. `openssl cms
 * -verify -binary -inform DER -content <file>` verifies it.
 */
export function signDetachedCms(content: Buffer, privateKey: KeyObject, chainPem: string[], signingTime: Date): Buffer {
  const key = nativeRsaSigner(privateKey);
  const certs = chainPem.map((pem) => forge.pki.certificateFromPem(pem));
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  for (const cert of certs) p7.addCertificate(cert);
  const certificate = certs[0];
  p7.addSigner({
    key,
    issuer: writableName(certificate.issuer.attributes),
    serialNumber: certificate.serialNumber,
    digestAlgorithm: forge.pki.oids.sha256,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
      { type: forge.pki.oids.signingTime, value: signingTime as unknown as string },
      { type: forge.pki.oids.messageDigest },
    ],
  } as unknown as Parameters<typeof p7.addSigner>[0]);
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2, note 1): the digest's 32 bytes follow. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * The RSA private-key operation done by Node's crypto (OpenSSL: constant-time, blinded) instead of
 * node-forge's JavaScript big integers: forge's PKCS#7 code calls `key.sign(md)` for the
 * RSASSA-PKCS1-v1_5 signature over the signed attributes, and this answers it with the same bytes
 * (the padding is deterministic) in about a tenth of the time, without turning the key into PEM
 * and parsing it again for every signature.
 */
function nativeRsaSigner(privateKey: KeyObject) {
  return {
    sign(md: forge.md.MessageDigest): string {
      if (md.algorithm !== 'sha256') throw new Error(`unexpected digest ${md.algorithm}`);
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]);
      return privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    },
  };
}
