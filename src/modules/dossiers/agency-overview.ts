import type { Actor } from '#platform/actor.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { loadCalendar } from '#modules/calendar/index.ts';
import { getProcedureVersion } from '#modules/catalog/index.ts';
import { findUserById } from '#modules/identity/index.ts';
import { agencyDossierCounts } from '#modules/indicators/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as queues from './queues.repository.ts';
import { dueSoonUntil } from './list-dossiers.ts';
import { DOSSIER_STATUSES, statusInfo } from './statuses.ts';
import { may } from './policy.ts';
import type { AgencyOverview } from './dossiers.contract.ts';

const OVERDUE_LIMIT = 100;

/**
 * Tổng quan cơ quan, for its leaders and the provincial leadership of its province: dossiers
 * per status and the on-time rate of resolved dossiers ((trước hạn + đúng hạn) / resolved, against
 * the legal due date) — both from the indicators' read model, each dossier once, for the agency
 * competent for it — the overdue dossiers with who holds them, and how many are due within one
 * working day. Overdue and due soon count what the agency answers for: the
 * dossiers it holds (a forwarded dossier at the agency it went to, never also at the sender) and
 * its own liên thông steps by their sub-deadlines. No applicant data: not an access-logged read.
 */
export async function agencyOverview(tx: Sql, input: { actor: Actor; code: string; now: Date }): Promise<AgencyOverview> {
  const { actor, code, now } = input;
  if (!may.seeAnyOverview(actor)) throw DossierErrors.OVERVIEW_NOT_ALLOWED();
  const agency = await findAgency(tx, code);
  if (!agency) throw DossierErrors.AGENCY_NOT_FOUND();
  if (!may.seeOverview(actor, agency)) throw DossierErrors.OVERVIEW_NOT_ALLOWED();

  // per status and by timeliness: the command center's read model, each dossier once, for its competent agency
  const counts = await agencyDossierCounts(tx, code);
  const figures = await queues.agencyFigures(tx, code, now, await dueSoonUntil(tx, now));
  const overdueRows = await queues.listOverdueAt(tx, code, now, OVERDUE_LIMIT);
  const names = new Map<string, string>();
  const overdue: AgencyOverview['overdue'] = [];
  const calendar = await loadCalendar(tx);
  /** Days late in working days (the calendar's), as the command center counts them; calendar days where a year has no calendar. */
  const workingDaysLate = (dueAt: Date) => {
    try {
      return calendar.workingDaysBetween(localDate(dueAt), localDate(now));
    } catch {
      return Math.floor((now.getTime() - dueAt.getTime()) / 86_400_000);
    }
  };
  for (const d of overdueRows) {
    if (!names.has(d.procedureVersionId)) names.set(d.procedureVersionId, (await getProcedureVersion(tx, d.procedureVersionId)).name);
    // late with its own liên thông step: that step's deadline, and the officer who took it up
    const dueAt = d.lateStep ? d.lateStep.subDueAt : d.dueAt;
    const stepOfficer = d.lateStep?.toUser ? await findUserById(tx, d.lateStep.toUser) : null;
    overdue.push({
      id: d.id,
      code: d.code,
      procedureCode: d.procedureCode,
      procedureName: names.get(d.procedureVersionId)!,
      status: d.status,
      statusCode: statusInfo[d.status].code,
      statusLabel: statusInfo[d.status].vi,
      receivedAt: d.receivedAt ? toLocalIso(d.receivedAt) : null,
      dueAt: dueAt ? toLocalIso(dueAt) : null,
      /** The liên thông step (its number) that is late here, null when it is the dossier itself. */
      step: d.lateStep?.step ?? null,
      daysLate: dueAt ? workingDaysLate(dueAt) : 0,
      /** The officer answering for it: the assigned specialist (or who took up the late step), null if none yet. */
      responsible: d.lateStep ? (stepOfficer ? { id: stepOfficer.id, name: stepOfficer.fullName } : null) : d.assignee,
      agencyCode: d.lateStep ? code : d.currentAgency,
    });
  }
  const { early: truocHan, onTime: dungHan, late: quaHan } = counts.resolved;
  const finished = truocHan + dungHan + quaHan;
  const byStatus = DOSSIER_STATUSES.map((status) => ({
    status,
    statusCode: statusInfo[status].code,
    statusLabel: statusInfo[status].vi,
    count: counts.byStatus[status] ?? 0,
  }));
  return {
    agency: { code: agency.code, name: agency.name, provinceCode: agency.provinceCode },
    at: toLocalIso(now),
    total: byStatus.reduce((sum, s) => sum + s.count, 0),
    byStatus,
    finished: {
      total: finished,
      truocHan,
      dungHan,
      quaHan,
      onTimeRate: finished > 0 ? (truocHan + dungHan) / finished : null,
    },
    dueSoon: figures.dueSoon,
    overdueCount: figures.overdue,
    overdue,
  };
}
