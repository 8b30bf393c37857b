import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { findAgency, findCommune, findProvince } from '#modules/places/index.ts';
import { NATIONAL } from './contributions.ts';
import { IndicatorErrors } from './indicators.errors.ts';
import { indicatorsReads } from './indicators.repository.ts';
import { homeUnitOf, may } from './policy.ts';

export type UnitKind = 'national' | 'province' | 'commune' | 'agency';
export interface Unit {
  code: string;
  kind: UnitKind;
  name: string;
  provinceCode: string | null;
}

/** `VN`, a province code (2 digits), a commune code (5 digits) or an agency identifier. */
export async function resolveUnit(tx: Sql, code: string): Promise<Unit | null> {
  if (code === NATIONAL) return { code, kind: 'national', name: 'Toàn quốc', provinceCode: null };
  if (/^\d{2}$/.test(code)) {
    const p = await findProvince(tx, code);
    return p ? { code, kind: 'province', name: p.name, provinceCode: code } : null;
  }
  if (/^\d{5}$/.test(code)) {
    const c = await findCommune(tx, code);
    return c ? { code, kind: 'commune', name: c.name, provinceCode: c.provinceCode } : null;
  }
  const a = await findAgency(tx, code);
  return a ? { code, kind: 'agency', name: a.name, provinceCode: a.provinceCode } : null;
}

/** The unit the caller asked for, or 404 / 403 (out of scope). Unknown units are 403 to those of limited scope (policy.ts). */
export async function viewableUnit(tx: Sql, actor: Actor, code: string): Promise<Unit> {
  if (!may.view(actor)) throw IndicatorErrors.INDICATORS_NOT_ALLOWED();
  const unit = await resolveUnit(tx, code);
  if (!unit) throw may.knowAllUnits(actor) ? IndicatorErrors.UNIT_NOT_FOUND() : IndicatorErrors.UNIT_OUT_OF_SCOPE();
  if (!may.viewUnit(actor, unit)) throw IndicatorErrors.UNIT_OUT_OF_SCOPE();
  return unit;
}

/** The unit a viewer starts on: the nation, their province, or their agency. */
export const homeUnit = (actor: Actor): string | null => homeUnitOf(actor, NATIONAL);

/** The units directly below: provinces of the nation; communes and province-level agencies of a province; agencies of a commune. */
export async function childUnits(tx: Sql, unit: Unit): Promise<{ code: string; name: string; kind: UnitKind }[]> {
  return indicatorsReads.childUnits(tx, unit.kind, unit.code);
}
