import { localDate } from '#platform/clock.ts';
import { validationFailed } from '#platform/errors.ts';
import { workingDaysBetween } from '#modules/calendar/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { DossierErrors } from './dossiers.errors.ts';

/**
 * Yêu cầu bổ sung (Mẫu 02). At intake (from SUBMITTED) the clock never started. During
 * appraisal (from IN_PROCESSING) the request must come within the version's window of working
 * days after reception (NĐ 61 Art. 19.4: 3); later it is refused or flagged as a breach, as the
 * version's `rules.lateSupplement` says. The clock stops; it restarts from zero on resubmission.
 */
export const requestSupplement: ActionHandler<'request_supplement'> = async ({ tx, dossier, procedure, now, input }) => {
  const components = input.components ?? [];
  const known = new Set(procedure.components.map((c) => c.code));
  const unknown = components.flatMap((c, i) => (known.has(c) ? [] : [{ field: `components.${i}`, message: `thành phần ${c} không có trong thủ tục` }]));
  if (unknown.length > 0) throw validationFailed(unknown);

  if (dossier.status === 'SUBMITTED') {
    return { data: { reason: input.reason, components, phase: 'intake' } };
  }
  const started = dossier.clockStartedAt ?? dossier.receivedAt ?? now;
  const elapsed = await workingDaysBetween(tx, localDate(started), localDate(now));
  const window = procedure.rules.supplementWindowWorkingDays;
  const late = elapsed > window;
  if (late && procedure.rules.lateSupplement === 'refuse') {
    throw DossierErrors.SUPPLEMENT_WINDOW_PASSED({ elapsedWorkingDays: elapsed, windowWorkingDays: window }, { days: window });
  }
  return {
    data: { reason: input.reason, components, phase: 'appraisal', elapsedWorkingDays: elapsed, lateSupplement: late },
    closeSteps: true,
  };
};
