import { localDate, localTime } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { controlModeOf, deadlineOf, type ProcedureVersion } from '#modules/catalog/index.ts';
import { addWorkingDays, computeDue } from '#modules/calendar/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { formatDossierCode } from './dossier-code.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import type { Dossier } from './dossiers.types.ts';
import { componentNames, missingRequired, namedComponents } from './supplement-state.ts';
import { issueAtIntake } from './control-gate.ts';
import { issueToDesk } from './issue-dossier-result.ts';

/**
 * Tiếp nhận (NĐ 61 Art. 17): the dossier must hold every required component of its frozen
 * version, as a file or ticked as received on paper at the counter (otherwise request a supplement, Mẫu 02). Issues the code
 * `<agencyCode>-YYMMDD-NNNN` from the agency's daily counter, starts the clock and sets the
 * appointment from the version's deadline and cut-off hour (Mẫu 01). Hands the dossier to the
 * competent agency the same working day, or the next morning after the cut-off (Art. 18).
 *
 * Hậu kiểm (domain.md §7): where the version's control mode is `post` (or `hybrid` and the
 * control gate finds the declaration low-risk), the signed acknowledgement is issued in the same
 * action through the result-signing path of an approval, and the dossier is decided at once
 * (status 2 → 9, the same working day); the state inspects afterwards (inspection module).
 */
export const receiveDossier: ActionHandler<'receive'> = async (args) => {
  const { tx, actor, dossier, documents, procedure, now } = args;
  const missing = missingComponents(procedure, componentsAtHand(dossier, documents));
  if (missing.length > 0) {
    throw DossierErrors.DOSSIER_INCOMPLETE(
      { missingComponents: missing, missing: namedComponents(procedure, missing) },
      { components: componentNames(procedure, missing) },
    );
  }
  const due = await computeDue(tx, { receivedAt: now, deadline: deadlineOf(procedure), cutoffTime: procedure.cutoffTime });
  const forwardByDate = await forwardDate(tx, now, procedure.cutoffTime);
  const date = localDate(now);
  const mode = controlModeOf(procedure);
  if (mode !== 'pre' && (await issueAtIntake(tx, { mode, dossier, procedure, now }))) {
    // The acknowledgement printed at once carries the code: it is issued first here.
    const code = formatDossierCode(dossier.receivingAgency, date, await repo.allocateDailySequence(tx, dossier.receivingAgency, date));
    const { issued, ...handOver } = await issueToDesk(
      { ...args, dossier: { ...dossier, code, receivedAt: now, dueAt: due.dueAt } },
      {
        agencyCode: dossier.competentAgency,
        decidedBy: { id: actor.id, fullName: actor.fullName },
        note: 'Tiếp nhận bản tự công bố / thông báo; cơ quan kiểm tra sau (hậu kiểm) theo quy định.',
        attachmentFileId: null,
        handOverNote: 'kết quả cấp ngay khi tiếp nhận (hậu kiểm): trả cho người nộp',
      },
    );
    return { data: { code, dueAt: due.dueAt.toISOString(), dueDate: due.dueDate, forwardByDate, controlMode: mode, ...issued }, ...handOver };
  }
  // The code last (actOnDossier → appendActionIssuingCode): the counter row stays locked until commit, so
  // concurrent receptions at the agency wait for a few statements, not for the whole reception.
  return {
    codeAtEnd: { agencyCode: dossier.receivingAgency, date },
    data: { code: '', dueAt: due.dueAt.toISOString(), dueDate: due.dueDate, forwardByDate },
    openStep: (state) => ({
      fromAgency: dossier.receivingAgency,
      fromUser: actor.id,
      toAgency: dossier.competentAgency,
      toUser: null,
      sentAt: now,
      acceptedAt: null,
      subDueAt: state.dueAt,
      note: `chuyển xử lý trước ngày ${forwardByDate.split('-').reverse().join('/')}`, // dd/mm/yyyy, as printed on Mẫu 05
    }),
  };
};

/** Same working day when received by the cut-off on a working day, else the next working day. */
async function forwardDate(tx: Sql, now: Date, cutoffTime: string): Promise<string> {
  const today = localDate(now);
  const yesterday = localDate(new Date(now.getTime() - 86_400_000));
  const workingToday = (await addWorkingDays(tx, yesterday, 1)) === today;
  return workingToday && localTime(now) <= cutoffTime ? today : addWorkingDays(tx, today, 1);
}

/** Required components of the version that no attachment covers yet. */
export const missingComponents = (procedure: ProcedureVersion, present: Iterable<string>): string[] => missingRequired(procedure, present);

/** Components the dossier holds: attached files, and papers ticked as received at the counter (they count as much as a scan). */
export function componentsAtHand(dossier: Pick<Dossier, 'intake'>, documents: { componentCode: string }[]): string[] {
  return [...documents.map((d) => d.componentCode), ...(dossier.intake?.paper ?? []).map((p) => p.componentCode)];
}
