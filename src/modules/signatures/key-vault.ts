import { createPrivateKey, hkdfSync, type KeyObject } from 'node:crypto';
import { type Config, DEVELOPMENT_SECRET } from '../../config.ts';

/**
 * Private keys at rest: encrypted PKCS#8 PEM (PBES2, AES-256-CBC) under a passphrase derived
 * with HKDF-SHA-256 from MOTCUA_SECRET and the certificate id, so every key has its own
 * passphrase and the secret itself is never stored. Production refuses to start without
 * MOTCUA_SECRET (config.ts); development and tests use a fixed value that protects nothing.
 */

function passphrase(config: Pick<Config, 'MOTCUA_SECRET'>, keyId: string): string {
  const secret = config.MOTCUA_SECRET ?? DEVELOPMENT_SECRET;
  return Buffer.from(hkdfSync('sha256', secret, 'motcua/signing-keys/v1', keyId, 32)).toString('base64');
}

export function sealPrivateKey(config: Pick<Config, 'MOTCUA_SECRET'>, keyId: string, key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: passphrase(config, keyId) }) as string;
}

export function openPrivateKey(config: Pick<Config, 'MOTCUA_SECRET'>, keyId: string, sealed: string): KeyObject {
  return createPrivateKey({ key: sealed, format: 'pem', passphrase: passphrase(config, keyId) });
}
