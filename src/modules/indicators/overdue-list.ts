import type { Actor } from '#platform/actor.ts';
import { localDate } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { loadCalendar } from '#modules/calendar/index.ts';
import { openPersonal, presentRow } from './drill-down.ts';
import { drillReads } from './indicators.repository.ts';
import type { Unit } from './units.ts';

/**
 * The open overdue dossiers of a unit now, most overdue first, each with the agency holding it
 * and the officer answering for it, and how many working days late it is (calendar module).
 */
export async function overdueList(tx: Sql, input: { actor: Actor; unit: Unit; limit: number; now: Date }) {
  const { actor, unit, now } = input;
  const rows = await drillReads.overdueNow(tx, unit.kind, unit.code, now, input.limit);
  const cal = await loadCalendar(tx);
  const today = localDate(now);
  const open = await openPersonal(tx, actor, rows, now, 'Danh sách hồ sơ quá hạn (chỉ đạo điều hành)');
  return {
    unit: unit.code,
    items: rows.map((r) => {
      let daysLate: number;
      try {
        daysLate = cal.workingDaysBetween(localDate(r.dueAt!), today);
      } catch {
        daysLate = Math.floor((now.getTime() - r.dueAt!.getTime()) / 86_400_000);
      }
      return {
        ...presentRow(r, open.has(r.id), now),
        assigneeName: r.assigneeName,
        currentAgencyCode: r.currentAgency,
        currentAgencyName: r.currentAgencyName,
        daysLate,
      };
    }),
  };
}
