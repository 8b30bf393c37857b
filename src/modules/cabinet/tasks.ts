import { randomUUID } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { findUserById, listUsersWithRole } from '#modules/identity/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { noticeEvents } from '#modules/notifications/index.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import { may, taskAgencies } from './policy.ts';


async function present(tx: Sql, t: repo.TaskRow, today: string) {
  const agency = await findAgency(tx, t.assigneeAgencyCode);
  const conclusion = await repo.findConclusion(tx, t.conclusionId);
  const reports = [];
  for (const r of await repo.listTaskReports(tx, t.id)) {
    const by = await findUserById(tx, r.byUser);
    reports.push({ at: toLocalIso(r.at), by: by?.fullName ?? r.byUser, status: r.status, note: r.note });
  }
  return {
    id: t.id,
    title: t.title,
    bodyCode: t.bodyCode,
    conclusion: conclusion ? { id: conclusion.id, number: conclusion.number, title: conclusion.title } : null,
    assignee: { code: t.assigneeAgencyCode, name: agency?.name ?? t.assigneeAgencyCode },
    dueDate: t.dueDate,
    status: t.status,
    overdue: t.status !== 'done' && today > t.dueDate,
    doneAt: t.doneAt ? toLocalIso(t.doneAt) : null,
    doneLate: t.status === 'done' && !!t.doneAt && localDate(t.doneAt) > t.dueDate,
    reports,
  };
}

/** The follow-up board: the secretariat, chair and vice-chairs see their bodies' tasks; an agency's officers see what is assigned to it. */
export async function listTasks(ctx: Pick<AppContext, 'clock'>, tx: Sql, actor: Actor, filter: { conclusionId?: string } = {}) {
  const today = localDate(ctx.clock.now());
  const rows = await repo.listTasksFor(tx, actor.id, taskAgencies(actor), filter.conclusionId);
  const items = [];
  for (const t of rows) items.push(await present(tx, t, today));
  return {
    items,
    summary: {
      total: items.length,
      done: items.filter((t) => t.status === 'done').length,
      inProgress: items.filter((t) => t.status === 'in_progress').length,
      assigned: items.filter((t) => t.status === 'assigned').length,
      overdue: items.filter((t) => t.overdue).length,
    },
  };
}

/** A status report by an officer of the assignee agency or by the body's secretariat; 404 for anyone else. */
export async function reportOnTask(ctx: Pick<AppContext, 'clock'>, tx: Sql, actor: Actor, id: string, input: { status: 'in_progress' | 'done'; note: string }) {
  const task = await repo.findTask(tx, id, { lock: true });
  if (!task) throw CabinetErrors.TASK_NOT_FOUND();
  const secretariat = (await repo.membershipsOf(tx, actor.id)).some((m) => m.bodyCode === task.bodyCode && m.role === 'secretariat');
  if (!may.workTask(actor, task.assigneeAgencyCode, secretariat)) throw CabinetErrors.TASK_NOT_FOUND();
  if (task.status === 'done') throw CabinetErrors.TASK_DONE();
  const now = ctx.clock.now();
  await repo.insertTaskReport(tx, { id: randomUUID(), taskId: id, at: now, byUser: actor.id, status: input.status, note: input.note.normalize('NFC') });
  await repo.setTaskStatus(tx, id, input.status, now);
  await appendAudit(tx, { chain: `cabinet-task:${id}`, actorId: actor.id, action: 'cabinet.task.report', subjectType: 'task', subjectId: id, data: input, at: now });
  return present(tx, (await repo.findTask(tx, id))!, localDate(now));
}

/**
 * Reminders (once a day per task): on the due date and every day after it while the task is
 * open, the assignee agency's leaders and the body's secretariat are notified.
 */
export async function remindTasks(ctx: Pick<AppContext, 'db' | 'clock'>, now: Date): Promise<number> {
  const today = localDate(now);
  return ctx.db.transaction(async (tx) => {
    const due = await repo.takeTasksToRemind(tx, today);
    for (const t of due) {
      const leaders = await listUsersWithRole(tx, t.assigneeAgencyCode, 'leader');
      const secretariat = (await repo.listMembers(tx, t.bodyCode)).filter((m) => m.role === 'secretariat').map((m) => m.userId);
      const overdue = today > t.dueDate;
      await noticeEvents.emit(tx, 'notice.users', {
        key: `${t.id}:${today}`,
        at: now,
        payload: {
          userIds: [...new Set([...leaders.map((l) => l.id), ...secretariat])],
          title: overdue ? 'Nhiệm vụ quá hạn' : 'Nhiệm vụ đến hạn hôm nay',
          body: `${t.title} — hạn ${t.dueDate.split('-').reverse().join('/')}.`,
          link: '/hop/nhiem-vu',
          email: true,
        },
      });
    }
    return due.length;
  });
}
