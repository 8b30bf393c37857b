import { appointmentsRoutes } from '#modules/appointments/index.ts';
import { calendarRoutes } from '#modules/calendar/index.ts';
import { catalogRoutes } from '#modules/catalog/index.ts';
import { dossiersRoutes } from '#modules/dossiers/index.ts';
import { devEidRoutes } from '#modules/eid-dev/index.ts';
import { evaluationRoutes } from '#modules/evaluation/index.ts';
import { filesRoutes } from '#modules/files/index.ts';
import { identityRoutes } from '#modules/identity/index.ts';
import { notificationsRoutes } from '#modules/notifications/index.ts';
import { paymentsRoutes } from '#modules/payments/index.ts';
import { placesRoutes } from '#modules/places/index.ts';
import { signaturesRoutes } from '#modules/signatures/index.ts';
import type { RoutesPlugin } from './context.ts';
import { devClockRoutes } from './dev-clock.routes.ts';
import { portalInfoRoutes } from './portal-info.routes.ts';

/** Every module's HTTP routes, registered in this order. */
export const moduleRoutes: RoutesPlugin[] = [
  devClockRoutes,
  devEidRoutes,
  identityRoutes,
  placesRoutes,
  calendarRoutes,
  catalogRoutes,
  portalInfoRoutes,
  filesRoutes,
  dossiersRoutes,
  signaturesRoutes,
  paymentsRoutes,
  evaluationRoutes,
  notificationsRoutes,
  appointmentsRoutes,
];
