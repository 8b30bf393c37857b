import { localDate } from '#platform/clock.ts';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { addWorkingDays } from '#modules/calendar/index.ts';
import { agencyElsewhere } from '#modules/exchange/index.ts';
import { type Agency, type AgencyKind, findAgency, listAgencies } from '#modules/places/index.ts';
import { dueDateOf, type Period, periodOf, periodsOfYear } from './periods.ts';
import { RegimeDefinition } from './regime-definition.ts';
import { ReportingErrors } from './reporting.errors.ts';
import * as repo from './reporting.repository.ts';

/** A stored regime whose definition satisfies the schema (one written by hand in SQL may not: it is not served). */
export function checkedRegime(row: repo.RegimeRow | null): repo.RegimeRow | null {
  const parsed = row ? RegimeDefinition.safeParse(row.definition) : null;
  return row && parsed?.success ? { ...row, definition: parsed.data } : null;
}

/** A regime in force on a date, or 404. */
export async function regimeOrThrow(tx: Sql, code: string, date: string): Promise<repo.RegimeRow> {
  const row = checkedRegime(await repo.regimeOn(tx, code, date));
  if (!row) throw ReportingErrors.REGIME_NOT_FOUND();
  return row;
}

export async function listRegimes(tx: Sql, now: Date): Promise<repo.RegimeRow[]> {
  return (await repo.regimesOn(tx, localDate(now))).flatMap((r) => checkedRegime(r) ?? []);
}

export interface DatedPeriod extends Period {
  dueDate: string;
}

/** One period of a regime with its due date (working calendar), or 400 REPORTING_PERIOD_INVALID. */
export async function periodOrThrow(tx: Sql, regime: repo.RegimeRow, code: string): Promise<DatedPeriod> {
  const p = periodOf(regime.definition, code);
  if (!p) throw ReportingErrors.REPORTING_PERIOD_INVALID({}, { period: code });
  return { ...p, dueDate: await dueOf(tx, regime, p) };
}

const dueOf = async (tx: Sql, regime: repo.RegimeRow, p: Period): Promise<string> => dueDateOf(regime.definition, p, (date, days) => addWorkingDays(tx, date, days));

/** GET …/regimes/{code}/periods?year= : every period of the year with its data range and due date. */
export async function listPeriods(tx: Sql, regime: repo.RegimeRow, year: number): Promise<DatedPeriod[]> {
  const out: DatedPeriod[] = [];
  for (const p of periodsOfYear(regime.definition, year)) out.push({ ...p, dueDate: await dueOf(tx, regime, p) });
  return out;
}

/** The reporting units of a regime under a receiving agency (its province's agencies of the listed levels and kinds, or the ad hoc list). */
export async function reportingUnitsOf(tx: Sql, regime: repo.RegimeRow, receiving: Agency): Promise<Agency[]> {
  const def = regime.definition;
  if (def.adHoc) {
    const units: Agency[] = [];
    for (const code of def.adHoc.units) {
      const a = await findAgency(tx, code);
      if (a && a.provinceCode === receiving.provinceCode) units.push(a);
    }
    return units;
  }
  const national = def.receiving.level === 'tw';
  const parent = def.receiving.level === 'parent';
  const receives =
    def.receiving.level === 'tw'
      ? receiving.code === def.receiving.code
      : def.receiving.level === 'parent'
        ? receiving.kind === def.receiving.kind
        : receiving.level === def.receiving.level && receiving.kind === def.receiving.kind;
  if (!receives) return [];
  const units: Agency[] = [];
  for (const sel of def.reportingUnits) {
    for (const kind of sel.kinds) {
      // the national step gathers the units of every province; `parent` the receiving unit's own units; otherwise those of its province
      const found = await listAgencies(tx, { ...(national || parent ? {} : { provinceCode: receiving.provinceCode }), level: sel.level as Agency['level'], kind: kind as AgencyKind });
      units.push(...found.filter((a) => a.code !== receiving.code && (!parent || a.parentCode === receiving.code)).map((a) => ({ code: a.code, name: a.name, kind: a.kind, level: a.level, provinceCode: a.provinceCode, adminUnitCode: a.adminUnitCode, parentCode: a.parentCode })));
    }
  }
  return units;
}

/**
 * A central receiving body (level `tw`): the agency here (a national node hosts it), else the body
 * as the installation hosting it announces it in the exchange's registry — a province's
 * installation has no row for Văn phòng Chính phủ, yet its UBND reports to it there. Shaped as a
 * national node's row of it (kind `central`, level `tw`). Null when no known installation hosts it.
 */
async function centralBody(ctx: Pick<AppContext, 'config'>, tx: Sql, code: string): Promise<Agency | null> {
  const here = await findAgency(tx, code);
  if (here) return here;
  const there = await agencyElsewhere(ctx, tx, code);
  if (!there) return null;
  return { code, name: there.name, kind: 'central' as AgencyKind, level: 'tw' as Agency['level'], provinceCode: '01', adminUnitCode: code, parentCode: null };
}

/** The unit's parent in the organisation tree when it is of that kind (a Cục or Vụ → its ministry). */
async function parentOfKind(tx: Sql, unit: Agency, kind: string): Promise<Agency | null> {
  const parent = unit.parentCode ? await findAgency(tx, unit.parentCode) : null;
  return parent?.kind === kind ? parent : null;
}

/** The agency a unit reports to under a regime; null when the unit is not one of its reporting units. */
export async function receivingOf(ctx: Pick<AppContext, 'config'>, tx: Sql, regime: repo.RegimeRow, unit: Agency): Promise<Agency | null> {
  const def = regime.definition;
  const receiving =
    def.receiving.level === 'tw'
      ? await centralBody(ctx, tx, def.receiving.code)
      : def.receiving.level === 'parent'
        ? await parentOfKind(tx, unit, def.receiving.kind)
        : (await listAgencies(tx, { provinceCode: unit.provinceCode, level: def.receiving.level, kind: def.receiving.kind as AgencyKind }))[0];
  if (!receiving || receiving.code === unit.code) return null;
  if (def.adHoc) return def.adHoc.units.includes(unit.code) ? receiving : null;
  return def.reportingUnits.some((s) => s.level === unit.level && s.kinds.includes(unit.kind)) ? receiving : null;
}
