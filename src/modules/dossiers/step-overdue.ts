import type { AppContext } from '#platform/context.ts';
import { toLocalIso } from '#platform/clock.ts';
import { getProcedureVersion } from '#modules/catalog/index.ts';
import { listUsersWithRole } from '#modules/identity/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { dossierEvents } from './dossiers.events.ts';
import * as stepRepo from './steps.repository.ts';

/**
 * Liên thông reminder (NĐ 61 Art. 19.5, domain.md §2.4.5): when a step worked by another agency
 * passes its sub-deadline, the lead (competent) agency's leaders are told once per step
 * (`dossier.step_overdue`, a notification in their workspace); they may then recall it
 * (`recall_step`). Safe to run twice. Returns how many steps it reminded of.
 */
export async function scanStepsOverdue(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const now = ctx.clock.now();
  const candidates = await stepRepo.overdueStepCandidates(ctx.db, now);
  let reminded = 0;
  for (const c of candidates) {
    const sent = await ctx.db.transaction(async (tx) => {
      if (!(await stepRepo.markStepOverdueNotified(tx, c.dossierId, c.step, now))) return false;
      const procedure = await getProcedureVersion(tx, c.procedureVersionId);
      const leaders = await listUsersWithRole(tx, c.lead, 'leader');
      await dossierEvents.emit(tx, 'dossier.step_overdue', {
        key: c.dossierId,
        at: now,
        payload: {
          dossierId: c.dossierId,
          code: c.code,
          procedureCode: c.procedureCode,
          procedureName: procedure.name,
          step: c.step,
          task: procedure.interagencySteps.find((s) => s.seq === c.step)?.task ?? null,
          stepAgencyCode: c.agency,
          stepAgencyName: (await findAgency(tx, c.agency))?.name ?? c.agency,
          leadAgencyCode: c.lead,
          subDueAt: toLocalIso(c.subDueAt),
          leaderIds: leaders.map((u) => u.id),
        },
      });
      return true;
    });
    if (sent) reminded++;
  }
  return reminded;
}
