import { deadlineOf } from '#modules/catalog/index.ts';
import { computeDue } from '#modules/calendar/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { checkDocuments } from './check-documents.ts';

/**
 * Nộp bổ sung: the papers asked for arrive. At intake the dossier goes back to SUBMITTED for
 * the desk to receive; during appraisal it returns to IN_PROCESSING and the deadline restarts
 * from zero at this instant (NĐ 61 Art. 19.4: "tính lại từ đầu"), not a pause.
 */
export const submitSupplement: ActionHandler<'submit_supplement'> = async ({ tx, actor, dossier, procedure, now, input }) => {
  await checkDocuments(tx, procedure, actor, input.documents);
  const documents = input.documents;
  if (dossier.phase === 'intake') return { data: { documents, phase: 'intake' }, documents };
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
