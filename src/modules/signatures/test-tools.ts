import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';

/**
 * Test helpers that check a signed PDF with standard tools, independent of our verifier:
 * `openssl cms -verify` on the CMS blob and the bytes the /ByteRange covers, and poppler's
 * `pdfsig`. Used by the signature tests only.
 */

/** The CMS blob of the /Contents hole (DER, without the zero padding) and the covered bytes. */
export function splitSignedPdf(pdf: Buffer): { cms: Buffer; content: Buffer } {
  const text = pdf.toString('latin1');
  const range = text.match(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/);
  if (!range) throw new Error('no /ByteRange');
  const [a, b, c, d] = range.slice(1).map(Number);
  const padded = Buffer.from(pdf.subarray(b + 1, c - 1).toString('latin1'), 'hex');
  const length = forge.asn1.toDer(forge.asn1.fromDer(padded.toString('binary'), { parseAllBytes: false } as unknown as boolean)).length();
  return { cms: padded.subarray(0, length), content: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]) };
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cms-'));

/** `openssl cms -verify -binary -inform DER` (with -noverify unless a CA file is given). */
export function opensslCmsVerify(pdf: Buffer, options: { caPem?: string; content?: Buffer } = {}) {
  const { cms, content } = splitSignedPdf(pdf);
  const d = tempDir();
  fs.writeFileSync(path.join(d, 'sig.der'), cms);
  fs.writeFileSync(path.join(d, 'content.bin'), options.content ?? content);
  const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.der', '-content', 'content.bin', '-out', '/dev/null'];
  if (options.caPem) {
    fs.writeFileSync(path.join(d, 'ca.pem'), options.caPem);
    args.push('-CAfile', 'ca.pem', '-purpose', 'any');
  } else {
    args.push('-noverify');
  }
  const run = spawnSync('openssl', args, { cwd: d, encoding: 'utf8' });
  return { ok: run.status === 0 && run.stderr.includes('Verification successful'), status: run.status, stderr: run.stderr };
}

/** poppler's `pdfsig -nocert` (no trust store: the signature and the digest only). */
export function pdfsig(pdf: Buffer) {
  const d = tempDir();
  fs.writeFileSync(path.join(d, 'signed.pdf'), pdf);
  const run = spawnSync('pdfsig', ['-nocert', 'signed.pdf'], { cwd: d, encoding: 'utf8' });
  return { ok: run.stdout.includes('Signature Validation: Signature is Valid.'), stdout: run.stdout, status: run.status };
}
