import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (memory-hard); the hash string carries its parameters. */
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

/** Verifying against this keeps an unknown username as slow as a wrong password. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('không-phải-mật-khẩu-thật');
  return dummyHash;
}

/** 31 letters and digits read aloud or copied from paper without doubt: no 0/O, 1/I/L. */
const READABLE = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const TEMPORARY_GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * A temporary password (đặt lại mật khẩu) an administrator hands over: 16 characters of a
 * readable alphabet in groups of four (`K7QH-3MZP-W9RA-XT4E`), ≈ 79 bits from crypto.randomBytes,
 * drawn without modulo bias (bytes ≥ the largest multiple of the alphabet's size are redrawn).
 */
export function temporaryPassword(): string {
  const wanted = TEMPORARY_GROUPS * GROUP_LENGTH;
  const limit = 256 - (256 % READABLE.length);
  const chars: string[] = [];
  while (chars.length < wanted) {
    for (const byte of randomBytes(wanted * 2)) {
      if (byte < limit && chars.length < wanted) chars.push(READABLE[byte % READABLE.length]);
    }
  }
  return Array.from({ length: TEMPORARY_GROUPS }, (_, i) => chars.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join('')).join('-');
}
