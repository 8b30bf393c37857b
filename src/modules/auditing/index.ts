import { defineModule } from '#platform/module.ts';
import { auditingRoutes } from './auditing.routes.ts';

/**
 * Nhật ký kiểm toán (auditing): the audit log (platform/audit.ts) read by an auditor — filtered by
 * dossier, account, action and period, exported as CSV, a chain checked against the latest signed
 * checkpoint; each read recorded in turn. Read-only: nothing here changes a dossier.
 */
export const module = defineModule({ name: 'auditing', routes: auditingRoutes });
