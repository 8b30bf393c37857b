import { issueResult } from '#modules/signatures/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import { lastOf } from './action-data.ts';

/** The component code under which the signed result joins the dossier's documents. */
export const RESULT_COMPONENT = 'KET_QUA';

type HandlerArgs = Pick<Parameters<ActionHandler<'approve'>>[0], 'tx' | 'ctx' | 'actor' | 'dossier' | 'procedure' | 'now'>;

/**
 * Issues the result (numbered in the agency's yearly register, rendered, signed with the agency's
 * certificate, stored: signatures module) inside the action's transaction, joins it to the
 * dossier's documents and hands it to the receiving desk for return. Used on approval and by
 * the clerk.
 */
export async function issueToDesk(
  { tx, ctx, actor, dossier, procedure, now }: HandlerArgs,
  issue: {
    agencyCode: string;
    decidedBy: { id: string; fullName: string };
    /** When the clerk issues it: the leader's decision time, and the clerk as issuer. */
    decidedAt?: Date;
    issuedBy?: { id: string; fullName: string };
    /** Where the hand-over to the desk starts (default: the issuing agency). */
    fromAgency?: string;
    note: string | null;
    attachmentFileId: string | null;
    handOverNote: string;
  },
) {
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
    agencyCode: issue.agencyCode,
    decidedBy: issue.decidedBy,
    ...(issue.decidedAt ? { decidedAt: issue.decidedAt } : {}),
    ...(issue.issuedBy ? { issuedBy: issue.issuedBy } : {}),
    note: issue.note,
    attachmentFileId: issue.attachmentFileId,
    now,
  });
  return {
    issued: { resultId: result.resultId, resultNumber: result.number, signedFileId: result.fileId },
    documents: [{ componentCode: RESULT_COMPONENT, fileId: result.fileId }],
    openStep: (state: { dueAt: Date | null }) => ({
      fromAgency: issue.fromAgency ?? issue.agencyCode,
      fromUser: actor.id,
      toAgency: dossier.receivingAgency,
      toUser: null,
      sentAt: now,
      acceptedAt: null,
      subDueAt: state.dueAt,
      note: issue.handOverNote,
    }),
  };
}

/**
 * Phát hành kết quả (văn thư): where the deciding agency issues results 'by_clerk', its clerk
 * numbers the approved result in the agency's yearly register (sổ đăng ký), dates it, renders
 * it and signs it with the agency's certificate, the document naming the approving leader as
 * signer. Only then may the applicant download it and the desk return it. The status stays 9.
 */
export const issueDossierResult: ActionHandler<'issue_result'> = async (args) => {
  const { tx, actor, dossier } = args;
  const agencyCode = dossier.awaitingIssueBy;
  const approval = lastOf(await repo.listActions(tx, dossier.id), 'approve');
  if (!agencyCode || !approval) throw DossierErrors.RESULT_ALREADY_ISSUED();
  const { issued, ...handOver } = await issueToDesk(args, {
    agencyCode,
    decidedBy: { id: approval.actorId ?? actor.id, fullName: approval.actorName ?? actor.fullName },
    decidedAt: approval.at,
    issuedBy: { id: actor.id, fullName: actor.fullName },
    note: approval.data.note,
    attachmentFileId: approval.data.resultFileId,
    handOverNote: 'chuyển kết quả đã phát hành về Bộ phận Một cửa',
  });
  return { data: issued, ...handOver };
};
