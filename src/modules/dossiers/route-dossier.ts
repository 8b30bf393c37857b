import type { Sql } from '#platform/db.ts';
import { type Competence, competenceOf, type ProcedureVersion } from '#modules/catalog/index.ts';
import { type Agency, findAgencyFor } from '#modules/places/index.ts';

/** Where a dossier goes, and why (shown at the counter before reception, and frozen at submission). */
export interface Routing {
  competence: Competence;
  competent: Agency;
  /** Why this agency: the rule that chose it, in Vietnamese and English. */
  reason: { vi: string; en: string };
}

/**
 * The agency competent to decide, by the version's competence rule (`competenceOf`):
 * - `any_authority` (chứng thực, NĐ 23/2015 Art. 5): the receiving agency itself when of the
 *   right kind and level — the requester chose it;
 * - `residence`: the agency of the applicant's commune within the receiving province (reception
 *   regardless of boundary, NĐ 118/2025), handed over at reception;
 * - `reception_place`: the receiving agency when it fits, else the agency of that kind at its
 *   commune (or province).
 * When the rule finds nothing, the agency at the receiving place; null when there is none.
 */
export async function routeDossier(tx: Sql, procedure: ProcedureVersion, receiving: Agency, applicantCommune: string): Promise<Routing | null> {
  const competence = competenceOf(procedure);
  const kind = procedure.competentAgencyKind;
  const fitsLevel = (a: Agency | null): a is Agency => !!a && (procedure.level === 'bo' || a.level === procedure.level);
  const receivingFits = receiving.kind === kind && fitsLevel(receiving);

  if (competence === 'residence' && procedure.level === 'xa') {
    const local = await findAgencyFor(tx, applicantCommune, kind);
    if (fitsLevel(local) && local.provinceCode === receiving.provinceCode) {
      return {
        competence,
        competent: local,
        reason:
          local.code === receiving.code
            ? { vi: 'Thủ tục giải quyết theo nơi cư trú; người nộp cư trú tại địa bàn của cơ quan tiếp nhận.', en: 'Decided where the applicant lives, which is the receiving agency’s area.' }
            : {
                vi: `Thủ tục giải quyết theo nơi cư trú: hồ sơ được chuyển đến ${local.name}, nơi người nộp cư trú.`,
                en: `Decided where the applicant lives: the dossier is handed over to ${local.name}.`,
              },
      };
    }
  }
  if (receivingFits) {
    return {
      competence,
      competent: receiving,
      reason:
        competence === 'any_authority'
          ? {
              vi: 'Người yêu cầu được chọn bất kỳ cơ quan có thẩm quyền (NĐ 23/2015 Điều 5): cơ quan tiếp nhận giải quyết, không chuyển theo nơi cư trú.',
              en: 'The requester may choose any competent authority (Decree 23/2015 Art. 5): the receiving agency decides; no hand-over by residence.',
            }
          : { vi: 'Cơ quan tiếp nhận có thẩm quyền giải quyết thủ tục này.', en: 'The receiving agency is competent for this procedure.' },
    };
  }
  const unit = procedure.level === 'xa' ? receiving.adminUnitCode : receiving.provinceCode;
  const found = await findAgencyFor(tx, unit, kind);
  if (!fitsLevel(found)) return null;
  return {
    competence,
    competent: found,
    reason: {
      vi: `Cơ quan tiếp nhận không có thẩm quyền giải quyết: hồ sơ được chuyển đến ${found.name}.`,
      en: `The receiving agency is not competent: the dossier is handed over to ${found.name}.`,
    },
  };
}
