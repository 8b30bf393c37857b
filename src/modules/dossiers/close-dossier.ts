import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { validationFailed } from '#platform/errors.ts';
import { getFile } from '#modules/files/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { resultIssuanceOf } from './agency-settings.ts';
import { isOwnFile } from './check-documents.ts';
import * as repo from './dossiers.repository.ts';
import * as stepRepo from './steps.repository.ts';
import { attempt } from './dossiers.repository.ts';
import { issueToDesk } from './issue-dossier-result.ts';
import { returnMethodOf } from './register-book.ts';


/** Từ chối tiếp nhận (Mẫu 03): refused at intake, with reasons. */
export const rejectDossier: ActionHandler<'reject'> = async ({ input }) => ({
  data: { reason: input.reason },
  closeSteps: true,
});

/**
 * Dừng xử lý (status 8): refusal after appraisal must be issued before the due time while the
 * clock runs (the guard's condition in `actions.ts`: 409 DEADLINE_PASSED).
 */
export const stopDossier: ActionHandler<'stop'> = async ({ input }) => ({ data: { reason: input.reason }, closeSteps: true });

/** Công dân rút hồ sơ (status 7): no further processing. */
export const withdrawDossier: ActionHandler<'withdraw'> = async ({ input }) => ({
  data: { reason: input.reason ?? null },
  closeSteps: true,
});

/**
 * Phê duyệt: the leader's decision; the dossier is processed (status 9). Where the deciding
 * agency issues results on approval (the default), the result document is issued here, in the
 * action's transaction: numbered, signed with the deciding agency's certificate and stored
 * (signatures module), and goes back to the desk for return; an uploaded result file is bound
 * to it by its SHA-256. Where the agency issues 'by_clerk', only the decision is recorded and
 * the result waits in the agency's clerk queue for `issue_result` (issue-dossier-result.ts).
 */
export const approveDossier: ActionHandler<'approve'> = async (args) => {
  const { tx, actor, actorAgency, dossier, input } = args;
  if (input.resultFileId && !(await mayAttachResult(tx, actor, dossier.id, input.resultFileId))) {
    throw validationFailed([{ field: 'resultFileId', message: 'tệp kết quả không tồn tại, không do bạn tải lên và không thuộc hồ sơ này' }]);
  }
  const agencyCode = actorAgency ?? dossier.competentAgency;
  if ((await resultIssuanceOf(tx, agencyCode)) === 'by_clerk') {
    return {
      data: { note: input.note ?? null, resultFileId: input.resultFileId ?? null, awaitingIssueBy: agencyCode },
      closeSteps: true,
    };
  }
  const { issued, ...handOver } = await issueToDesk(args, {
    agencyCode,
    decidedBy: { id: actor.id, fullName: actor.fullName },
    fromAgency: dossier.currentAgency,
    note: input.note ?? null,
    attachmentFileId: input.resultFileId ?? null,
    handOverNote: 'chuyển kết quả về Bộ phận Một cửa',
  });
  return { data: { note: input.note ?? null, resultFileId: input.resultFileId ?? null, ...issued }, ...handOver };
};

/**
 * Trả kết quả (status 10), the way the applicant chose: at the desk (who collected it), by post
 * (the postal item's number, when given) or online (the signed result on the portal). The entry
 * records the way, so the history and the notice say how the result went back.
 */
export const returnResult: ActionHandler<'return_result'> = async ({ dossier, input }) => {
  const returnMethod = returnMethodOf(dossier);
  return {
    data: {
      returnMethod,
      ...(input.collectedBy ? { collectedBy: { ...input.collectedBy, fullName: input.collectedBy.fullName.normalize('NFC') } } : {}),
      ...(returnMethod === 'buu_chinh' && input.postalReference ? { postalReference: input.postalReference } : {}),
    },
    closeSteps: true,
  };
};

/**
 * A result file is one the approving officer uploaded, or one already in this dossier (a document
 * or a liên thông step's result): never somebody else's upload (issue 13, D9), which would hand
 * another person's paper to this applicant.
 */
async function mayAttachResult(tx: Sql, actor: Actor, dossierId: string, fileId: string): Promise<boolean> {
  if (!(await attempt(tx, () => getFile(tx, fileId)))) return false;
  if (await isOwnFile(tx, fileId, actor)) return true;
  if ((await repo.listDocuments(tx, dossierId)).some((d) => d.fileId === fileId)) return true;
  return (await stepRepo.listSteps(tx, dossierId)).some((s) => s.resultFileId === fileId);
}
