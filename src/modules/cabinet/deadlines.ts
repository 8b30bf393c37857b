import type { AppContext } from '#platform/context.ts';
import { localDate } from '#platform/clock.ts';
import type { PeriodicJob } from '#platform/module.ts';
import { addWorkingDays } from '#modules/calendar/index.ts';
import { noticeEvents } from '#modules/notifications/index.ts';
import { loadBody } from './bodies.ts';
import * as repo from './cabinet.repository.ts';
import { closeWithRule, formatLocal } from './opinion-forms.ts';
import { remindTasks } from './tasks.ts';

/**
 * The deadline job (every minute): closes every sent form whose deadline has passed — deemed
 * agreement, the rule, the outcome — and reminds members who have not answered, once on the
 * working day before the deadline and once on the day itself; then the task reminders.
 * Idempotent: a closed form is not closed again, a reminder flag is set once.
 */
export async function runCabinetDeadlines(ctx: Pick<AppContext, 'db' | 'clock'>, now: Date): Promise<{ closed: number; reminders: number; taskReminders: number }> {
  let closed = 0;
  let reminders = 0;
  const due = await ctx.db.transaction((tx) => repo.dueForms(tx, now));
  for (const id of due) {
    closed += await ctx.db.transaction(async (tx) => {
      const form = await repo.findForm(tx, id, { lock: true });
      if (!form || form.status !== 'sent' || form.deadlineAt > now) return 0;
      const body = await loadBody(tx, form.bodyCode);
      await closeWithRule(tx, form, body, await repo.listRecipients(tx, id), await repo.listAnswers(tx, id), { by: null, at: now });
      return 1;
    });
  }
  const today = localDate(now);
  const open = await ctx.db.transaction((tx) => repo.openForms(tx));
  for (const form of open) {
    reminders += await ctx.db.transaction(async (tx) => {
      const dueDay = localDate(form.deadlineAt);
      const dayBefore = form.deadlineWorkingDays > 1 ? await addWorkingDays(tx, localDate(form.createdAt), form.deadlineWorkingDays - 1) : null;
      const which = today >= dueDay ? 'on_day' : dayBefore && today >= dayBefore ? 'before' : null;
      if (!which || !(await repo.markReminded(tx, form.id, which))) return 0;
      const answered = new Set((await repo.listAnswers(tx, form.id)).map((a) => a.userId));
      const pending = (await repo.listRecipients(tx, form.id)).filter((u) => !answered.has(u));
      if (pending.length === 0) return 0;
      await noticeEvents.emit(tx, 'notice.users', {
        key: `${form.id}:remind:${which}`,
        at: now,
        payload: {
          userIds: pending,
          title: which === 'on_day' ? 'Hôm nay là hạn trả lời phiếu lấy ý kiến' : 'Sắp đến hạn trả lời phiếu lấy ý kiến',
          body: `${form.subject} — hạn ${formatLocal(form.deadlineAt)}. ${form.rule.deemedAgreement ? 'Quá hạn không trả lời được coi là đồng ý.' : ''}`.trim(),
          link: `/hop/phieu/${form.id}`,
          email: true,
        },
      });
      return 1;
    });
  }
  const taskReminders = await remindTasks(ctx, now);
  return { closed, reminders, taskReminders };
}

/** The deadline job, every minute (listed in the module's face). */
export const cabinetDeadlinesJob: PeriodicJob = {
  queue: 'cabinet.deadlines',
  cron: '* * * * *',
  async run(ctx) {
    await runCabinetDeadlines(ctx, ctx.clock.now());
  },
};
