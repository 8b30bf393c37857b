import { z } from 'zod';

/** Every request and answer of the places routes (api.md §4): provinces, communes, agencies. */

export const ProvinceCode = z.string().regex(/^\d{2}$/, 'mã tỉnh gồm 2 chữ số / 2-digit province code');
export const AgencyCode = z.string().regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/);
export const AgencyKind = z.enum(['people_committee', 'public_service_center', 'police', 'justice', 'social_insurance', 'finance', 'food_safety']);
export const AgencyLevel = z.enum(['tinh', 'xa']);
/** As the API shows an agency: also the central bodies a national node hosts (level `tw`: Văn phòng Chính phủ `central`, ministries `ministry` and their units `ministry_unit`). */
const ShownKind = z.enum([...AgencyKind.options, 'central', 'ministry', 'ministry_unit']);
const ShownLevel = z.enum([...AgencyLevel.options, 'tw']);
export const CommuneKind = z.enum(['commune', 'ward', 'special_zone']);

export const Province = z.object({ code: z.string(), name: z.string() });
export type Province = z.infer<typeof Province>;
export const ProvinceList = z.object({ items: z.array(Province) });

export const CommunesParams = z.object({ code: ProvinceCode });
export const Commune = z.object({ code: z.string(), name: z.string(), kind: CommuneKind });
export type Commune = z.infer<typeof Commune>;
export const CommuneList = z.object({ items: z.array(Commune) });

export const LegacyQuery = z.object({ q: z.string().trim().min(1).max(100) });
export const LegacyMatch = z.object({
  oldName: z.string(),
  note: z.string().nullable(),
  province: Province,
  commune: Commune.nullable(),
  newCommuneName: z.string(),
});
export const LegacyList = z.object({ items: z.array(LegacyMatch) });

export const AgenciesQuery = z.object({
  provinceCode: ProvinceCode.optional(),
  adminUnitCode: z.string().regex(/^\d{2}(\d{3})?$/).optional(),
  kind: AgencyKind.optional(),
  level: AgencyLevel.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
/** An agency as the API shows it; lists add the names of its province and commune. */
export const Agency = z.object({
  code: z.string(),
  name: z.string(),
  kind: ShownKind,
  level: ShownLevel,
  provinceCode: z.string(),
  adminUnitCode: z.string().meta({ description: 'mã xã (cơ quan cấp xã) hoặc mã tỉnh / commune code, or province code' }),
  provinceName: z.string().optional(),
  communeName: z.string().nullable().optional(),
});
export type Agency = z.infer<typeof Agency>;
export const AgencyList = z.object({ items: z.array(Agency) });
export const AgencyParams = z.object({ code: AgencyCode });
