import type { Sql } from '#platform/db.ts';
import { processCache } from '#platform/process-cache.ts';
import type { CalendarYear, DayKind } from './working-calendar.ts';

/**
 * Every year with its special days, in one round trip, kept in the process (every deadline
 * computation reads it): a year added or a day set or removed drops it everywhere.
 */
const calendar = processCache('calendar', async (tx, _all: 'all') => {
  const years = await tx.query<{ year: number; weekendDays: number[]; officeHours: CalendarYear['officeHours']; days: CalendarYear['days'] | null }>(
    `SELECT y.year, y.weekend_days AS "weekendDays", y.office_hours AS "officeHours",
       (SELECT json_agg(json_build_object('year', d.year, 'date', d.date, 'kind', d.kind, 'name', d.name) ORDER BY d.date)
          FROM calendar_days d WHERE d.year = y.year) AS days
     FROM calendar_years y ORDER BY y.year`,
  );
  return years.map((y) => ({ ...y, days: y.days ?? [] }));
});

export const calendarRepository = {
  /** The same array until the calendar changes (callers may build on it once). */
  async loadAll(tx: Sql): Promise<CalendarYear[]> {
    return (await calendar.get(tx, 'all')) ?? [];
  },

  async findYear(tx: Sql, year: number) {
    const [row] = await tx.query<{ year: number; version: number; source: string | null; provisional: boolean; confirmedAt: Date | null; confirmedBy: string | null }>(
      `SELECT year, version, source, provisional, confirmed_at AS "confirmedAt", confirmed_by AS "confirmedBy"
       FROM calendar_years WHERE year = $1`,
      [year],
    );
    return row ?? null;
  },

  /** Marks a provisional year official, its days checked (and its source the notice named); false when it is not provisional (or missing). */
  async confirmYear(tx: Sql, year: number, by: string, at: Date, source: string | undefined): Promise<boolean> {
    const rows = await tx.query(
      `UPDATE calendar_years SET provisional = false, confirmed_at = $3, confirmed_by = $2, source = COALESCE($4, source),
         version = version + 1, updated_by = $2, updated_at = $3
       WHERE year = $1 AND provisional RETURNING year`,
      [year, by, at, source ?? null],
    );
    if (rows.length === 0) return false;
    await tx.query('UPDATE calendar_days SET verified = true WHERE year = $1', [year]);
    return true;
  },

  listDays(tx: Sql, year: number) {
    return tx.query<{ date: string; kind: DayKind; name: string; verified: boolean }>(
      'SELECT date, kind, name, verified FROM calendar_days WHERE year = $1 ORDER BY date',
      [year],
    );
  },

  async insertYear(
    tx: Sql,
    y: {
      year: number;
      weekendDays: number[];
      officeHours: CalendarYear['officeHours'];
      source: string | null;
      by: string | null;
      provisional?: boolean;
    },
  ): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO calendar_years (year, weekend_days, office_hours, source, updated_by, provisional) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (year) DO NOTHING RETURNING year`,
      [y.year, JSON.stringify(y.weekendDays), JSON.stringify(y.officeHours), y.source, y.by, y.provisional ?? false],
    );
    if (rows.length > 0) await calendar.changed(tx);
    return rows.length > 0;
  },

  async upsertDay(tx: Sql, d: { year: number; date: string; kind: DayKind; name: string; verified: boolean }) {
    await tx.query(
      `INSERT INTO calendar_days (date, year, kind, name, verified) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, verified = EXCLUDED.verified`,
      [d.date, d.year, d.kind, d.name, d.verified],
    );
    await calendar.changed(tx);
  },

  async deleteDay(tx: Sql, date: string): Promise<boolean> {
    const deleted = (await tx.query('DELETE FROM calendar_days WHERE date = $1 RETURNING date', [date])).length > 0;
    if (deleted) await calendar.changed(tx);
    return deleted;
  },

  async bumpVersion(tx: Sql, year: number, by: string, at: Date) {
    await tx.query('UPDATE calendar_years SET version = version + 1, updated_by = $2, updated_at = $3 WHERE year = $1', [
      year,
      by,
      at,
    ]);
  },
};
