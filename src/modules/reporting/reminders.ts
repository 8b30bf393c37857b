import type { AppContext } from '#platform/context.ts';
import { localDate } from '#platform/clock.ts';
import type { PeriodicJob } from '#platform/module.ts';
import { addWorkingDays } from '#modules/calendar/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { noticeEvents } from '#modules/notifications/index.ts';
import { listPeriods, listRegimes, receivingOf } from './regimes.ts';
import * as repo from './reporting.repository.ts';
import { reportLink } from './reports.ts';

const dmy = (d: string) => d.split('-').reverse().join('/');

/**
 * Reminders (in-app notices and e-mails to the unit's officers and leaders): on the working day before a
 * report's due date and on the day itself, for every unit that has not submitted it (a returned
 * report included). Each is sent once per regime, period, unit and kind (reporting_reminders),
 * so the job may run any number of times.
 */
export async function runReportingReminders(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, now: Date): Promise<{ sent: number }> {
  const today = localDate(now);
  let sent = 0;
  const work = await ctx.db.transaction(async (tx) => {
    const nextWorkingDay = await addWorkingDays(tx, today, 1);
    const out: { regime: repo.RegimeRow; period: string; label: string; dueDate: string; unit: string; unitName: string; which: 'before' | 'on_day' }[] = [];
    const agencies = await repo.reportingAgencies(tx);
    for (const regime of await listRegimes(tx, now)) {
      const years = [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1];
      const periods = [];
      for (const y of years) for (const p of await listPeriods(tx, regime, y).catch(() => [])) if (p.dueDate === today || p.dueDate === nextWorkingDay) periods.push(p);
      if (periods.length === 0) continue;
      for (const code of agencies) {
        const unit = await findAgency(tx, code);
        if (!unit || !(await receivingOf(ctx, tx, regime, unit))) continue;
        for (const p of periods) {
          const row = await repo.findReport(tx, { regime: regime.code, period: p.period, unit: code });
          if (row && (row.status === 'submitted' || row.status === 'accepted')) continue;
          out.push({ regime, period: p.period, label: p.label, dueDate: p.dueDate, unit: code, unitName: unit.name, which: p.dueDate === today ? 'on_day' : 'before' });
        }
      }
    }
    return out;
  });
  for (const w of work) {
    sent += await ctx.db.transaction(async (tx) => {
      if (!(await repo.markReminded(tx, { regime: w.regime.code, period: w.period, unit: w.unit, which: w.which, at: now }))) return 0;
      const staff = await repo.staffIds(tx, [w.unit], ['officer', 'leader']);
      if (staff.length === 0) return 0;
      await noticeEvents.emit(tx, 'notice.users', {
        key: `reporting:${w.regime.code}:${w.period}:${w.unit}:remind:${w.which}`,
        at: now,
        payload: {
          userIds: [...new Set(staff.map((s) => s.userId))],
          title: w.which === 'on_day' ? 'Hôm nay là hạn gửi báo cáo' : 'Ngày làm việc tiếp theo là hạn gửi báo cáo',
          body: `${w.regime.name} — ${w.label} của ${w.unitName}: hạn gửi ${dmy(w.dueDate)}.`,
          link: reportLink({ regime: w.regime, period: { period: w.period }, unit: { code: w.unit } }),
          // also by e-mail (issue 17 item 2): the notifications module mails each user with an address, once
          email: true,
        },
      });
      return 1;
    });
  }
  return { sent };
}

/** Every day at 08:00 Vietnam time (01:00 UTC). */
export const reportingRemindersJob: PeriodicJob = {
  queue: 'reporting.reminders',
  cron: '0 1 * * *',
  run: async (ctx) => void (await runReportingReminders(ctx, ctx.clock.now())),
};
