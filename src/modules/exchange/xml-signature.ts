import { type KeyObject, X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import * as xpath from 'xpath';

/**
 * XML-DSig for edXML packages: enveloped signature over the whole document (Reference URI=""),
 * exclusive C14N, RSA-SHA256 by default (RSA-SHA1 when configured, as in the VPCP samples),
 * `KeyInfo/X509Data` with the subject name and the certificate chain. xml-crypto signs and
 * checks; the chain, validity and sender are checked here. Verified by `xmlsec1 --verify` in
 * the tests. Pure: the trust anchors and the time come in as arguments.
 */
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const SIGNATURE_ALGORITHMS = {
  'rsa-sha256': { signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256' },
  'rsa-sha1': { signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1' },
} as const;
export type SignatureAlgorithm = keyof typeof SIGNATURE_ALGORITHMS;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const base64Of = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
/** RFC 4514 order (most specific first), as XML-DSig's X509SubjectName expects. */
export const subjectName = (cert: X509Certificate) => cert.subject.split('\n').reverse().join(',');

export interface Signer {
  privateKey: KeyObject;
  /** Signer certificate first, then its issuers. */
  chainPem: string[];
}

/** Signs an edXML document: the Signature is appended to `edXMLHeader`. */
export function signEdxml(xml: string, signer: Signer, algorithm: SignatureAlgorithm = 'rsa-sha256'): string {
  const alg = SIGNATURE_ALGORITHMS[algorithm];
  const leaf = new X509Certificate(signer.chainPem[0]);
  const sig = new SignedXml({
    privateKey: signer.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    signatureAlgorithm: alg.signature,
    canonicalizationAlgorithm: EXC_C14N,
    getKeyInfoContent: () =>
      `<X509Data><X509SubjectName>${escapeXml(subjectName(leaf))}</X509SubjectName>${signer.chainPem
        .map((pem) => `<X509Certificate>${base64Of(pem)}</X509Certificate>`)
        .join('')}</X509Data>`,
  });
  sig.addReference({ xpath: '/*', isEmptyUri: true, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: alg.digest });
  sig.computeSignature(xml, { location: { reference: "/*/*[local-name()='edXMLHeader']", action: 'append' } });
  return sig.getSignedXml();
}

export const SIGNATURE_PROBLEMS = [
  'SIGNATURE_MISSING',
  'SIGNATURE_INVALID',
  'WEAK_ALGORITHM',
  'UNTRUSTED_CERTIFICATE',
  'CERTIFICATE_NOT_VALID',
  'MALFORMED',
] as const;
export type SignatureProblem = (typeof SIGNATURE_PROBLEMS)[number];

export class SignatureCheckError extends Error {
  constructor(
    readonly problem: SignatureProblem,
    detail: string,
  ) {
    super(`${problem}: ${detail}`);
    this.name = 'SignatureCheckError';
  }
}

export interface VerifiedXml {
  /** The signed content (canonical XML without the Signature): read THIS, never the input. */
  signedXml: string;
  certificate: X509Certificate;
  algorithm: SignatureAlgorithm;
}

/**
 * Checks the one enveloped signature of an edXML document: the reference covers the whole
 * document, digest and signature verify, the algorithm is allowed, the signer's certificate
 * chains to a trust anchor and is valid at `at`. Returns the signed content to read from, so
 * that nothing outside the signature (wrapping attacks) is ever read.
 */
export function verifyEdxml(
  xml: string,
  options: { anchors: X509Certificate[]; at: Date; allowed: readonly SignatureAlgorithm[] },
): VerifiedXml {
  const errors: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({ onError: (level, msg) => (level !== 'warning' ? errors.push(msg) : undefined) }).parseFromString(xml, 'text/xml') as unknown as Document;
  } catch (error) {
    throw new SignatureCheckError('MALFORMED', (error as Error).message.split('\n')[0]);
  }
  if (errors.length > 0 || !doc.documentElement) throw new SignatureCheckError('MALFORMED', errors[0] ?? 'not XML');
  if (/<!DOCTYPE/i.test(xml)) throw new SignatureCheckError('MALFORMED', 'DOCTYPE not allowed');
  const nodes = xpath.select(`//*[local-name()='Signature' and namespace-uri()='${DS}']`, doc as unknown as globalThis.Node) as unknown as Element[];
  if (nodes.length === 0) throw new SignatureCheckError('SIGNATURE_MISSING', 'no ds:Signature');
  if (nodes.length > 1) throw new SignatureCheckError('MALFORMED', 'more than one ds:Signature');
  const node = nodes[0];
  const parent = node.parentNode as Element | null;
  if (parent?.localName !== 'edXMLHeader' || parent.parentNode !== doc.documentElement) {
    throw new SignatureCheckError('MALFORMED', 'ds:Signature must be in edXMLEnvelope/edXMLHeader');
  }
  const certs = (xpath.select(`.//*[local-name()='X509Certificate' and namespace-uri()='${DS}']`, node as unknown as globalThis.Node) as unknown as Element[]).map(
    (c) => {
      try {
        return new X509Certificate(Buffer.from((c.textContent ?? '').replace(/\s+/g, ''), 'base64'));
      } catch {
        throw new SignatureCheckError('MALFORMED', 'X509Certificate is not a certificate');
      }
    },
  );
  if (certs.length === 0) throw new SignatureCheckError('MALFORMED', 'KeyInfo/X509Data/X509Certificate missing');
  const leaf = certs[0];
  const sig = new SignedXml({ publicCert: leaf.toString(), getCertFromKeyInfo: () => null });
  try {
    sig.loadSignature(node as unknown as globalThis.Node);
  } catch (error) {
    throw new SignatureCheckError('MALFORMED', (error as Error).message);
  }
  const algorithm = (Object.keys(SIGNATURE_ALGORITHMS) as SignatureAlgorithm[]).find((k) => SIGNATURE_ALGORITHMS[k].signature === sig.signatureAlgorithm);
  if (!algorithm || !options.allowed.includes(algorithm)) throw new SignatureCheckError('WEAK_ALGORITHM', String(sig.signatureAlgorithm));
  const refs = sig.getReferences();
  if (refs.length !== 1 || (refs[0].uri ?? '') !== '' || refs[0].digestAlgorithm !== SIGNATURE_ALGORITHMS[algorithm].digest) {
    throw new SignatureCheckError('MALFORMED', 'exactly one Reference URI="" with the matching digest is required');
  }
  if (sig.canonicalizationAlgorithm !== EXC_C14N) throw new SignatureCheckError('MALFORMED', 'CanonicalizationMethod must be exclusive C14N');
  let ok = false;
  try {
    ok = sig.checkSignature(xml);
  } catch (error) {
    throw new SignatureCheckError('SIGNATURE_INVALID', (error as Error).message.split('\n')[0]);
  }
  const signed = sig.getSignedReferences();
  if (!ok || signed.length !== 1) throw new SignatureCheckError('SIGNATURE_INVALID', 'signature does not verify');
  checkChain(leaf, certs.slice(1), options.anchors, options.at);
  return { signedXml: signed[0], certificate: leaf, algorithm };
}

/** Leaf → carried intermediates → a trust anchor; every certificate valid at `at`. */
export function checkChain(leaf: X509Certificate, carried: X509Certificate[], anchors: X509Certificate[], at: Date): void {
  const valid = (c: X509Certificate) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);
  let current = leaf;
  for (let depth = 0; depth < 6; depth++) {
    if (!valid(current)) throw new SignatureCheckError('CERTIFICATE_NOT_VALID', `${current.subject.split('\n').join(', ')} not valid at ${at.toISOString()}`);
    const anchor = anchors.find((a) => current.checkIssued(a) && current.verify(a.publicKey));
    if (anchor) {
      if (!valid(anchor)) throw new SignatureCheckError('CERTIFICATE_NOT_VALID', 'root not valid');
      return;
    }
    const next = carried.find((c) => c !== current && c.ca && current.checkIssued(c) && current.verify(c.publicKey));
    if (!next) break;
    current = next;
  }
  throw new SignatureCheckError('UNTRUSTED_CERTIFICATE', `${leaf.issuer.split('\n').join(', ')} is not a trusted CA`);
}

/** The QCVN 102 agency identifier in a certificate subject (`OU=Mã định danh <code>`), if any. */
export function agencyCodeOf(cert: X509Certificate): string | null {
  const m = /(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})/.exec(cert.subject.split('\n').find((l) => l.startsWith('OU=')) ?? '');
  return m ? m[1] : null;
}
