import type { Grant, Role } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { processCache } from '#platform/process-cache.ts';

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  idNumber: string | null;
  email: string | null;
  phone: string | null;
  passwordHash: string | null;
  active: boolean;
  /** YYYY-MM-DD, from the e-ID */
  birthDate: string | null;
  /** formatted address, from the e-ID */
  address: string | null;
  /** The password was set by an administrator (or printed at the first start): the user must choose their own. */
  mustChangePassword: boolean;
}

const userColumns = `id, username, full_name AS "fullName", id_number AS "idNumber", email, phone,
  password_hash AS "passwordHash", active, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", address,
  must_change_password AS "mustChangePassword"`;

export interface EidAuthRequest {
  state: string;
  codeVerifier: string;
  nonce: string;
  /** The page that asked for the sign-in (a path of this site), or null: none asked, the user's start page. */
  returnTo: string | null;
}

export interface SessionActor {
  sessionId: string;
  id: string;
  username: string;
  fullName: string;
  idNumber: string | null;
  grants: Grant[];
  mustChangePassword: boolean;
  expiresAt: Date;
}

/** What ended or changed: one session (sign-out) or everything of one account (grants, deactivation, name). */
type SessionChange = { session: string } | { user: string };

/**
 * Session, user and grants by token hash, kept in the process (every authenticated request reads
 * them) until the session or its account changes in any process; the expiry is checked per request.
 */
