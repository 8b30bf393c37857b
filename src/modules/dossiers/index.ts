import type { AppContext, RoutesPlugin } from '../../http/context.ts';
import { dossierDocumentRoutes } from './documents.routes.ts';
import { dossierRoutes } from './dossiers.routes.ts';
import { draftRoutes } from './drafts.routes.ts';
import { scheduleDueSoon } from './due-soon.ts';
import { lockRoutes } from './locks.routes.ts';
import { workspaceRoutes } from './workspace.routes.ts';

/** Dossiers (hồ sơ): reception, lifecycle, codes, notices (Mẫu 01–06), tracking. */
export { allowedActions, allowedActionsFor, DOSSIER_ACTIONS, type DossierAction } from './actions.ts';
export { DOSSIER_STATUSES, type DossierStatus, statusInfo } from './statuses.ts';
export { type Timeliness, timeliness, timelinessLabels } from './timeliness.ts';
export { formatDossierCode, maskName, parseDossierCode } from './dossier-code.ts';
export { DUE_SOON_QUEUE, scanDueSoon } from './due-soon.ts';
export { reduceLog } from './reducer.ts';
export { ActionBody, SubmitDossierBody } from './dossiers.schemas.ts';
export { readDossier } from './read-dossier.ts';
export { isApplicant } from './actions.ts';
export { confirmPaymentFromGateway, pendingPaymentRequest } from './payment-requests.ts';
export type { Dossier } from './dossiers.repository.ts';
export { normalizePhone, PHONE_PATTERN } from './applicant-rules.ts';

export const dossiersRoutes: RoutesPlugin = async (app, ctx: AppContext) => {
  await dossierRoutes(app, ctx);
  await draftRoutes(app, ctx);
  await dossierDocumentRoutes(app, ctx);
  await workspaceRoutes(app, ctx);
  await lockRoutes(app, ctx);
  await scheduleDueSoon(ctx);
};
