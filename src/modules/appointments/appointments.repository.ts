import type { Sql } from '#platform/db.ts';

/** booked → cancelled (the citizen), or → arrived / no_show (the desk, on the day). */
export type AppointmentStatus = 'booked' | 'cancelled' | 'arrived' | 'no_show';

export interface Appointment {
  id: string;
  code: string;
  agencyCode: string;
  procedureCode: string;
  date: string;
  startTime: string;
  endTime: string;
  userId: string;
  fullName: string;
  phone: string;
  status: AppointmentStatus;
  createdAt: Date;
  remindedAt: Date | null;
  statusAt?: Date | null;
  agencyName?: string | null;
  procedureName?: string | null;
}

const SELECT = `SELECT id, code, agency_code AS "agencyCode", procedure_code AS "procedureCode", to_char(date, 'YYYY-MM-DD') AS date,
  start_time AS "startTime", end_time AS "endTime", user_id AS "userId", full_name AS "fullName", phone, status,
  created_at AS "createdAt", reminded_at AS "remindedAt", status_at AS "statusAt",
  (SELECT name FROM agencies WHERE agencies.code = appointments.agency_code) AS "agencyName",
  (SELECT name FROM procedures WHERE procedures.code = appointments.procedure_code) AS "procedureName" FROM appointments`;

export async function findSettings(tx: Sql, agencyCode: string): Promise<{ slotMinutes: number; capacity: number } | null> {
  const [row] = await tx.query<{ slotMinutes: number; capacity: number }>(
    'SELECT slot_minutes AS "slotMinutes", capacity FROM appointment_settings WHERE agency_code = $1',
    [agencyCode],
  );
  return row ?? null;
}

export async function saveSettings(tx: Sql, agencyCode: string, s: { slotMinutes: number; capacity: number }, by: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO appointment_settings (agency_code, slot_minutes, capacity, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (agency_code) DO UPDATE SET slot_minutes = excluded.slot_minutes, capacity = excluded.capacity,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [agencyCode, s.slotMinutes, s.capacity, at, by],
  );
}

/** Places taken per slot start of one day at one agency (every booking but a cancelled one). */
export async function countBooked(tx: Sql, agencyCode: string, date: string): Promise<Map<string, number>> {
  const rows = await tx.query<{ start: string; n: number }>(
    `SELECT start_time AS start, count(*)::int AS n FROM appointments WHERE agency_code = $1 AND date = $2 AND status <> 'cancelled' GROUP BY start_time`,
    [agencyCode, date],
  );
  return new Map(rows.map((r) => [r.start, r.n]));
}

/** Serialises bookings of one slot (two citizens taking the last place: one gets it). */
export async function lockSlot(tx: Sql, agencyCode: string, date: string, start: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`appointment:${agencyCode}:${date}:${start}`]);
}

export async function findBooked(tx: Sql, userId: string, agencyCode: string, procedureCode: string, date: string): Promise<Appointment | null> {
  const [row] = await tx.query<Appointment>(
    `${SELECT} WHERE user_id = $1 AND agency_code = $2 AND procedure_code = $3 AND date = $4 AND status = 'booked'`,
    [userId, agencyCode, procedureCode, date],
  );
  return row ?? null;
}

export async function insertAppointment(tx: Sql, a: Omit<Appointment, 'status' | 'remindedAt'>): Promise<void> {
  await tx.query(
    `INSERT INTO appointments (id, code, agency_code, procedure_code, date, start_time, end_time, user_id, full_name, phone, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [a.id, a.code, a.agencyCode, a.procedureCode, a.date, a.startTime, a.endTime, a.userId, a.fullName, a.phone, a.createdAt],
  );
}

export async function listForUser(tx: Sql, userId: string, fromDate: string): Promise<Appointment[]> {
  return tx.query<Appointment>(`${SELECT} WHERE user_id = $1 AND date >= $2 AND status = 'booked' ORDER BY date, start_time`, [userId, fromDate]);
}

/** The desk's day: every booking not cancelled (booked, arrived, no-show), by slot. */
export async function listForAgency(tx: Sql, agencyCode: string, date: string): Promise<Appointment[]> {
  return tx.query<Appointment>(`${SELECT} WHERE agency_code = $1 AND date = $2 AND status <> 'cancelled' ORDER BY start_time, created_at`, [agencyCode, date]);
}

export async function findByCode(tx: Sql, code: string): Promise<Appointment | null> {
  const [row] = await tx.query<Appointment>(`${SELECT} WHERE code = $1`, [code]);
  return row ?? null;
}

/** Locks one booking's row for a change (cancel, move, attendance). */
export async function lockBooking(tx: Sql, id: string): Promise<void> {
  await tx.query('SELECT 1 FROM appointments WHERE id = $1 FOR UPDATE', [id]);
}

export async function setStatus(tx: Sql, id: string, status: AppointmentStatus, by: string, at: Date): Promise<void> {
  await tx.query('UPDATE appointments SET status = $2, status_by = $3, status_at = $4 WHERE id = $1', [id, status, by, at]);
}

/** Another slot for the same booking (same code); the reminder is sent again for a new day. */
export async function moveTo(tx: Sql, id: string, slot: { date: string; startTime: string; endTime: string }, by: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE appointments SET date = $2, start_time = $3, end_time = $4, status_by = $5, status_at = $6,
       reminded_at = CASE WHEN date = $2::date THEN reminded_at ELSE NULL END WHERE id = $1`,
    [id, slot.date, slot.startTime, slot.endTime, by, at],
  );
}

/** Bookings of `date` not yet reminded, marked reminded (each reminded once). */
export async function takeDueReminders(tx: Sql, date: string, at: Date): Promise<Appointment[]> {
  const ids = await tx.query<{ id: string }>(
    `UPDATE appointments SET reminded_at = $2 WHERE date = $1 AND status = 'booked' AND reminded_at IS NULL RETURNING id`,
    [date, at],
  );
  if (ids.length === 0) return [];
  return tx.query<Appointment>(`${SELECT} WHERE id = ANY($1::text[]) ORDER BY start_time`, [ids.map((r) => r.id)]);
}
