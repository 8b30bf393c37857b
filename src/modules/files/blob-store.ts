import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Content-addressed blobs: `<filesDir>/<aa>/<sha256>` where `aa` are the first two hex digits.
 * Bytes are written to `<filesDir>/tmp/` first and renamed into place, so a blob is either
 * complete or absent; identical content is stored once.
 */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export function blobPath(filesDir: string, sha256: string): string {
  if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(filesDir, sha256.slice(0, 2), sha256);
}

/** A temp file being written; `commit` moves it to its content address. */
export interface PendingBlob {
  tempPath: string;
  sha256: string;
  size: number;
  /** Whether the source stream stopped at the size limit. */
  truncated: boolean;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

function tempFile(filesDir: string): string {
  const dir = path.join(filesDir, 'tmp');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${randomUUID()}.part`);
}

async function moveIntoPlace(filesDir: string, tempPath: string, sha256: string): Promise<void> {
  const target = blobPath(filesDir, sha256);
  if (fs.existsSync(target)) {
    await fs.promises.rm(tempPath, { force: true });
    return;
  }
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.rename(tempPath, target);
}

/** Streams `source` to a temp file, hashing as it goes. */
export async function receiveBlob(filesDir: string, source: Readable & { truncated?: boolean }): Promise<PendingBlob> {
  const tempPath = tempFile(filesDir);
  const hash = createHash('sha256');
  const out = fs.createWriteStream(tempPath);
  let size = 0;
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      hash.update(buf);
      size += buf.length;
      if (!out.write(buf)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  const sha256 = hash.digest('hex');
  return {
    tempPath,
    sha256,
    size,
    truncated: !!source.truncated,
    commit: () => moveIntoPlace(filesDir, tempPath, sha256),
    discard: () => fs.promises.rm(tempPath, { force: true }),
  };
}

/** Stores bytes already in memory (generated documents); returns their SHA-256. */
export async function writeBlob(filesDir: string, bytes: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (fs.existsSync(blobPath(filesDir, sha256))) return sha256;
  const tempPath = tempFile(filesDir);
  await fs.promises.writeFile(tempPath, bytes);
  await moveIntoPlace(filesDir, tempPath, sha256);
  return sha256;
}

export async function readBlob(filesDir: string, sha256: string): Promise<Buffer | null> {
  try {
    return await fs.promises.readFile(blobPath(filesDir, sha256));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function openBlob(filesDir: string, sha256: string): fs.ReadStream {
  return fs.createReadStream(blobPath(filesDir, sha256));
}
