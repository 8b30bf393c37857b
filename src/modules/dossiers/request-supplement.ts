import { componentsAtHand } from './receive-dossier.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import { validationFailed } from '#platform/errors.ts';
import { workingDaysBetween } from '#modules/calendar/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { DossierErrors } from './dossiers.errors.ts';
import { missingRequired } from './supplement-state.ts';
import { isAction } from './action-data.ts';

/**
 * Yêu cầu bổ sung (Mẫu 02). The guidance is given once, fully (NĐ 61 Art. 15; the desk may ask
 * only once, Art. 11): a second request in the same phase is refused, and at intake the notice
 * lists every required component the dossier still lacks, whether or not the officer ticked it.
 * At intake (from SUBMITTED) the clock never started. During appraisal (from IN_PROCESSING) the
 * request must come within the version's window of working days after reception (NĐ 61
 * Art. 19.4: 3); later it is refused or flagged as a breach, as the version's
 * `rules.lateSupplement` says. The clock stops; it restarts from zero on resubmission.
 */
export const requestSupplement: ActionHandler<'request_supplement'> = async ({ tx, dossier, log, documents, procedure, now, input }) => {
  const given = input.components ?? [];
  const known = new Set(procedure.components.map((c) => c.code));
  const unknown = given.flatMap((c, i) => (known.has(c) ? [] : [{ field: `components.${i}`, message: `thành phần ${c} không có trong thủ tục` }]));
  if (unknown.length > 0) throw validationFailed(unknown);

  const phase = dossier.status === 'SUBMITTED' ? 'intake' : 'appraisal';
  const earlier = log.filter(isAction('request_supplement')).find((a) => a.data.phase === phase);
  if (earlier) {
    const at = toLocalIso(earlier.at);
    throw DossierErrors.SUPPLEMENT_ALREADY_REQUESTED({ requestedAt: at }, { date: `${at.slice(8, 10)}/${at.slice(5, 7)}/${at.slice(0, 4)}` });
  }

  if (phase === 'intake') {
    const missing = missingRequired(procedure, componentsAtHand(dossier, documents));
    const all = new Set([...given, ...missing]);
    const components = procedure.components.map((c) => c.code).filter((c) => all.has(c));
    return { data: { reason: input.reason, components, phase } };
  }
  const components = [...new Set(given)];
  const started = dossier.clockStartedAt ?? dossier.receivedAt ?? now;
  const elapsed = await workingDaysBetween(tx, localDate(started), localDate(now));
  const window = procedure.rules.supplementWindowWorkingDays;
  const late = elapsed > window;
  if (late && procedure.rules.lateSupplement === 'refuse') {
    throw DossierErrors.SUPPLEMENT_WINDOW_PASSED({ elapsedWorkingDays: elapsed, windowWorkingDays: window }, { days: window });
  }
  return {
    data: { reason: input.reason, components, phase, elapsedWorkingDays: elapsed, lateSupplement: late },
    closeSteps: true,
  };
};
