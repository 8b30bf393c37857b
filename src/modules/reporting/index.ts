import { defineModule } from '#platform/module.ts';
import { registerReportEnvelopes } from './federated-reports.ts';
import { reportingRemindersJob } from './reminders.ts';
import { reportingRoutes } from './reporting.routes.ts';
import { seedNationalReceiver, seedReporting } from './seed-reporting.ts';

/**
 * Hệ thống thông tin báo cáo (Nghị định 09/2019/NĐ-CP): reporting regimes as versioned data,
 * periods with cut-off and due dates on the working calendar, reports pre-filled from the
 * dossier data, signed by the unit's leader, returned or accepted by the receiving unit, the
 * aggregate up the tree, Excel both ways. docs/modules/reporting.md.
 *
 * Contract for other modules: `module` only (HTTP API under /api/v1/reporting). Its `register`
 * hook hands the exchange its envelope types: a report whose receiving unit another installation
 * hosts travels there, and the return or acceptance comes back (federated-reports.ts).
 */
export { ReportingErrors } from './reporting.errors.ts';
export { runReportingReminders } from './reminders.ts';

export const module = defineModule({ name: 'reporting', routes: reportingRoutes, jobs: [reportingRemindersJob], seed: seedReporting, onStart: seedNationalReceiver, register: registerReportEnvelopes });
