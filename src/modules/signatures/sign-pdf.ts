import type { KeyObject } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';

/**
 * Signs a PDF the PAdES-basic way: a signature dictionary with a /ByteRange covering the whole
 * file except the /Contents hole, which receives a detached CMS/PKCS#7 SignedData (SHA-256,
 * signed attributes contentType, signingTime and messageDigest) carrying the signer's
 * certificate and its chain. The key never leaves memory: a throw-away PKCS#12 is built for
 * @signpdf/signer-p12 with a random passphrase.
 */
/**
 * The signature dictionary's text fields in ASCII: @signpdf/placeholder-plain writes non-ASCII
 * strings and names with a broken encoding (readers show mojibake, poppler reports a syntax
 * error), so Vietnamese is written without diacritics there. The page itself keeps them.
 */
export function asciiField(text: string): string {
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
  const passphrase = randomBytes(18).toString('base64');
  const key = forge.pki.privateKeyFromPem(input.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
  const certs = input.chainPem.map((pem) => forge.pki.certificateFromPem(pem));
  const p12 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, { algorithm: 'aes256', count: 1000 });
  const signer = new P12Signer(Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), { passphrase });
  return new SignPdf().sign(withPlaceholder, signer, input.signingTime);
}
