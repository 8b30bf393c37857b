import type { Sql } from '#platform/db.ts';
import { placesRepository as repo } from './places.repository.ts';
import type { Agency } from './places.types.ts';
import { bareUnitName, joinAddress } from './join-address.ts';

/**
 * How the forms print a place: the applicant's full address and an agency's place name (địa danh),
 * shared by every module that prints a document (dossiers' forms, the signed result).
 */

/** 'Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội': detail, commune, province. */
export async function fullAddress(tx: Sql, address: { communeCode?: string; detail: string } | null | undefined): Promise<string> {
  if (!address) return '';
  const commune = address.communeCode ? await repo.findCommune(tx, address.communeCode) : null;
  return joinAddress(address.detail, commune?.name, commune?.provinceName);
}

/**
 * Địa danh of an agency (Nghị định 30/2020, Phụ lục I): the name of the commune (or province)
 * it sits in, without the unit word unless the name is a number ('Hoàn Kiếm', 'Phường 1', 'Hà Nội').
 */
export async function placeNameOf(tx: Sql, agency: Agency | null): Promise<string | null> {
  if (!agency) return null;
  const unit =
    agency.level === 'xa' ? (await repo.findCommune(tx, agency.adminUnitCode))?.name : (await repo.findProvince(tx, agency.provinceCode))?.name;
  return unit ? bareUnitName(unit) : null;
}
