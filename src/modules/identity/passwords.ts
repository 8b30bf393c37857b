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
