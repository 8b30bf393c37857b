import type { AgencyKind } from '#modules/places/index.ts';

/**
 * The signature block of an agency's head (Nghị định 30/2020/NĐ-CP, Phụ lục I): a collective
 * body signs "TM. <body>" above the title of its head ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"); a
 * body run by one head signs with the head's title ("GIÁM ĐỐC", "TRƯỞNG CÔNG AN"). Pure.
 */
export interface SignerTitle {
  /** "TM. ỦY BAN NHÂN DÂN" for a collective body; absent otherwise. */
  onBehalfOf?: string;
  /** "CHỦ TỊCH", "GIÁM ĐỐC", … */
  title: string;
}

/** The head's title of an agency of this kind and level; "THỦ TRƯỞNG CƠ QUAN" when unknown. */
export function signerTitleFor(agency: { kind: AgencyKind | string; level: 'tinh' | 'xa' | string } | null | undefined): SignerTitle {
  switch (agency?.kind) {
    case 'people_committee':
      return { onBehalfOf: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' };
    case 'police':
      return { title: agency.level === 'xa' ? 'TRƯỞNG CÔNG AN' : 'GIÁM ĐỐC' };
    case 'public_service_center':
    case 'justice':
    case 'social_insurance':
    case 'finance':
      return { title: 'GIÁM ĐỐC' };
    case 'food_safety':
      return { title: 'TRƯỞNG BAN' };
    default:
      return { title: 'THỦ TRƯỞNG CƠ QUAN' };
  }
}

/** The block's heading as printed: "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" or "GIÁM ĐỐC". */
export const signerHeading = (t: SignerTitle) => (t.onBehalfOf ? `${t.onBehalfOf}\n${t.title}` : t.title);
