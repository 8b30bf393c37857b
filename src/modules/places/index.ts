import { perTransaction } from '#platform/per-transaction.ts';
import type { Sql } from '#platform/db.ts';
import { defineModule } from '#platform/module.ts';
import { placesRepository as repo } from './places.repository.ts';
import { placesRoutes } from './places.routes.ts';
import { seedMinistries } from './ministries.ts';
import { seedPlaces } from './seed-places.ts';
import type { Agency, AgencyKind } from './places.types.ts';

export type { Agency, AgencyKind, Commune } from './places.types.ts';
export { AGENCY_CODE_PATTERN } from './agency-codes.ts';
export { MINISTRIES } from './ministries.ts';
export { PlacesErrors } from './places.errors.ts';
export { fullAddress, placeNameOf } from './addresses.ts';
export { joinAddress } from './join-address.ts';

/** An agency by code, read once per transaction. */
export const findAgency = perTransaction((tx: Sql, code: string) => repo.findAgency(tx, code));
export const findAgencyFor = (tx: Sql, adminUnitCode: string, kind: AgencyKind) => repo.findAgencyFor(tx, adminUnitCode, kind);
export const listAgencies = (tx: Sql, filter: { provinceCode?: string; adminUnitCode?: string; kind?: AgencyKind; level?: 'tinh' | 'xa' }) =>
  repo.listAgencies(tx, filter);
/** Adds an agency a module needs when its code is not there yet (the food-safety authority of a province…). */
export const ensureAgency = (tx: Sql, agency: Agency) => repo.insertAgencyIfMissing(tx, agency);
/** After adding agencies with a module's own SQL (the exchange's central bodies). */
export const agenciesChanged = (tx: Sql) => repo.agenciesChanged(tx);
export const findCommune = (tx: Sql, code: string) => repo.findCommune(tx, code);
export const findProvince = (tx: Sql, code: string) => repo.findProvince(tx, code);

/**
 * Where a written address lies ("Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội", as the
 * e-ID gives it): the commune and province of its last two parts, and the rest as the street
 * address. Null when they are not a commune of that province (an old, pre-2025 address).
 */
export async function placeOfAddress(
  tx: Sql,
  address: string,
): Promise<{ provinceCode: string; communeCode: string; detail: string } | null> {
  const parts = address
    .normalize('NFC')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return null;
  const found = await repo.matchCommune(tx, parts[parts.length - 2], parts[parts.length - 1]);
  return found ? { ...found, detail: parts.slice(0, -2).join(', ') } : null;
}

export const module = defineModule({
  name: 'places',
  routes: placesRoutes,
  seed: async (ctx) => void (await seedPlaces(ctx)),
  onStart: seedMinistries,
});
