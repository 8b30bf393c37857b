import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '#modules/calendar/index.ts';
import { dueDateOf, periodOf, periodsOfYear } from './periods.ts';
import type { RegimeDefinition } from './regime-definition.ts';

type Year = ConstructorParameters<typeof WorkingCalendar>[0][number];
const load = (year: number) => JSON.parse(fs.readFileSync(`seed/calendar-${year}.json`, 'utf8')) as Year;
const calendar = new WorkingCalendar([load(2025), load(2026)]);
const addWorkingDays = (date: string, days: number) => calendar.addWorkingDays(date, days);

type Def = Pick<RegimeDefinition, 'periodTypes' | 'cutoffDay' | 'adHoc' | 'due'>;
const nd09: Def = { periodTypes: ['month', 'quarter', 'half', 'nine_months', 'year'], cutoffDay: 15, due: { workingDaysAfterCutoff: 2 } };

describe('periods and due dates under NĐ 09/2019 (cut-off on the 15th, due 2 working days after)', () => {
  it.each([
    // code, from, to, due (the 2025/2026 official calendars: Tết 2026 is 16–20 Feb, weekends around it)
    ['2026-01', '2025-12-15', '2026-01-14', '2026-01-16'],
    ['2026-02', '2026-01-15', '2026-02-14', '2026-02-24'], // cut-off on Saturday before Tết → Mon 23, Tue 24
    ['2026-03', '2026-02-15', '2026-03-14', '2026-03-17'],
    ['2026-12', '2026-11-15', '2026-12-14', '2026-12-16'],
    ['2026-Q1', '2025-12-15', '2026-03-14', '2026-03-17'],
    ['2026-Q4', '2026-09-15', '2026-12-14', '2026-12-16'],
    ['2026-H1', '2025-12-15', '2026-06-14', '2026-06-16'],
    ['2026-9M', '2025-12-15', '2026-09-14', '2026-09-16'],
    ['2026', '2025-12-15', '2026-12-14', '2026-12-16'],
    ['2025-12', '2025-11-15', '2025-12-14', '2025-12-16'],
    ['2025-05', '2025-04-15', '2025-05-14', '2025-05-16'],
  ])('%s covers %s – %s, due %s', (code, from, to, due) => {
    const period = periodOf(nd09, code);
    expect(period).toMatchObject({ period: code, from, to });
    expect(dueDateOf(nd09, period!, addWorkingDays)).toBe(due);
  });

  it('counts working days across Tết (5 working days after 14/02/2026 end on Fri 27/02)', () => {
    const def = { ...nd09, due: { workingDaysAfterCutoff: 5 } };
    expect(dueDateOf(def, periodOf(def, '2026-02')!, addWorkingDays)).toBe('2026-02-27');
  });

  it('a calendar-period regime (cut-off day 1): January is 01–31/01, due Tue 03/02', () => {
    const def: Def = { ...nd09, cutoffDay: 1 };
    expect(periodOf(def, '2026-01')).toMatchObject({ from: '2026-01-01', to: '2026-01-31' });
    expect(periodOf(def, '2026-Q4')).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf(def, '2026')).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(dueDateOf(def, periodOf(def, '2026-01')!, addWorkingDays)).toBe('2026-02-03');
  });

  it('refuses codes outside the regime’s period types and malformed codes', () => {
    const monthly: Def = { ...nd09, periodTypes: ['month'] };
    expect(periodOf(monthly, '2026-Q1')).toBeNull();
    expect(periodOf(monthly, '2026-13')).toBeNull();
    expect(periodOf(monthly, '2026-1')).toBeNull();
    expect(periodOf(nd09, 'DOT-1')).toBeNull();
  });

  it('lists a year in the order periods end: 12 months, 4 quarters, 6 and 9 months, the year', () => {
    const list = periodsOfYear(nd09, 2026);
    expect(list).toHaveLength(19);
    expect(list.slice(0, 4).map((p) => p.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-Q1']);
    expect(list.map((p) => p.period).slice(-3)).toEqual(['2026-12', '2026-Q4', '2026']);
    expect(list.map((p) => p.period).slice(5, 9)).toEqual(['2026-05', '2026-06', '2026-Q2', '2026-H1']);
    expect(list.at(-1)).toMatchObject({ period: '2026', label: 'Năm 2026' });
    expect(list.find((p) => p.period === '2026-Q3')?.label).toBe('Quý III/2026');
  });

  it('an ad hoc request has its own dates and due date', () => {
    const def: Def = { ...nd09, periodTypes: ['ad_hoc'], adHoc: { period: 'DOT-2026-1', from: '2026-01-01', to: '2026-11-30', dueDate: '2026-12-10', units: ['x'], requestedBy: 'lanhdao.hanoi' } };
    const [p] = periodsOfYear(def, 2026);
    expect(p).toMatchObject({ period: 'DOT-2026-1', type: 'ad_hoc', from: '2026-01-01', to: '2026-11-30' });
    expect(dueDateOf(def, p, addWorkingDays)).toBe('2026-12-10');
    expect(periodsOfYear(def, 2025)).toEqual([]);
  });
});
