import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../http/context.ts';
import type { Sql } from '#platform/db.ts';
import { perTransaction } from '#platform/per-transaction.ts';
import { CalendarErrors } from './calendar.errors.ts';
import { calendarRepository as repo } from './calendar.repository.ts';
import { computeDueWith } from './compute-due.ts';
import { CalendarYearMissing, type Deadline, type DayKind, WorkingCalendar } from './working-calendar.ts';

const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');

/** The calendar from the database (a few rows per year: loaded whole, once per transaction). */
const calendarOf = perTransaction(async (tx: Sql, _key: 'all') => new WorkingCalendar(await repo.loadAll(tx)));
export const loadCalendar = (tx: Sql): Promise<WorkingCalendar> => calendarOf(tx, 'all');

/** Runs calendar arithmetic, turning a missing year into the CALENDAR_YEAR_MISSING error. */
export async function withCalendar<T>(tx: Sql, fn: (cal: WorkingCalendar) => T): Promise<T> {
  const cal = await loadCalendar(tx);
  try {
    return fn(cal);
  } catch (error) {
    if (error instanceof CalendarYearMissing) throw CalendarErrors.CALENDAR_YEAR_MISSING({ year: error.year }, { year: error.year });
    throw error;
  }
}

export const computeDue = (tx: Sql, input: { receivedAt: Date; deadline: Deadline; cutoffTime: string }) =>
  withCalendar(tx, (cal) => computeDueWith(cal, input));

export const addWorkingDays = (tx: Sql, from: string, days: number) => withCalendar(tx, (cal) => cal.addWorkingDays(from, days));

export const workingDaysBetween = (tx: Sql, from: string, to: string) =>
  withCalendar(tx, (cal) => cal.workingDaysBetween(from, to));

export const isWorkingDay = (tx: Sql, date: string) => withCalendar(tx, (cal) => cal.isWorkingDay(date));

interface CalendarSeed {
  year: number;
  weekendDays: number[];
  officeHours: { morning: [string, string]; afternoon: [string, string] };
  source: string;
  days: { date: string; kind: DayKind; name: string; verified: boolean }[];
}

/** Loads seed/calendar-YYYY.json for every year not yet in the database. */
export async function seedCalendar(ctx: AppContext): Promise<void> {
  const files = fs.readdirSync(seedDir).filter((f) => /^calendar-\d{4}\.json$/.test(f));
  await ctx.db.transaction(async (tx) => {
    for (const file of files) {
      const data = JSON.parse(fs.readFileSync(path.join(seedDir, file), 'utf8')) as CalendarSeed;
      if (await repo.findYear(tx, data.year)) continue;
      await repo.insertYear(tx, { ...data, by: 'seed' });
      for (const d of data.days) await repo.upsertDay(tx, { ...d, name: d.name.normalize('NFC'), year: data.year });
    }
  });
}