const sessionActors = processCache<string, SessionActor, SessionChange>(
  'sessions',
  async (tx, tokenHash) => {
    const [row] = await tx.query<SessionActor>(
      `SELECT s.id AS "sessionId", u.id, u.username, u.full_name AS "fullName", u.id_number AS "idNumber",
              coalesce((SELECT json_agg(json_build_object('role', g.role, 'agencyCode', g.agency_code, 'provinceCode', g.province_code) ORDER BY g.id)
                        FROM user_grants g WHERE g.user_id = u.id), '[]') AS grants,
              u.must_change_password AS "mustChangePassword", s.expires_at AS "expiresAt"
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND u.active AND u.deleted_at IS NULL`,
      [tokenHash],
    );
    return row ?? null;
  },
  { stale: (which, actor) => ('session' in which ? actor.sessionId === which.session : actor.id === which.user) },
);

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

  async findUserByIdNumber(tx: Sql, idNumber: string): Promise<UserRow | null> {
    const [row] = await tx.query<UserRow>(
      `SELECT ${userColumns} FROM users WHERE id_number = $1 AND deleted_at IS NULL`,
      [idNumber],
    );
    return row ?? null;
  },

  /** A citizen known only through the e-ID (no password). False when the id number or username exists. */
  async insertEidCitizen(tx: Sql, u: { id: string; username: string; fullName: string; idNumber: string }): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO users (id, username, full_name, id_number) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING id`,
      [u.id, u.username, u.fullName, u.idNumber],
    );
    return rows.length === 1;
  },

  /** The facts the e-ID asserted at this sign-in ("only once": forms prefill them). */
  async updateEidFacts(
    tx: Sql,
    id: string,
    f: { fullName: string | null; birthDate: string | null; address: string | null; subject: string; at: Date },
  ) {
    await tx.query(
      `UPDATE users SET full_name = COALESCE($2, full_name), birth_date = COALESCE($3::date, birth_date),
         address = COALESCE($4, address), eid_subject = $5, eid_verified_at = $6 WHERE id = $1`,
      [id, f.fullName, f.birthDate, f.address, f.subject, f.at],
    );
    await sessionActors.changed(tx, { user: id });
  },

  async insertEidRequest(tx: Sql, r: EidAuthRequest & { createdAt: Date; expiresAt: Date }) {
    await tx.query(
      `INSERT INTO eid_auth_requests (state, code_verifier, nonce, return_to, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [r.state, r.codeVerifier, r.nonce, r.returnTo, r.createdAt, r.expiresAt],
    );
  },

  /** Marks the request used; says why when it cannot be (unknown, expired, already used). */
  async consumeEidRequest(
    tx: Sql,
    state: string,
    now: Date,
  ): Promise<{ ok: true; request: EidAuthRequest } | { ok: false; reason: 'unknown' | 'expired' | 'used' }> {
    const [row] = await tx.query<EidAuthRequest & { expiresAt: Date; usedAt: Date | null }>(
      `SELECT state, code_verifier AS "codeVerifier", nonce, return_to AS "returnTo", expires_at AS "expiresAt",
         used_at AS "usedAt" FROM eid_auth_requests WHERE state = $1 FOR UPDATE`,
      [state],
    );
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.usedAt) return { ok: false, reason: 'used' };
    if (new Date(row.expiresAt).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    await tx.query('UPDATE eid_auth_requests SET used_at = $2 WHERE state = $1', [state, now]);
    return { ok: true, request: { state: row.state, codeVerifier: row.codeVerifier, nonce: row.nonce, returnTo: row.returnTo } };
  },

  /** Requests older than a day are of no use (they expire after 10 minutes). */
  async purgeEidRequests(tx: Sql, before: Date) {
    await tx.query('DELETE FROM eid_auth_requests WHERE created_at < $1', [before]);
  },

  /** Any account, deleted ones too, holds this identity number (the column is unique). */
  async idNumberTaken(tx: Sql, idNumber: string): Promise<boolean> {
    const [row] = await tx.query<{ taken: boolean }>('SELECT EXISTS (SELECT 1 FROM users WHERE id_number = $1) AS taken', [idNumber]);
    return row.taken;
  },

  /**
   * Another live account (not `exceptId`) holds this e-mail address, compared trimmed and case
   * aside. Takes a lock on the address for the rest of the transaction first, so two accounts given
   * the same address at once are checked one after the other (no unique index: older installations
   * may hold duplicates).
   */
  async emailTaken(tx: Sql, email: string, exceptId: string | null = null): Promise<boolean> {
    const address = email.trim().toLowerCase();
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`users.email|${address}`]);
    const [row] = await tx.query<{ taken: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM users WHERE deleted_at IS NULL AND lower(btrim(email)) = $1 AND ($2::text IS NULL OR id <> $2::text)) AS taken`,
      [address, exceptId],
    );
    return row.taken;
  },

  /** `mustChangePassword`: the password was chosen by someone else (an administrator, the first start). */
  async insertUser(tx: Sql, u: Omit<UserRow, 'active' | 'birthDate' | 'address' | 'mustChangePassword'> & { mustChangePassword?: boolean }): Promise<void> {
    await tx.query(
      `INSERT INTO users (id, username, full_name, id_number, email, phone, password_hash, must_change_password)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING`,
      [u.id, u.username.toLowerCase(), u.fullName, u.idNumber, u.email, u.phone, u.passwordHash, u.mustChangePassword ?? false],
    );
  },

  /** A new password hash; `mustChangePassword`: set by an administrator (reset), cleared by the user's own change. */
  async setPassword(tx: Sql, id: string, p: { passwordHash: string; mustChangePassword: boolean }) {
    await tx.query('UPDATE users SET password_hash = $2, must_change_password = $3 WHERE id = $1', [id, p.passwordHash, p.mustChangePassword]);
    await sessionActors.changed(tx, { user: id });
  },

  /** Ends every live session of the user but `except` (the session that changed its own password); how many ended. */
  async revokeUserSessions(tx: Sql, userId: string, at: Date, except: string | null = null): Promise<number> {
    const rows = await tx.query(
      `UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND ($3::text IS NULL OR id <> $3::text) RETURNING id`,
      [userId, at, except],
    );
    await sessionActors.changed(tx, { user: userId });
    return rows.length;
  },

  /** Full name, e-mail and phone as corrected by an administrator (the name is on the signed-in account's session). */
  async updateDetails(tx: Sql, id: string, d: { fullName: string; email: string | null; phone: string | null }) {
    await tx.query('UPDATE users SET full_name = $2, email = $3, phone = $4 WHERE id = $1', [id, d.fullName, d.email, d.phone]);
    await sessionActors.changed(tx, { user: id });
  },

  async setActive(tx: Sql, id: string, active: boolean) {
    await tx.query('UPDATE users SET active = $2 WHERE id = $1', [id, active]);
    if (!active) await tx.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
    await sessionActors.changed(tx, { user: id });
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
    await sessionActors.changed(tx, { user: userId });
  },

  /** Accounts (not citizens without grants when filtered by agency) with their grants and the agencies' names. */
  /**
   * Active users holding one of `roles` at an active agency of the province of `agencyCode`, with
   * that agency's name (first by name); only `userId` when given (is that one user among them?).
   */
  listRolesInProvinceOf(tx: Sql, agencyCode: string, roles: readonly string[], userId?: string) {
    return tx.query<{ id: string; username: string; fullName: string; agencyName: string }>(
      `SELECT DISTINCT ON (u.full_name, u.id) u.id, u.username, u.full_name AS "fullName", a.name AS "agencyName"
         FROM users u
         JOIN user_grants g ON g.user_id = u.id AND g.role = ANY($2::text[])
         JOIN agencies a ON a.code = g.agency_code AND a.active
        WHERE u.deleted_at IS NULL AND u.active
          AND a.province_code = (SELECT province_code FROM agencies WHERE code = $1)
          AND ($3::text IS NULL OR u.id = $3::text)
        ORDER BY u.full_name, u.id, a.name
        LIMIT 300`,
      [agencyCode, [...roles], userId ?? null],
    );
  },

  /** One account as the list presents it (or null). */
  async findListedUser(tx: Sql, id: string) {
    const [row] = await identityRepository.listUsers(tx, { id });
    return row ?? null;
  },

  listUsers(tx: Sql, filter: { agencyCode?: string; q?: string; id?: string }) {
    return tx.query<Omit<UserRow, 'passwordHash' | 'birthDate' | 'address'> & { grants: (Grant & { agencyName: string | null })[] }>(
      `SELECT u.id, u.username, u.full_name AS "fullName", u.id_number AS "idNumber", u.email, u.phone, u.active,
              coalesce((SELECT json_agg(json_build_object('role', g.role, 'agencyCode', g.agency_code,
                          'provinceCode', g.province_code, 'agencyName', a.name) ORDER BY g.id)
                        FROM user_grants g LEFT JOIN agencies a ON a.code = g.agency_code WHERE g.user_id = u.id), '[]') AS grants
       FROM users u
       WHERE u.deleted_at IS NULL
         AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM user_grants g WHERE g.user_id = u.id AND g.agency_code = $1))
         AND ($2::text IS NULL OR f_unaccent(u.username || ' ' || u.full_name) LIKE '%' || f_unaccent($2) || '%')
         AND ($3::text IS NULL OR u.id = $3::text)
       ORDER BY u.username LIMIT 200`,
      [filter.agencyCode ?? null, filter.q ?? null, filter.id ?? null],
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

  /** The live session's actor (runs on every authenticated request: kept in the process, see `sessionActors`). */
  async findSessionActor(tx: Sql, tokenHash: string, now: Date): Promise<SessionActor | null> {
    const row = await sessionActors.get(tx, tokenHash);
    return row && new Date(row.expiresAt).getTime() > now.getTime() ? row : null;
  },

  async revokeSession(tx: Sql, sessionId: string, at: Date) {
    await tx.query('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, at]);
    await sessionActors.changed(tx, { session: sessionId });
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
