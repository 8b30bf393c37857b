import { localDate, localTime } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { deadlineOf, type ProcedureVersion } from '#modules/catalog/index.ts';
import { addWorkingDays, computeDue } from '#modules/calendar/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { formatDossierCode } from './dossier-code.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import { componentNames, missingRequired, namedComponents } from './supplement-state.ts';

/**
 * Tiếp nhận (NĐ 61 Art. 17): the dossier must hold every required component of its frozen
 * version, as a file or ticked as received on paper at the counter (otherwise request a supplement, Mẫu 02). Issues the code
 * `<agencyCode>-YYMMDD-NNNN` from the agency's daily counter, starts the clock and sets the
 * appointment from the version's deadline and cut-off hour (Mẫu 01). Hands the dossier to the
 * competent agency the same working day, or the next morning after the cut-off (Art. 18).
 */
export const receiveDossier: ActionHandler<'receive'> = async ({ tx, actor, dossier, procedure, now }) => {
  const documents = await repo.listDocuments(tx, dossier.id);
  const missing = missingComponents(procedure, componentsAtHand(dossier, documents));
  if (missing.length > 0) {
    throw DossierErrors.DOSSIER_INCOMPLETE(
      { missingComponents: missing, missing: namedComponents(procedure, missing) },
      { components: componentNames(procedure, missing) },
    );
  }
  const due = await computeDue(tx, { receivedAt: now, deadline: deadlineOf(procedure), cutoffTime: procedure.cutoffTime });
  const forwardByDate = await forwardDate(tx, now, procedure.cutoffTime);
  // Last, because the counter row stays locked until commit: concurrent receptions wait less.
  const date = localDate(now);
  const sequence = await repo.allocateDailySequence(tx, dossier.receivingAgency, date);
  const code = formatDossierCode(dossier.receivingAgency, date, sequence);
  return {
    data: { code, dueAt: due.dueAt.toISOString(), dueDate: due.dueDate, forwardByDate },
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
export function componentsAtHand(dossier: Pick<repo.Dossier, 'intake'>, documents: { componentCode: string }[]): string[] {
  return [...documents.map((d) => d.componentCode), ...(dossier.intake?.paper ?? []).map((p) => p.componentCode)];
}
