import { localDate } from '#platform/clock.ts';
import type { WorkingCalendar } from '#modules/calendar/index.ts';
import type { Fact, Outcome, StepFact, StepOutcome } from './contributions.ts';
import type { DossierSource, StepSource } from './indicators.repository.ts';

const TIMELINESS: Record<string, StepOutcome> = { truoc_han: 'early', dung_han: 'on_time', qua_han: 'late' };

/**
 * Finished before the local due day → early; on the due day, not after the due instant → on time;
 * later → late (domain.md §3.9, as the dossier's own timeliness). No due date → on time.
 */
function resolvedOutcome(dueAt: Date | null, finishedAt: Date): StepOutcome {
  if (!dueAt) return 'on_time';
  if (finishedAt.getTime() > dueAt.getTime()) return 'late';
  return localDate(finishedAt) < localDate(dueAt) ? 'early' : 'on_time';
}

/**
 * The due instant timeliness is measured against: the appointment before an apology and new
 * appointment (Mẫu 04) when one was sent, else the current one. The new appointment is a promise
 * to the applicant, not a new legal time limit: a dossier resolved after the legal due date is
 * late even when it meets the new appointment (NĐ 61/2018 Art. 19.9; TT 01/2018 Art. 13; see
 * docs/modules/indicators.md).
 */
export const legalDue = (s: { dueAt: Date | null; legalDueAt?: Date | null }): Date | null => s.legalDueAt ?? s.dueAt;

function outcomeOf(s: DossierSource): Outcome | null {
  if (!s.finishedAt) return null;
  if (s.status === 'WITHDRAWN') return 'withdrawn';
  if (s.status === 'STOPPED') return 'stopped';
  if (s.status === 'RESULT_READY' || s.status === 'RESULT_RETURNED') return resolvedOutcome(legalDue(s), s.finishedAt);
  return null; // refused at intake: never received, not counted
}

function workingDays(cal: WorkingCalendar, from: Date, to: Date): number | null {
  try {
    return cal.workingDaysBetween(localDate(from), localDate(to));
  } catch {
    return null; // a year without calendar: shown as missing, not as zero
  }
}

/** The fact row of a dossier, from its cached state (the reduction of its action log). */
export function factOf(s: DossierSource, cal: WorkingCalendar): Fact {
  const outcome = s.receivedAt ? outcomeOf(s) : null;
  const resolved = outcome === 'early' || outcome === 'on_time' || outcome === 'late';
  return {
    dossierId: s.id,
    agency: s.agency,
    communeCode: s.agencyLevel === 'xa' ? s.agencyUnit : null,
    provinceCode: s.provinceCode,
    procedureCode: s.procedureCode,
    sector: s.sector,
    officer: s.assignee,
    channel: s.channel,
    status: s.status,
    receivedAt: s.receivedAt,
    receivedDay: s.receivedAt ? localDate(s.receivedAt) : null,
    dueAt: s.receivedAt ? legalDue(s) : null,
    dueDay: s.receivedAt && legalDue(s) ? localDate(legalDue(s)!) : null,
    finishedAt: s.receivedAt ? s.finishedAt : null,
    finishedDay: s.receivedAt && s.finishedAt ? localDate(s.finishedAt) : null,
    outcome,
    workingDays: resolved && s.receivedAt && s.finishedAt ? workingDays(cal, s.receivedAt, s.finishedAt) : null,
    onlineEligible: (s.onlineLevel ?? '').startsWith('toan_trinh'),
    feeBearing: s.feeBearing,
    paidOnline: s.feeBearing && s.paidOnline,
    eResult: resolved && s.eResult,
    boundaryFree: s.receivingUnit !== s.agencyUnit,
    ratingDay: s.ratedAt ? localDate(s.ratedAt) : null,
    dissatisfied: s.ratedAt ? s.dissatisfied : null,
  };
}

export function stepFactOf(s: StepSource): StepFact {
  return {
    dossierId: s.dossierId,
    seq: s.seq,
    agency: s.agency,
    communeCode: s.agencyLevel === 'xa' ? s.agencyUnit : null,
    provinceCode: s.provinceCode,
    sentDay: localDate(s.sentAt),
    finishedDay: s.finishedAt ? localDate(s.finishedAt) : null,
    outcome: s.finishedAt && s.outcome ? (TIMELINESS[s.outcome] ?? null) : null,
  };
}
