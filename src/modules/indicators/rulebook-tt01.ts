/**
 * The per-dossier evaluation of Circular 01/2018/TT-VPCP (Art. 13–15; domain.md §8, [V]) as
 * data, versioned by effective date: nine indicators, each scored 2, 1 or 0 per dossier; an
 * indicator's score for a unit is the mean over its dossiers (one decimal); the bands for
 * agencies and officers. Used for internal evaluation of agencies and officers, beside the
 * Decision 766 index. Where the circular's wording is not in the repository's sources, the rule
 * is marked [?] and documented in docs/modules/indicators.md; an indicator this system holds no
 * data for is `measured: false` and shown as missing, never as zero.
 */
export interface Tt01Indicator {
  id: number;
  name: string;
  nameEn: string;
  /** What earns 2, 1 and 0 points. */
  levels: [string, string, string];
  verification: 'V' | '?';
  measured: boolean;
  missingReason?: string;
  /** Counted for the officer in charge (the officer's own work), not only for the agency [?]. */
  officer: boolean;
}

export interface Tt01RuleBook {
  version: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
  indicators: Tt01Indicator[];
  /** Indicator 8: share of feedback answered on time for 2 and for 1 point. */
  feedbackOnTime: { two: number; one: number };
  /** Indicator 9: share of dossiers received online for 2 and for 1 point (2 also needs no late online dossier). */
  onlineShare: { two: number; one: number };
  /** Agency bands on the total (max 18): lower bounds, best first. */
  agencyBands: { band: 'xuat_sac' | 'tot' | 'kha' | 'trung_binh' | 'yeu'; min: number; name: string }[];
  /** Officer bands on the officer total (indicators marked `officer`, max 6): lower bounds, best first. */
  officerBands: { band: 'hoan_thanh_100' | 'hoan_thanh_70' | 'duoi_70'; min: number; name: string }[];
}

export const TT01_RULE_BOOKS: Tt01RuleBook[] = [
  {
    version: 'TT01-2018',
    effectiveFrom: '2019-01-08',
    effectiveTo: null,
    source: 'Thông tư 01/2018/TT-VPCP, Điều 13–15 (đánh giá việc giải quyết TTHC theo từng hồ sơ)',
    indicators: [
      {
        id: 1,
        name: 'Tổng thời gian giải quyết so với quy định',
        nameEn: 'Total handling time against the time allowed',
        levels: ['trước hạn', 'đúng hạn', 'quá hạn'],
        verification: 'V',
        measured: true,
        officer: true,
      },
      {
        id: 2,
        name: 'Thời gian của từng cơ quan so với thời gian được giao',
        nameEn: "Each agency's time against its allotment",
        levels: ['mọi cơ quan trước hạn', 'mọi cơ quan đúng hạn', 'có cơ quan quá hạn'],
        verification: 'V',
        measured: true,
        officer: false,
      },
      {
        id: 3,
        name: 'Số lần liên hệ để hoàn thiện hồ sơ',
        nameEn: 'Contacts needed to complete the dossier',
        levels: ['không lần nào', 'một lần', 'hơn một lần'],
        verification: 'V',
        measured: true,
        officer: true,
      },
      {
        id: 4,
        name: 'Số cơ quan phải liên hệ',
        nameEn: 'Bodies the applicant had to contact',
        levels: ['không phải đến cơ quan nào (trực tuyến, bưu chính)', 'chỉ Bộ phận Một cửa', 'nhiều cơ quan'],
        verification: '?',
        measured: true,
        officer: false,
      },
      {
        id: 5,
        name: 'Tỷ lệ TTHC giải quyết tại chỗ ở Bộ phận Một cửa',
        nameEn: 'Share of procedures fully handled at the desk',
        levels: ['đạt tỷ lệ theo cấp', '—', 'không đạt'],
        verification: 'V',
        measured: false,
        missingReason: 'Hệ thống chưa ghi thủ tục nào được giải quyết ngay tại Bộ phận Một cửa',
        officer: false,
      },
      {
        id: 6,
        name: 'Công khai thủ tục hành chính',
        nameEn: 'Publication of the procedure',
        levels: ['niêm yết và công khai điện tử', 'chỉ niêm yết', 'không công khai'],
        verification: '?',
        measured: true,
        officer: false,
      },
      {
        id: 7,
        name: 'Tinh thần, thái độ của cán bộ',
        nameEn: 'Attitude of the officers',
        levels: ['trước hạn, không có phản ánh', 'đúng hạn, không có phản ánh', 'có phản ánh hoặc không hài lòng, hoặc quá hạn'],
        verification: '?',
        measured: true,
        officer: true,
      },
      {
        id: 8,
        name: 'Giải quyết phản ánh, kiến nghị đúng hạn',
        nameEn: 'Feedback answered on time',
        levels: ['100 %', 'từ 90 %', 'dưới 90 %'],
        verification: 'V',
        measured: true,
        officer: false,
      },
      {
        id: 9,
        name: 'Cung cấp dịch vụ công trực tuyến',
        nameEn: 'Online public services',
        levels: ['từ 30 % hồ sơ trực tuyến, không hồ sơ trực tuyến nào quá hạn', 'từ 15 % đến dưới 30 %', 'dưới 15 %'],
        verification: '?',
        measured: true,
        officer: false,
      },
    ],
    feedbackOnTime: { two: 1, one: 0.9 },
    onlineShare: { two: 0.3, one: 0.15 },
    agencyBands: [
      { band: 'xuat_sac', min: 15, name: 'Xuất sắc' },
      { band: 'tot', min: 12, name: 'Tốt' },
      { band: 'kha', min: 9, name: 'Khá' },
      { band: 'trung_binh', min: 6, name: 'Trung bình' },
      { band: 'yeu', min: 0, name: 'Yếu' },
    ],
    officerBands: [
      { band: 'hoan_thanh_100', min: 5, name: 'Hoàn thành 100 % nhiệm vụ' },
      { band: 'hoan_thanh_70', min: 3.5, name: 'Hoàn thành từ 70 % đến dưới 100 %' },
      { band: 'duoi_70', min: 0, name: 'Hoàn thành dưới 70 %' },
    ],
  },
];

/** The rule book in force on a day (the last one effective by then). */
export function tt01RuleBookOn(day: string): Tt01RuleBook {
  const inForce = TT01_RULE_BOOKS.filter((b) => b.effectiveFrom <= day && (b.effectiveTo === null || day <= b.effectiveTo));
  return inForce[inForce.length - 1] ?? TT01_RULE_BOOKS[0];
}
