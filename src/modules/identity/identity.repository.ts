import type { Grant, Role } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  idNumber: string | null;
  email: string | null;
  phone: string | null;
  passwordHash: string | null;
  active: boolean;
}

const userColumns = `id, username, full_name AS "fullName", id_number AS "idNumber", email, phone,
  password_hash AS "passwordHash", active`;

export const identityRepository = {
  async countUsers(tx: Sql): Promise<number> {
    const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return row.n;
  },

  async findUserByUsername(tx: Sql, username: string): Promise<UserRow | null> {
    const [row] = await tx.query<UserRow>(
      `SELECT ${userColumns} FROM users WHERE username = $1 AND deleted_at IS NULL`,
      [username.toLowerCase()],
    );
    return row ?? null;
  },

  async findUserById(tx: Sql, id: string): Promise<UserRow | null> {
    const [row] = await tx.query<UserRow>(`SELECT ${userColumns} FROM users WHERE id = $1 AND deleted_at IS NULL`, [id]);
    return row ?? null;
  },

  async insertUser(tx: Sql, u: Omit<UserRow, 'active'>): Promise<void> {
    await tx.query(
      `INSERT INTO users (id, username, full_name, id_number, email, phone, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING`,
      [u.id, u.username.toLowerCase(), u.fullName, u.idNumber, u.email, u.phone, u.passwordHash],
    );
  },

  async setActive(tx: Sql, id: string, active: boolean) {
    await tx.query('UPDATE users SET active = $2 WHERE id = $1', [id, active]);
    if (!active) await tx.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
  },

  listGrants(tx: Sql, userId: string): Promise<Grant[]> {
    return tx.query<Grant>(
      `SELECT role, agency_code AS "agencyCode", province_code AS "provinceCode"
       FROM user_grants WHERE user_id = $1 ORDER BY id`,
      [userId],
    );
  },

  async replaceGrants(tx: Sql, userId: string, grants: Grant[]) {
    await tx.query('DELETE FROM user_grants WHERE user_id = $1', [userId]);
    for (const g of grants) {
      await tx.query(
        `INSERT INTO user_grants (user_id, role, agency_code, province_code) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [userId, g.role, g.agencyCode, g.provinceCode],
      );
    }
  },

  listUsers(tx: Sql, filter: { agencyCode?: string; q?: string }) {
    return tx.query<Omit<UserRow, 'passwordHash'>>(
      `SELECT DISTINCT u.id, u.username, u.full_name AS "fullName", u.id_number AS "idNumber", u.email, u.phone, u.active
       FROM users u LEFT JOIN user_grants g ON g.user_id = u.id
       WHERE u.deleted_at IS NULL AND ($1::text IS NULL OR g.agency_code = $1)
         AND ($2::text IS NULL OR f_unaccent(u.username || ' ' || u.full_name) LIKE '%' || f_unaccent($2) || '%')
       ORDER BY u.username LIMIT 200`,
      [filter.agencyCode ?? null, filter.q ?? null],
    );
  },

  async insertSession(
    tx: Sql,
    s: { id: string; tokenHash: string; userId: string; createdAt: Date; expiresAt: Date; ip: string; userAgent: string | null },
  ) {
    await tx.query(
      `INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [s.id, s.tokenHash, s.userId, s.createdAt, s.expiresAt, s.ip, s.userAgent],
    );
  },

  async findLiveSession(tx: Sql, tokenHash: string, now: Date) {
    const [row] = await tx.query<{ sessionId: string; userId: string }>(
      `SELECT s.id AS "sessionId", s.user_id AS "userId" FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.active AND u.deleted_at IS NULL`,
      [tokenHash, now],
    );
    return row ?? null;
  },

  async revokeSession(tx: Sql, sessionId: string, at: Date) {
    await tx.query('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, at]);
  },

  async countFailures(tx: Sql, by: { username: string; ip: string }, since: Date) {
    const [row] = await tx.query<{ byUser: number; byIp: number }>(
      `SELECT count(*) FILTER (WHERE username = $1)::int AS "byUser", count(*) FILTER (WHERE ip = $2)::int AS "byIp"
       FROM login_failures WHERE at > $3 AND (username = $1 OR ip = $2)`,
      [by.username, by.ip, since],
    );
    return row;
  },

  async recordFailure(tx: Sql, f: { username: string; ip: string; at: Date }) {
    await tx.query('INSERT INTO login_failures (username, ip, at) VALUES ($1, $2, $3)', [f.username, f.ip, f.at]);
  },

  async clearFailures(tx: Sql, username: string) {
    await tx.query('DELETE FROM login_failures WHERE username = $1', [username]);
  },
};

export type { Role };
