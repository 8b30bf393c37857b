import type { Sql } from '#platform/db.ts';

/**
 * The SQL of a bulk account import (import-users.ts): which usernames exist, and its own use of
 * the Idempotency-Key store. The route ignores the generic store (its answer holds temporary
 * passwords); the import keeps there, in its transaction, an answer without them, so a replay
 * under the same key creates nothing and answers which accounts the first request created.
 */
export interface StoredImport {
  requestHash: string;
  status: number | null;
  response: unknown;
}

export const userImportRepository = {
  /** The usernames of `usernames` that exist, deleted accounts included (a username is never reused). */
  async existingUsernames(tx: Sql, usernames: string[]): Promise<Set<string>> {
    if (usernames.length === 0) return new Set();
    const rows = await tx.query<{ username: string }>('SELECT username FROM users WHERE username = ANY($1::text[])', [usernames]);
    return new Set(rows.map((r) => r.username));
  },

  /** The identity numbers of `idNumbers` another account already has (the column is unique). */
  async existingIdNumbers(tx: Sql, idNumbers: string[]): Promise<Set<string>> {
    if (idNumbers.length === 0) return new Set();
    const rows = await tx.query<{ id_number: string }>('SELECT id_number FROM users WHERE id_number = ANY($1::text[])', [idNumbers]);
    return new Set(rows.map((r) => r.id_number));
  },

  /** The addresses of `emails` (trimmed, lower case) an account holds, compared trimmed and case aside as createUser does. */
  async existingEmails(tx: Sql, emails: string[]): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const rows = await tx.query<{ email: string }>(
      'SELECT lower(btrim(email)) AS email FROM users WHERE deleted_at IS NULL AND lower(btrim(email)) = ANY($1::text[])',
      [emails],
    );
    return new Set(rows.map((r) => r.email));
  },

  async findStored(sql: Sql, scope: string, key: string): Promise<StoredImport | null> {
    const [row] = await sql.query<{ request_hash: string; status_code: number | null; response: unknown }>(
      'SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    return row ? { requestHash: row.request_hash, status: row.status_code, response: row.response } : null;
  },

  /** Claims the key in the import's transaction; false when it is already taken (then read it with findStored). */
  async claim(tx: Sql, scope: string, key: string, requestHash: string): Promise<boolean> {
    const rows = await tx.query(
      'INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT (scope, key) DO NOTHING RETURNING key',
      [scope, key, requestHash],
    );
    return rows.length === 1;
  },

  async store(tx: Sql, scope: string, key: string, status: number, answer: unknown): Promise<void> {
    await tx.query('UPDATE idempotency_keys SET status_code = $3, response = $4::jsonb WHERE scope = $1 AND key = $2', [scope, key, status, JSON.stringify(answer)]);
  },
};
