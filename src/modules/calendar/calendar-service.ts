import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '#platform/context.ts';
import { audit } from '#platform/audit.ts';
import { localDate } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import type { PeriodicJob } from '#platform/module.ts';
import { perTransaction } from '#platform/per-transaction.ts';
import { CalendarErrors } from './calendar.errors.ts';
import { calendarRepository as repo } from './calendar.repository.ts';
import { computeDueWith } from './compute-due.ts';
import { generateYear } from './generate-year.ts';
import { CalendarYearMissing, type Deadline, type DayKind, WorkingCalendar } from './working-calendar.ts';

const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');

/** The calendar from the database (a few rows per year: loaded whole, kept in the process until it changes), built once per load. */
const built = new WeakMap<object, WorkingCalendar>();
const calendarOf = perTransaction(async (tx: Sql, _key: 'all') => {
  const years = await repo.loadAll(tx);
  let cal = built.get(years);
  if (!cal) built.set(years, (cal = new WorkingCalendar(years)));
  return cal;
});
export const loadCalendar = (tx: Sql): Promise<WorkingCalendar> => calendarOf(tx, 'all');

/** Runs calendar arithmetic, turning a missing year into the CALENDAR_YEAR_MISSING error. */
async function withCalendar<T>(tx: Sql, fn: (cal: WorkingCalendar) => T): Promise<T> {
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

export const officeHours = (tx: Sql, date: string) => withCalendar(tx, (cal) => cal.officeHours(date));

interface CalendarSeed {
  year: number;
  weekendDays: number[];
  officeHours: { morning: [string, string]; afternoon: [string, string] };
  source: string;
  days: { date: string; kind: DayKind; name: string; verified: boolean }[];
}

async function insertSeed(tx: Sql, data: CalendarSeed, by: string, provisional: boolean): Promise<boolean> {
  if (!(await repo.insertYear(tx, { ...data, by, provisional }))) return false;
  for (const d of data.days) await repo.upsertDay(tx, { ...d, name: d.name.normalize('NFC'), year: data.year });
  return true;
}

/**
 * Loads seed/calendar-YYYY.json for every year not yet in the database, then the year after the
 * last shipped one, generated from the Labour Code and provisional (so the seed is the same
 * whatever the date; `ensureCalendarYears` follows the clock).
 */
export async function seedCalendar(ctx: AppContext): Promise<void> {
  const files = fs.readdirSync(seedDir).filter((f) => /^calendar-\d{4}\.json$/.test(f));
  await ctx.db.transaction(async (tx) => {
    let last = 0;
    for (const file of files) {
      const data = JSON.parse(fs.readFileSync(path.join(seedDir, file), 'utf8')) as CalendarSeed;
      last = Math.max(last, data.year);
      if (await repo.findYear(tx, data.year)) continue;
      await insertSeed(tx, data, 'seed', false);
    }
    if (last > 0) await insertSeed(tx, generateYear(last + 1), 'seed', true);
  });
}

/**
 * Reception must never stop for want of a calendar: the local current year and the next one
 * are generated (provisional) when missing. Years further out stay missing (422). Returns the
 * years generated. Run at start and every hour by `calendarYearsJob`.
 */
export async function ensureCalendarYears(ctx: Pick<AppContext, 'db' | 'logger'>, now: Date): Promise<number[]> {
  const year = Number(localDate(now).slice(0, 4));
  const made: number[] = [];
  await ctx.db.transaction(async (tx) => {
    for (const y of [year, year + 1]) {
      if (await repo.findYear(tx, y)) continue;
      const generated = generateYear(y);
      if (await insertSeed(tx, generated, 'system', true)) {
        made.push(y);
        await audit(tx, { actor: null, now }, 'calendar.year.generate', {
          chain: `calendar:${y}`,
          subject: ['calendar_year', String(y)],
          data: { provisional: true, source: generated.source, days: generated.days.length },
        });
      }
    }
  });
  if (made.length > 0) ctx.logger.info({ years: made }, 'provisional working calendars generated');
  return made;
}

/** Generates missing calendars once at start and then hourly on pg-boss (when jobs are started). */
export const calendarYearsJob: PeriodicJob = {
  queue: 'calendar.ensure_years',
  cron: '7 * * * *',
  runAtStart: true,
  run: async (ctx) => void (await ensureCalendarYears(ctx, ctx.clock.now())),
};
