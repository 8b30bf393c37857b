import { randomBytes } from 'node:crypto';
import type { Sql } from './db.ts';

/**
 * A random secret this installation made for itself (`install_secrets`), created at first use
 * and shared by every process on the same database. For development installs that set no
 * secret: a published constant would let anyone forge what the secret protects.
 */
export async function installSecret(db: Sql, name: string): Promise<string> {
  await db.query('INSERT INTO install_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    name,
    randomBytes(32).toString('base64url'),
  ]);
  const [row] = await db.query<{ value: string }>('SELECT value FROM install_secrets WHERE name = $1', [name]);
  return row.value;
}
