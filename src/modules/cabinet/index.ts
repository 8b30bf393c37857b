import { registerStartPage } from '#modules/identity/index.ts';
import type { Sql } from '#platform/db.ts';
import { defineModule } from '#platform/module.ts';
import { findBody, membershipsOf } from './cabinet.repository.ts';
import { cabinetRoutes } from './cabinet.routes.ts';
import { cabinetDeadlinesJob } from './deadlines.ts';

/**
 * e-Cabinet (hệ thống thông tin phục vụ họp và xử lý công việc): collective bodies and their
 * decision rule, opinion forms with signed answers and deemed agreement, meetings with a live
 * room and signed votes, conclusions issued as signed PDFs, assigned tasks. docs/modules/cabinet.md.
 *
 * Contract for other modules:
 * - `module`: the HTTP API under /api/v1/cabinet (cabinet.contract.ts), and the deadline job.
 * - `seedCabinet(ctx, {demo})`: the demo body UBND Thành phố Hà Nội (demo installations only).
 * - `runCabinetDeadlines(ctx, now)`: closes forms at their deadline, reminders (the job; tests).
 * - `decide`: the decision rule (pure).
 * - `taskFigures`, `tasksInScope`: the tasks assigned from conclusions to the agencies of a unit
 *   (open, due soon, overdue), for the command center's tile.
 */
import { seedCabinet } from './seed-cabinet.ts';

export { DEMO_BODY } from './seed-cabinet.ts';
export { runCabinetDeadlines } from './deadlines.ts';
export { decide, type DecisionRule, type Tally } from './decision-rule.ts';
export { CabinetErrors } from './cabinet.errors.ts';
export { TASK_DUE_SOON_DAYS, TASK_SHOWS, type TaskScope, type TaskShow, taskFigures, tasksInScope } from './task-figures.ts';

/** A member of a collective body starts at their forms and meetings (/hop) after signing in, by the app or by the form without it. */
const memberStartsAtHop = async (tx: Sql, userId: string) => {
  for (const m of await membershipsOf(tx, userId)) if (await findBody(tx, m.bodyCode)) return '/hop';
  return null;
};

export const module = defineModule({ name: 'cabinet', routes: cabinetRoutes, jobs: [cabinetDeadlinesJob], seed: seedCabinet, register: () => registerStartPage(memberStartsAtHop) });
