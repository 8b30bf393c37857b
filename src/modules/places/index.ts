// SCAFFOLD: replaced by the places module (issue 3). Contract other modules rely on:
import type { RoutesPlugin, AppContext } from '../../http/context.ts';
import type { Sql } from '#platform/db.ts';

export type AgencyKind =
  | 'people_committee' // UBND tỉnh / UBND xã
  | 'public_service_center' // Trung tâm Phục vụ hành chính công
  | 'police' // Công an tỉnh / Công an xã
  | 'justice' // Sở Tư pháp
  | 'social_insurance' // Bảo hiểm xã hội
  | 'finance'; // Sở Tài chính

export interface Agency {
  code: string; // QCVN 102-style code, see docs/modules/places.md
  name: string;
  kind: AgencyKind;
  level: 'tinh' | 'xa';
  provinceCode: string;
  adminUnitCode: string; // commune code for commune agencies, province code for provincial ones
  parentCode: string | null;
}

export const placesRoutes: RoutesPlugin = () => {};
export async function seedPlaces(_ctx: AppContext): Promise<void> {}
export async function findAgency(_tx: Sql, _code: string): Promise<Agency | null> {
  return null;
}
export async function findAgencyFor(_tx: Sql, _adminUnitCode: string, _kind: AgencyKind): Promise<Agency | null> {
  return null;
}
