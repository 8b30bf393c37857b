import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { CalendarErrors } from './calendar.errors.ts';
import { calendarRepository as repo } from './calendar.repository.ts';
import type { CalendarYear, DayKind } from './working-calendar.ts';

/** Administrators edit the calendar; every change bumps the year's version and is audited. */
export async function createYear(
  tx: Sql,
  input: { actor: Actor; now: Date; year: number; weekendDays: number[]; officeHours: CalendarYear['officeHours']; source: string | null },
) {
  if (await repo.findYear(tx, input.year)) throw CalendarErrors.CALENDAR_YEAR_EXISTS({}, { year: input.year });
  await repo.insertYear(tx, { ...input, by: input.actor.id });
  await audit(tx, input, 'calendar.year.create', {
    chain: `calendar:${input.year}`,
    subject: ['calendar_year', String(input.year)],
    data: { weekendDays: input.weekendDays, officeHours: input.officeHours, source: input.source },
  });
}

export async function setDay(
  tx: Sql,
  input: { actor: Actor; now: Date; date: string; kind: DayKind; name: string; verified: boolean },
) {
  const year = Number(input.date.slice(0, 4));
  if (!(await repo.findYear(tx, year))) throw CalendarErrors.CALENDAR_YEAR_MISSING({ year }, { year });
  await repo.upsertDay(tx, { year, date: input.date, kind: input.kind, name: input.name.normalize('NFC'), verified: input.verified });
  await repo.bumpVersion(tx, year, input.actor.id, input.now);
  await audit(tx, input, 'calendar.day.set', {
    chain: `calendar:${year}`,
    subject: ['calendar_day', input.date],
    data: { kind: input.kind, name: input.name, verified: input.verified },
  });
}

export async function removeDay(tx: Sql, input: { actor: Actor; now: Date; date: string }) {
  const year = Number(input.date.slice(0, 4));
  if (!(await repo.deleteDay(tx, input.date))) throw CalendarErrors.CALENDAR_DAY_NOT_FOUND();
  await repo.bumpVersion(tx, year, input.actor.id, input.now);
  await audit(tx, input, 'calendar.day.remove', { chain: `calendar:${year}`, subject: ['calendar_day', input.date] });
}

/**
 * An administrator confirms a provisional (generated) year after checking it against the
 * official notice (`source`: its number and date, which replaces the generated "Tạm tính" note):
 * it becomes official and every day of it counts as checked; the version grows; audited.
 * Confirming an official year again changes nothing (idempotent); a missing year is 422.
 */
export async function confirmYear(tx: Sql, input: { actor: Actor; now: Date; year: number; source?: string }) {
  const found = await repo.findYear(tx, input.year);
  if (!found) throw CalendarErrors.CALENDAR_YEAR_MISSING({ year: input.year }, { year: input.year });
  const source = input.source?.normalize('NFC');
  if (await repo.confirmYear(tx, input.year, input.actor.id, input.now, source)) {
    await audit(tx, input, 'calendar.year.confirm', {
      chain: `calendar:${input.year}`,
      subject: ['calendar_year', String(input.year)],
      ...(source ? { data: { source } } : {}),
    });
  }
  return repo.findYear(tx, input.year);
}

/** From this local date (MM-DD) on, a provisional next year is shown as a warning to administrators. */
const WARN_FROM = '10-01';

/** What the calendar screen warns about: next year missing or provisional from 1 October. */
export async function calendarStatus(tx: Sql, input: { today: string }) {
  const year = Number(input.today.slice(0, 4));
  const years = await Promise.all([year, year + 1].map(async (y) => ({ year: y, found: await repo.findYear(tx, y) })));
  const state = (f: (typeof years)[number]['found']): 'missing' | 'provisional' | 'official' => (!f ? 'missing' : f.provisional ? 'provisional' : 'official');
  const [current, next] = years.map((y) => ({ year: y.year, state: state(y.found) }));
  return {
    today: input.today,
    current,
    next,
    warning: current.state !== 'official' || (input.today.slice(5) >= WARN_FROM && next.state !== 'official'),
  };
}
