import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Sql } from '#platform/db.ts';

/**
 * openssl verifies a detached CMS signature (base64 DER) over `signedText`, chaining to the
 * installation's development root: an independent check of what our verifier says.
 */
export async function opensslVerifiesCms(db: Sql, signedText: string, signatureB64: string): Promise<boolean> {
  const [root] = await db.query<{ pem: string }>(`SELECT certificate_pem AS pem FROM signing_certificates WHERE role = 'root' AND source = 'dev'`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cms-'));
  fs.writeFileSync(path.join(dir, 'sig.der'), Buffer.from(signatureB64, 'base64'));
  fs.writeFileSync(path.join(dir, 'content.txt'), signedText);
  fs.writeFileSync(path.join(dir, 'ca.pem'), root.pem);
  const run = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.der', '-content', 'content.txt', '-CAfile', 'ca.pem', '-purpose', 'any', '-out', '/dev/null'], { cwd: dir, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return run.status === 0 && run.stderr.includes('Verification successful');
}
