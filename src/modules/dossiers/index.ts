import type { RoutesPlugin } from '#platform/context.ts';
import { defineModule } from '#platform/module.ts';
import { dossierDocumentRoutes } from './documents.routes.ts';
import { dossierRoutes } from './dossiers.routes.ts';
import { draftRoutes } from './drafts.routes.ts';
import { dueSoonJob } from './due-soon.ts';
import { dossierEvents } from './dossiers.events.ts';
import { lockRoutes } from './locks.routes.ts';
import { workspaceRoutes } from './workspace.routes.ts';

/** Dossiers (hồ sơ): reception, lifecycle, codes, notices (Mẫu 01–06), tracking. */
export { allowedActions, DOSSIER_ACTIONS, type DossierAction } from './actions.ts';
export { allowedActionsFor, isApplicant } from './policy.ts';
export { DOSSIER_STATUSES, type DossierStatus, statusInfo } from './statuses.ts';
export { type Timeliness, timeliness, timelinessLabels } from './timeliness.ts';
export { formatDossierCode, maskName, parseDossierCode } from './dossier-code.ts';
export { scanDueSoon } from './due-soon.ts';
export {
  type DossierAssignedPayload,
  type DossierDueSoonPayload,
  type DossierSupplementReceivedPayload,
  type DossierStatusChangedPayload,
  type DossierStepMovedPayload,
  type DossierStepOverduePayload,
  type DvcqgStatusSyncPayload,
  dossierEvents,
  type ResultReturnMethod,
} from './dossiers.events.ts';
export { reduceLog } from './reducer.ts';
export { ActionBody, SubmitDossierBody } from './dossiers.contract.ts';
export { readDossier } from './read-dossier.ts';
export { type ControlGateCall, registerHybridGate } from './control-gate.ts';
/** A dossier and its attachments without an access check (other modules' projections; the caller decides who sees what). */
export { findDossier as loadDossier, listDocuments as listDossierDocuments } from './dossiers.repository.ts';
export { confirmPaymentFromGateway, pendingPaymentRequest } from './payment-requests.ts';
export type { Dossier } from './dossiers.types.ts';
export { normalizePhone, PHONE_PATTERN } from './applicant-rules.ts';

const routes: RoutesPlugin = async (app, ctx) => {
  await dossierRoutes(app, ctx);
  await draftRoutes(app, ctx);
  await dossierDocumentRoutes(app, ctx);
  await workspaceRoutes(app, ctx);
  await lockRoutes(app, ctx);
};
/** Records that an officer or oversight read these dossiers' personal data (one access-log row each, visible to the applicant). */
export { insertAccessLogMany as logDossierReads } from './access-log.repository.ts';

export const module = defineModule({ name: 'dossiers', routes, jobs: [dueSoonJob], events: dossierEvents });
/** Federated liên thông (a step whose agency another installation hosts): the exchange module carries these. */
export {
  completeFederatedStep,
  type DossierRows,
  type FederatedFile,
  federatedStepPackage,
  federatedStepResult,
  importFederatedStep,
  updateFederatedCopy,
} from './federated-steps.ts';
