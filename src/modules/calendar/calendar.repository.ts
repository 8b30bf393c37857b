import type { Sql } from '#platform/db.ts';
import type { CalendarYear, DayKind } from './working-calendar.ts';

export const calendarRepository = {
  async loadAll(tx: Sql): Promise<CalendarYear[]> {
    const years = await tx.query<{ year: number; weekendDays: number[]; officeHours: CalendarYear['officeHours'] }>(
      'SELECT year, weekend_days AS "weekendDays", office_hours AS "officeHours" FROM calendar_years ORDER BY year',
    );
    const days = await tx.query<{ year: number; date: string; kind: DayKind; name: string }>(
      'SELECT year, date, kind, name FROM calendar_days ORDER BY date',
    );
    return years.map((y) => ({ ...y, days: days.filter((d) => d.year === y.year) }));
  },

  async findYear(tx: Sql, year: number) {
    const [row] = await tx.query<{ year: number; version: number; source: string | null; provisional: boolean; confirmedAt: Date | null; confirmedBy: string | null }>(
      `SELECT year, version, source, provisional, confirmed_at AS "confirmedAt", confirmed_by AS "confirmedBy"
       FROM calendar_years WHERE year = $1`,
      [year],
    );
    return row ?? null;
  },

  /** Marks a provisional year official; false when it is not provisional (or missing). */
  async confirmYear(tx: Sql, year: number, by: string, at: Date): Promise<boolean> {
    const rows = await tx.query(
      `UPDATE calendar_years SET provisional = false, confirmed_at = $3, confirmed_by = $2, version = version + 1, updated_by = $2, updated_at = $3
       WHERE year = $1 AND provisional RETURNING year`,
      [year, by, at],
    );
    return rows.length > 0;
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
    return rows.length > 0;
  },

  async upsertDay(tx: Sql, d: { year: number; date: string; kind: DayKind; name: string; verified: boolean }) {
    await tx.query(
      `INSERT INTO calendar_days (date, year, kind, name, verified) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, verified = EXCLUDED.verified`,
      [d.date, d.year, d.kind, d.name, d.verified],
    );
  },

  async deleteDay(tx: Sql, date: string): Promise<boolean> {
    return (await tx.query('DELETE FROM calendar_days WHERE date = $1 RETURNING date', [date])).length > 0;
  },

  async bumpVersion(tx: Sql, year: number, by: string, at: Date) {
    await tx.query('UPDATE calendar_years SET version = version + 1, updated_by = $2, updated_at = $3 WHERE year = $1', [
      year,
      by,
      at,
    ]);
  },
};
