import { defineModule } from '#platform/module.ts';
import { notificationHandlers } from './handlers.ts';
import { noticeEvents } from './notifications.events.ts';
import { notificationsRoutes } from './notifications.routes.ts';

/**
 * Notifications (thông báo): in-app notices and e-mail to applicants, written from outbox
 * events after commit. Idempotent per outbox row (`notifications.outbox_id` is unique).
 *
 * Contract:
 * - event handlers for the dossiers module's events (`dossier.status_changed`, `dossier.due_soon`,
 *   `dossier.step_overdue`, `dvcqg.status_sync`) and the appointments module's
 *   (`appointment.booked`, `appointment.reminder`, `appointment.moved`, `appointment.cancelled`), the identity module's
 *   (`user.password_changed`, `user.password_reset`) and `notice.users`; bootstrap hands them to the outbox dispatcher.
 * - routes: GET /api/v1/me/notifications, POST /api/v1/me/notifications/{id}/read.
 */
export { notificationHandlers } from './handlers.ts';
export { type NoticePayload, noticeEvents } from './notifications.events.ts';
export { statusChangedMessage } from './messages.ts';
export {
  type DvcqgSyncRow,
  type DvcqgSyncSummary,
  dvcqgSyncSummary,
  listDvcqgSync,
  listPendingDvcqgSync,
  markDvcqgSyncAcknowledged,
  markDvcqgSyncFailed,
  recordDvcqgSync,
} from './notifications.repository.ts';

export const module = defineModule({ name: 'notifications', routes: notificationsRoutes, eventHandlers: notificationHandlers, events: noticeEvents });
