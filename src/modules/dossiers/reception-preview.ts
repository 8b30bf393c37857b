import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { AppError, validationFailed } from '#platform/errors.ts';
import { getProcedureVersionInForce } from '#modules/catalog/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { DossierErrors } from './dossiers.errors.ts';
import { routeDossier } from './route-dossier.ts';
import type { ReceptionPreview, ReceptionPreviewQuery } from './dossiers.contract.ts';
import { may } from './policy.ts';

/**
 * Before the desk officer confirms a reception: which agency will hold the dossier and why, by
 * the same rule the submission freezes (`routeDossier`). Nothing is written; no personal data.
 * Desk officers of the receiving agency only (`403 RECEPTION_PREVIEW_NOT_ALLOWED` otherwise).
 */
export async function receptionPreview(tx: Sql, input: { actor: Actor; query: ReceptionPreviewQuery; now: Date }): Promise<ReceptionPreview> {
  const { actor, query, now } = input;
  if (!may.previewReception(actor, query.receivingAgency)) throw DossierErrors.RECEPTION_PREVIEW_NOT_ALLOWED();
  const receiving = await findAgency(tx, query.receivingAgency);
  if (!receiving) throw validationFailed([{ field: 'receivingAgency', message: 'cơ quan tiếp nhận không tồn tại' }]);
  const procedure = await getProcedureVersionInForce(tx, query.procedureCode, now).catch((error: unknown) => {
    if (error instanceof AppError && error.spec.status === 404) {
      throw validationFailed([{ field: 'procedureCode', message: 'thủ tục không tồn tại hoặc không còn hiệu lực' }]);
    }
    throw error;
  });
  if (!procedure.receivingAgencyKinds.includes(receiving.kind)) {
    throw validationFailed([{ field: 'receivingAgency', message: 'cơ quan này không tiếp nhận thủ tục này' }]);
  }
  const routing = await routeDossier(tx, procedure, receiving, query.communeCode);
  if (!routing) throw validationFailed([{ field: 'receivingAgency', message: 'không xác định được cơ quan có thẩm quyền giải quyết' }]);
  return {
    procedureCode: procedure.procedureCode,
    procedureVersion: procedure.version,
    competence: routing.competence,
    receivingAgency: { code: receiving.code, name: receiving.name },
    holdingAgency: { code: routing.competent.code, name: routing.competent.name },
    handOver: routing.competent.code !== receiving.code,
    reason: routing.reason.vi,
    reasonEn: routing.reason.en,
  };
}
