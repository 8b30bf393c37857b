import type { AgencyKind } from './places.types.ts';

/**
 * Agency identifiers in the shape of QCVN 102:2016 (`V1V2V3.Z1Z2.Y1Y2.MX1X2`, read right to left).
 * The official list of codes after the 2025 reorganisation is not available to us, so this is a
 * project convention, stored as data (agencies.code) and editable; see docs/modules/places.md.
 *   level 1  MX1X2  'H' + national statistical province code  (Hà Nội → H01)
 *   level 2  Y1Y2   provincial body (00–05), or 50 for commune-level bodies
 *   level 3  Z1Z2   commune-level body: 00 People's Committee, 01 police
 *   level 4  V1V2V3 the commune's ordinal within its province (001…)
 */
export const provincialBodies: { kind: AgencyKind; unit: string; name: (province: string) => string }[] = [
  { kind: 'people_committee', unit: '00', name: (p) => `Ủy ban nhân dân ${p}` },
  { kind: 'public_service_center', unit: '01', name: (p) => `Trung tâm Phục vụ hành chính công ${p}` },
  { kind: 'police', unit: '02', name: (p) => `Công an ${p}` },
  { kind: 'justice', unit: '03', name: (p) => `Sở Tư pháp ${p}` },
  { kind: 'social_insurance', unit: '04', name: (p) => `Bảo hiểm xã hội ${p}` },
  { kind: 'finance', unit: '05', name: (p) => `Sở Tài chính ${p}` },
];

export const communeBodies: { kind: AgencyKind; unit: string; name: (commune: string) => string }[] = [
  { kind: 'people_committee', unit: '00', name: (c) => `Ủy ban nhân dân ${c}` },
  { kind: 'police', unit: '01', name: (c) => `Công an ${c}` },
];

export function provincialAgencyCode(provinceCode: string, unit: string): string {
  return `000.00.${unit}.H${provinceCode}`;
}

export function communeAgencyCode(provinceCode: string, ordinal: number, unit: string): string {
  return `${String(ordinal).padStart(3, '0')}.${unit}.50.H${provinceCode}`;
}

export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
