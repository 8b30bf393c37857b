import type { Actor } from '#platform/actor.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { getProcedureVersion } from '#modules/catalog/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import { dueSoonUntil } from './list-dossiers.ts';
import { DOSSIER_STATUSES, statusInfo } from './statuses.ts';

const OVERDUE_LIMIT = 100;

/**
 * Tổng quan cơ quan, for its leaders and the provincial leadership of its province: dossiers
 * per status, the on-time rate of finished dossiers ((trước hạn + đúng hạn) / finished, where
 * finished means a result or a stop), the overdue dossiers with who holds them, and how many
 * are due within one working day. No applicant data: not an access-logged read.
 */
export async function agencyOverview(tx: Sql, input: { actor: Actor; code: string; now: Date }) {
  const { actor, code, now } = input;
  if (!actor.grants.some((g) => g.role === 'leader' || g.role === 'provincial_leader')) throw DossierErrors.OVERVIEW_NOT_ALLOWED();
  const agency = await findAgency(tx, code);
  if (!agency) throw DossierErrors.AGENCY_NOT_FOUND();
  const allowed = actor.grants.some(
    (g) => (g.role === 'leader' && g.agencyCode === code) || (g.role === 'provincial_leader' && g.provinceCode === agency.provinceCode),
  );
  if (!allowed) throw DossierErrors.OVERVIEW_NOT_ALLOWED();

  const figures = await repo.agencyFigures(tx, code, now, await dueSoonUntil(tx, now));
  const overdueRows = await repo.listOverdueAt(tx, code, now, OVERDUE_LIMIT);
  const names = new Map<string, string>();
  const overdue = [];
  for (const d of overdueRows) {
    if (!names.has(d.procedureVersionId)) names.set(d.procedureVersionId, (await getProcedureVersion(tx, d.procedureVersionId)).name);
    overdue.push({
      id: d.id,
      code: d.code,
      procedureCode: d.procedureCode,
      procedureName: names.get(d.procedureVersionId)!,
      status: d.status,
      statusCode: statusInfo[d.status].code,
      statusLabel: statusInfo[d.status].vi,
      receivedAt: d.receivedAt ? toLocalIso(d.receivedAt) : null,
      dueAt: d.dueAt ? toLocalIso(d.dueAt) : null,
      daysLate: d.dueAt ? Math.floor((now.getTime() - d.dueAt.getTime()) / 86_400_000) : 0,
      /** The officer answering for it: the assigned specialist, else the leader of the agency holding it. */
      responsible: d.assignee,
      agencyCode: d.currentAgency,
    });
  }
  const { total: finished, truocHan, dungHan, quaHan } = figures.finished;
  const byStatus = DOSSIER_STATUSES.map((status) => ({
    status,
    statusCode: statusInfo[status].code,
    statusLabel: statusInfo[status].vi,
    count: figures.byStatus[status] ?? 0,
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
