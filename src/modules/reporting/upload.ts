import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { readReportWorkbook } from './excel.ts';
import { may } from './policy.ts';
import { ReportingErrors } from './reporting.errors.ts';
import { currentFigures, type LoadedReport, loadReport, type ReportKey, saveValues } from './reports.ts';

/**
 * POST upload: the filled template, read cell by cell; any bad cell → 400 EXCEL_INVALID with one
 * detail per cell (`field` = sheet!cell, a Vietnamese message naming both) and nothing stored;
 * else the figures are saved as by PUT values (corrections with the reasons of column F).
 */
export async function uploadWorkbook(ctx: Pick<AppContext, 'config' | 'clock'>, tx: Sql, actor: Actor, key: ReportKey, bytes: Buffer): Promise<LoadedReport> {
  const now = ctx.clock.now();
  const r = await loadReport(ctx, tx, actor, key, now);
  if (!may.edit(r.staff, r.unit.code)) throw ReportingErrors.REPORTING_NOT_ALLOWED();
  const { prefilled } = await currentFigures(tx, r, now);
  const read = await readReportWorkbook(bytes, r.regime.definition, r.unit.kind, { ...key, prefilled });
  if (read.problems.length) throw ReportingErrors.EXCEL_INVALID({ details: read.problems.map((p) => ({ field: p.cell, message: p.message })) });
  return saveValues(ctx, tx, actor, key, { values: read.values, reasons: read.reasons });
}
