/**
 * Notifications (thông báo): in-app notices and e-mail to applicants, written from outbox
 * events after commit. Idempotent per outbox row (`notifications.outbox_id` is unique).
 *
 * Contract:
 * - `notificationHandlers(ctx)` → outbox handlers for `dossier.status_changed`, `dossier.due_soon`
 *   and `dvcqg.status_sync`; bootstrap passes them to `startOutboxDispatcher`.
 * - `notificationsRoutes`: GET /api/v1/me/notifications, POST /api/v1/me/notifications/{id}/read.
 * - `DossierStatusChangedPayload`, `DossierDueSoonPayload`: the event payloads these handlers read.
 */
export { notificationHandlers } from './handlers.ts';
export { notificationsRoutes } from './notifications.routes.ts';
export type { DossierDueSoonPayload, DossierStatusChangedPayload, DossierStepOverduePayload } from './notifications.types.ts';
