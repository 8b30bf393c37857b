import { deadlineOf } from '#modules/catalog/index.ts';
import { computeDue } from '#modules/calendar/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { checkDocuments } from './check-documents.ts';
import { lastSupplementRequest, supplementProgress } from './supplement-state.ts';

/**
 * Nộp bổ sung: papers asked for by the Mẫu 02 arrive, several at once if need be. While some of
 * what the notice listed is still missing, the dossier keeps waiting (status 5) and the entry
 * records what is still missing (`stillMissing`); the applicant is not guided again. Once all has
 * arrived: at intake the dossier goes back to SUBMITTED for the desk to receive; during
 * appraisal it returns to IN_PROCESSING and the deadline restarts from zero at this instant
 * (NĐ 61 Art. 19.4: "tính lại từ đầu"), not a pause.
 */
export const submitSupplement: ActionHandler<'submit_supplement'> = async ({ tx, actor, dossier, log, documents: before, procedure, now, input }) => {
  await checkDocuments(tx, procedure, actor, input.documents);
  const documents = input.documents;
  const phase = dossier.phase ?? 'intake';
  const request = lastSupplementRequest(log);
  const attached = before;
  const thisSeq = dossier.version + 1;
  const { missing } = request
    ? supplementProgress(
        procedure,
        request,
        [...attached, ...documents.map((d) => ({ componentCode: d.componentCode, actionSeq: thisSeq }))],
        (dossier.intake?.paper ?? []).map((p) => p.componentCode),
      )
    : { missing: [] };
  if (missing.length > 0) return { data: { documents, phase, stillMissing: missing }, documents };
  if (phase === 'intake') return { data: { documents, phase: 'intake' }, documents };
  const due = await computeDue(tx, { receivedAt: now, deadline: deadlineOf(procedure), cutoffTime: procedure.cutoffTime });
  return {
    data: { documents, phase: 'appraisal', restarted: true, dueAt: due.dueAt.toISOString(), dueDate: due.dueDate },
    documents,
    openStep: (state) => ({
      fromAgency: dossier.receivingAgency,
      fromUser: actor.id,
      toAgency: dossier.currentAgency,
      toUser: dossier.assignee,
      sentAt: now,
      acceptedAt: null,
      subDueAt: state.dueAt,
      note: 'hồ sơ bổ sung, thời hạn tính lại từ đầu',
    }),
  };
};
