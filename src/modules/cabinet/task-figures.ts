import type { Sql } from '#platform/db.ts';
import * as repo from './cabinet.repository.ts';

/** Where the tasks' assignee agencies are: the nation, a province, a commune (its commune-level agencies) or one agency. */
export interface TaskScope {
  kind: 'national' | 'province' | 'commune' | 'agency';
  code: string;
}

/** A task is due soon when open and due from today to this many days on (the reminder starts on the due day). */
export const TASK_DUE_SOON_DAYS = 7;
export const TASK_SHOWS = ['open', 'due_soon', 'overdue'] as const;
export type TaskShow = (typeof TASK_SHOWS)[number];

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The command center's tile of the tasks assigned from conclusions (issue 18 item 4), for the
 * agencies of a unit: open (not done), due soon (open, due today to 7 days on) and overdue (open,
 * past the due date: the board's own rule). No personal data.
 */
export async function taskFigures(tx: Sql, scope: TaskScope, today: string) {
  const dueSoonUntil = plusDays(today, TASK_DUE_SOON_DAYS);
  return { ...(await repo.taskCountsIn(tx, scope, today, dueSoonUntil)), dueSoonUntil };
}

/** The tasks behind one figure of the tile, soonest due first (at most 200). */
export async function tasksInScope(tx: Sql, scope: TaskScope, today: string, show: TaskShow) {
  const rows = await repo.listTasksIn(tx, scope, today, plusDays(today, TASK_DUE_SOON_DAYS), show, 200);
  return rows.map((t) => ({
    id: t.id,
    title: t.title,
    bodyCode: t.bodyCode,
    conclusion: { id: t.conclusionId, number: t.conclusionNumber, title: t.conclusionTitle },
    assignee: { code: t.assigneeAgencyCode, name: t.assigneeName },
    dueDate: t.dueDate,
    status: t.status,
    overdue: today > t.dueDate,
  }));
}
