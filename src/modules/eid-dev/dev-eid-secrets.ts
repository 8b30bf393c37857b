import { createPrivateKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The development provider's signing key, cookie keys and the client secret it shares with
 * Một Cửa: generated at the first start and kept in `{MOTCUA_DATA_DIR}/dev-eid/secrets.json`
 * (mode 0600). Never in the repository, never logged.
 */
const secretsSchema = z.object({
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }),
  cookieKeys: z.array(z.string().min(32)).min(1),
  clientSecret: z.string().min(32),
});
export type DevEidSecrets = z.infer<typeof secretsSchema>;

const cache = new Map<string, DevEidSecrets>();

function devEidSecretsFile(dataDir: string) {
  return path.resolve(dataDir, 'dev-eid', 'secrets.json');
}

export function loadDevEidSecrets(dataDir: string): DevEidSecrets {
  const file = devEidSecretsFile(dataDir);
  const cached = cache.get(file);
  if (cached) return cached;
  let secrets: DevEidSecrets;
  if (fs.existsSync(file)) {
    secrets = secretsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } else {
    // Generated as PEM and read back as a key of its own before the JWK export: Node 20 can
    // deadlock when the garbage collector frees the generation job while a key it made is being
    // exported as a JWK (they share one lock; seen as a test process hung for ever in CI).
    const { privateKey: pem } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const jwk = { ...createPrivateKey(pem).export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
    secrets = {
      jwks: { keys: [jwk] },
      cookieKeys: [randomBytes(32).toString('base64url')],
      clientSecret: randomBytes(32).toString('base64url'),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // `wx`: two processes starting together never overwrite each other's keys.
    try {
      fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      secrets = secretsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    }
  }
  cache.set(file, secrets);
  return secrets;
}
