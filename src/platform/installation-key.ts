import { createHmac, createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';

/**
 * The installation's own keys, derived with HKDF-SHA-256 from MOTCUA_SECRET (never stored):
 * an HMAC key that seals each audit row and an Ed25519 key pair that signs audit checkpoints.
 * Whoever holds the secret can re-derive them; whoever only writes to the database cannot.
 * Development and tests use the same fixed value as the signing-key vault (protects nothing).
 */
export const DEVELOPMENT_SECRET = 'motcua-development-secret-do-not-use-in-production';

export interface InstallationKeys {
  /** HMAC-SHA-256 key for audit rows. */
  macKey: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the checkpoint key (printed in every exported checkpoint). */
  publicKeyPem: string;
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function installationKeys(secret: string | undefined): InstallationKeys {
  const ikm = secret ?? DEVELOPMENT_SECRET;
  const macKey = Buffer.from(hkdfSync('sha256', ikm, 'motcua/installation/v1', 'audit-row-mac', 32));
  const seed = Buffer.from(hkdfSync('sha256', ikm, 'motcua/installation/v1', 'audit-checkpoint-ed25519', 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { macKey, privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}

export function hmacHex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}
