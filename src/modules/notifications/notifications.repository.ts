import type { Sql } from '#platform/db.ts';

export interface Notification {
  id: string;
  userId: string;
  outboxId: number;
  kind: string;
  dossierId: string | null;
  title: string;
  body: string;
  /** The English wording; null in rows written before it was stored (read in Vietnamese). */
  titleEn: string | null;
  bodyEn: string | null;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

interface Raw {
  id: string;
  user_id: string;
  outbox_id: number;
  kind: string;
  dossier_id: string | null;
  title: string;
  body: string;
  title_en: string | null;
  body_en: string | null;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

const toNotification = (r: Raw): Notification => ({
  id: r.id,
  userId: r.user_id,
  outboxId: Number(r.outbox_id),
  kind: r.kind,
  dossierId: r.dossier_id,
  title: r.title,
  body: r.body,
  titleEn: r.title_en,
  bodyEn: r.body_en,
  link: r.link,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/** Idempotent per (outbox row, user): a replayed event writes nothing. */
export async function insertNotifications(tx: Sql, rows: Omit<Notification, 'readAt'>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO notifications (id, user_id, outbox_id, kind, dossier_id, title, body, title_en, body_en, link, created_at)
     SELECT x.id, x.user_id, x.outbox_id, x.kind, x.dossier_id, x.title, x.body, x.title_en, x.body_en, x.link, x.created_at
       FROM json_to_recordset($1::json) AS x(id text, user_id text, outbox_id bigint, kind text, dossier_id text,
                                             title text, body text, title_en text, body_en text, link text, created_at timestamptz)
     ON CONFLICT (outbox_id, user_id) DO NOTHING`,
    [
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          user_id: r.userId,
          outbox_id: r.outboxId,
          kind: r.kind,
          dossier_id: r.dossierId,
          title: r.title,
          body: r.body,
          title_en: r.titleEn,
          body_en: r.bodyEn,
          link: r.link,
          created_at: r.createdAt.toISOString(),
        })),
      ),
    ],
  );
}

export async function listForUser(
  tx: Sql,
  userId: string,
  options: { unreadOnly: boolean; limit: number; before: Date | null },
): Promise<Notification[]> {
  const rows = await tx.query<Raw>(
    `SELECT * FROM notifications
      WHERE user_id = $1 AND ($2::boolean = false OR read_at IS NULL)
        AND ($3::timestamptz IS NULL OR created_at < $3)
      ORDER BY created_at DESC, id DESC LIMIT $4`,
    [userId, options.unreadOnly, options.before, options.limit],
  );
  return rows.map(toNotification);
}

export async function countUnread(tx: Sql, userId: string): Promise<number> {
  const rows = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return rows[0].n;
}

/** Marks one of the user's notifications read (first read time kept); null when not theirs. */
export async function markRead(tx: Sql, userId: string, id: string, at: Date): Promise<Notification | null> {
  const rows = await tx.query<Raw>(
    `UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING *`,
    [id, userId, at],
  );
  return rows[0] ? toNotification(rows[0]) : null;
}

export async function emailAlreadySent(tx: Sql, outboxId: number, recipient: string): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM notification_emails WHERE outbox_id = $1 AND recipient = $2', [outboxId, recipient]);
  return rows.length > 0;
}

export async function recordEmail(tx: Sql, e: { outboxId: number; recipient: string; subject: string; sentAt: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO notification_emails (outbox_id, recipient, subject, sent_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (outbox_id, recipient) DO NOTHING`,
    [e.outboxId, e.recipient, e.subject, e.sentAt],
  );
}

export interface DvcqgSyncEntry {
  outboxId: number;
  maHoSo: string;
  trangThai: number | null;
  payload: object;
  at: Date;
}

export async function recordDvcqgSync(tx: Sql, e: DvcqgSyncEntry): Promise<void> {
  await recordDvcqgSyncs(tx, [e]);
}

/** Several entries in one statement, their ids in the order given (the national sync sends by id). */
export async function recordDvcqgSyncs(tx: Sql, entries: DvcqgSyncEntry[]): Promise<void> {
  await tx.query(
    `INSERT INTO dvcqg_sync_log (outbox_id, ma_ho_so, trang_thai, payload, recorded_at)
     SELECT o, m, t, p, a FROM unnest($1::bigint[], $2::text[], $3::int[], $4::jsonb[], $5::timestamptz[]) WITH ORDINALITY AS e(o, m, t, p, a, n)
      ORDER BY n
     ON CONFLICT (outbox_id) DO NOTHING`,
    [
      entries.map((e) => e.outboxId),
      entries.map((e) => e.maHoSo),
      entries.map((e) => e.trangThai),
      entries.map((e) => JSON.stringify(e.payload)),
      entries.map((e) => e.at.toISOString()),
    ],
  );
}

export interface DvcqgSyncRow {
  id: number;
  maHoSo: string;
  trangThai: number | null;
  payload: Record<string, unknown>;
  recordedAt: Date;
  deliveredAt: Date | null;
  acknowledgedBy: string | null;
  attempts: number;
  lastError: string | null;
}
const DVCQG_COLUMNS = `id::int AS id, ma_ho_so AS "maHoSo", trang_thai AS "trangThai", payload, recorded_at AS "recordedAt",
  delivered_at AS "deliveredAt", acknowledged_by AS "acknowledgedBy", attempts, last_error AS "lastError"`;

/** Payloads not yet acknowledged by a national node, oldest first. */
export async function listPendingDvcqgSync(tx: Sql, limit: number): Promise<DvcqgSyncRow[]> {
  return tx.query<DvcqgSyncRow>(`SELECT ${DVCQG_COLUMNS} FROM dvcqg_sync_log WHERE delivered_at IS NULL ORDER BY id LIMIT $1`, [limit]);
}

export async function markDvcqgSyncAcknowledged(tx: Sql, ids: number[], by: string, at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('UPDATE dvcqg_sync_log SET delivered_at = $3, acknowledged_by = $2, last_error = NULL WHERE id = ANY($1::bigint[]) AND delivered_at IS NULL', [ids, by, at]);
}

export async function markDvcqgSyncFailed(tx: Sql, ids: number[], error: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('UPDATE dvcqg_sync_log SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])', [ids, error.slice(0, 500)]);
}

/** The sync log, newest first (optionally for one dossier code). */
export async function listDvcqgSync(tx: Sql, filter: { maHoSo?: string; limit: number }): Promise<DvcqgSyncRow[]> {
  return tx.query<DvcqgSyncRow>(
    `SELECT ${DVCQG_COLUMNS} FROM dvcqg_sync_log WHERE ($1::text IS NULL OR ma_ho_so = $1) ORDER BY id DESC LIMIT $2`,
    [filter.maHoSo ?? null, filter.limit],
  );
}

/** The sync log in figures: acknowledged, pending (of those, failing), and the oldest pending row (what an operator looks at first). */
export interface DvcqgSyncSummary {
  pending: number;
  acknowledged: number;
  failing: number;
  oldestPending: DvcqgSyncRow | null;
}
export async function dvcqgSyncSummary(tx: Sql): Promise<DvcqgSyncSummary> {
  const [counts] = await tx.query<{ pending: number; acknowledged: number; failing: number }>(
    `SELECT count(*) FILTER (WHERE delivered_at IS NULL)::int AS pending, count(delivered_at)::int AS acknowledged,
            count(*) FILTER (WHERE delivered_at IS NULL AND last_error IS NOT NULL)::int AS failing FROM dvcqg_sync_log`,
  );
  const [oldest] = await listPendingDvcqgSync(tx, 1);
  return { ...counts, oldestPending: oldest ?? null };
}
