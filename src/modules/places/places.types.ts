export type AgencyKind =
  | 'people_committee' // UBND tỉnh / UBND xã
  | 'public_service_center' // Trung tâm Phục vụ hành chính công
  | 'police' // Công an tỉnh / Công an xã
  | 'justice' // Sở Tư pháp
  | 'social_insurance' // Bảo hiểm xã hội
  | 'finance' // Sở Tài chính
  | 'food_safety'; // Ban Quản lý An toàn thực phẩm / Chi cục An toàn vệ sinh thực phẩm (inspection module)

export interface Agency {
  code: string;
  name: string;
  kind: AgencyKind;
  level: 'tinh' | 'xa';
  provinceCode: string;
  /** Commune code for commune agencies, province code for provincial ones. */
  adminUnitCode: string;
  parentCode: string | null;
}

export interface Commune {
  code: string;
  name: string;
  kind: 'commune' | 'ward' | 'special_zone';
  provinceCode: string;
  provinceName: string;
}
