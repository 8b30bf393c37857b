import { issueResult } from '#modules/signatures/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { RESULT_COMPONENT } from './close-dossier.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';

/**
 * Phát hành kết quả (văn thư): where the deciding agency issues results 'by_clerk', its clerk
 * numbers the approved result in the agency's yearly register (sổ đăng ký), dates it, renders
 * it and signs it with the agency's certificate, the document naming the approving leader as
 * signer. Only then may the applicant download it and the desk return it. The status stays 9.
 */
export const issueDossierResult: ActionHandler<'issue_result'> = async ({ tx, ctx, actor, dossier, procedure, now }) => {
  const agencyCode = dossier.awaitingIssueBy;
  const approval = (await repo.listActions(tx, dossier.id)).filter((a) => a.action === 'approve').at(-1);
  if (!agencyCode || !approval) throw DossierErrors.RESULT_ALREADY_ISSUED();
  const note = typeof approval.data.note === 'string' ? approval.data.note : null;
  const attachmentFileId = typeof approval.data.resultFileId === 'string' ? approval.data.resultFileId : null;
  const result = await issueResult(ctx, tx, {
    dossier: {
      id: dossier.id,
      code: dossier.code,
      procedureCode: dossier.procedureCode,
      procedureName: procedure.name,
      applicant: dossier.applicant,
      receivedAt: dossier.receivedAt,
      dueAt: dossier.dueAt,
    },
    agencyCode,
    decidedBy: { id: approval.actorId ?? actor.id, fullName: approval.actorName ?? actor.fullName },
    decidedAt: approval.at,
    issuedBy: { id: actor.id, fullName: actor.fullName },
    note,
    attachmentFileId,
    now,
  });
  return {
    data: { resultId: result.resultId, resultNumber: result.number, signedFileId: result.fileId },
    documents: [{ componentCode: RESULT_COMPONENT, fileId: result.fileId }],
    openStep: (state) => ({
      fromAgency: agencyCode,
      fromUser: actor.id,
      toAgency: dossier.receivingAgency,
      toUser: null,
      sentAt: now,
      acceptedAt: null,
      subDueAt: state.dueAt,
      note: 'chuyển kết quả đã phát hành về Bộ phận Một cửa',
    }),
  };
};
