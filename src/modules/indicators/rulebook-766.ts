import type { Figure } from './figures.ts';

/**
 * The Decision 766/QĐ-TTg (23/06/2022) service-quality index as data (domain.md §8): groups,
 * sub-indicators, weights, targets and how this system computes each, versioned by effective
 * date because VPCP's rule book ("Công thức 766") changes. Verification tags follow domain.md:
 * [S] secondary source (a third-party implementation reconciled against DVCQG), [?] unknown.
 * An indicator whose data this system does not hold has `computed: null` and a reason: it is
 * shown as missing, never as zero.
 */
export interface Side {
  plus: Figure[];
  minus?: Figure[];
}
export interface RuleIndicator {
  id: string;
  name: string;
  nameEn: string;
  max: number;
  /** Ratio (0..1) at which full points are earned; null: linear R × max [?]. */
  target: number | null;
  verification: 'V' | 'S' | 'R' | '?';
  /** How this system computes it; null when it holds no data for it. */
  computed: { numerator: Side; denominator: Side; unit?: 'ratio' | 'days' } | { source: 'feedback' } | null;
  missingReason?: string;
}
export interface RuleGroup {
  id: string;
  name: string;
  nameEn: string;
  max: number;
  indicators: RuleIndicator[];
}
export interface RuleBook {
  version: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
  groups: RuleGroup[];
}

const NO_PUBLICATION = 'Hệ thống chưa ghi nhận quyết định công bố và thời điểm công khai thủ tục trên CSDL quốc gia';
const NO_DIGITISATION = 'Hệ thống chưa ghi nhận việc số hóa thành phần hồ sơ, tái sử dụng dữ liệu và kho dữ liệu của công dân';

export const RULEBOOKS: RuleBook[] = [
  {
    version: '766-2026',
    effectiveFrom: '2022-06-23',
    effectiveTo: null,
    source: 'QĐ 766/QĐ-TTg ngày 23/06/2022; "Công thức 766" của VPCP (2026) theo domain.md §8 [S]',
    groups: [
      {
        id: '1',
        name: 'Công khai, minh bạch',
        nameEn: 'Publicity and transparency',
        max: 18,
        indicators: [
          { id: '1.1', name: 'Công bố thủ tục hành chính đúng hạn', nameEn: 'Procedures published on time', max: 6, target: null, verification: 'S', computed: null, missingReason: NO_PUBLICATION },
          { id: '1.2', name: 'Cập nhật, công khai thủ tục trên CSDL đúng hạn', nameEn: 'Procedures updated and made public on time', max: 4, target: null, verification: 'S', computed: null, missingReason: NO_PUBLICATION },
          { id: '1.3', name: 'Công khai đầy đủ các bộ phận của thủ tục', nameEn: 'Procedures published with all parts', max: 2, target: null, verification: 'S', computed: null, missingReason: NO_PUBLICATION },
          {
            id: '1.4',
            name: 'Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia',
            nameEn: 'Dossiers synchronised to the national portal',
            max: 6,
            target: null,
            verification: 'S',
            computed: null,
            missingReason: 'Chưa có xác nhận của Cổng Dịch vụ công quốc gia (chỉ có nhật ký gửi đi của hệ thống)',
          },
        ],
      },
      {
        id: '2',
        name: 'Tiến độ giải quyết',
        nameEn: 'Timeliness',
        max: 20,
        indicators: [
          {
            id: '2.1',
            name: 'Giải quyết hồ sơ đúng hạn',
            nameEn: 'On-time processing',
            max: 20,
            target: null,
            verification: 'S',
            computed: { numerator: { plus: ['resolvedEarly', 'resolvedOnTime', 'pendingInTime'] }, denominator: { plus: ['resolved', 'pending'] } },
          },
          {
            id: '2.2',
            name: 'Thời gian xử lý trung bình (ngày làm việc, theo dõi)',
            nameEn: 'Average processing time (working days, monitoring)',
            max: 0,
            target: null,
            verification: 'S',
            computed: { numerator: { plus: ['resolved'] }, denominator: { plus: ['resolved'] }, unit: 'days' },
          },
        ],
      },
      {
        id: '3',
        name: 'Dịch vụ công trực tuyến',
        nameEn: 'Online services',
        max: 22,
        indicators: [
          {
            id: '3.x',
            name: 'Hồ sơ trực tuyến toàn trình trên hồ sơ của thủ tục đủ điều kiện toàn trình',
            nameEn: 'Full-online dossiers over dossiers of full-online procedures',
            max: 12,
            target: null,
            verification: 'S',
            computed: { numerator: { plus: ['onlineEligibleOnline'] }, denominator: { plus: ['onlineEligible'] } },
          },
          { id: '3.1', name: 'Thủ tục cung cấp trực tuyến trên thủ tục thuộc thẩm quyền', nameEn: 'Procedures offered online', max: 0, target: 0.8, verification: 'S', computed: null, missingReason: 'Danh mục thủ tục thuộc thẩm quyền từng đơn vị chưa được giao trong hệ thống' },
          { id: '3.3', name: 'Hồ sơ trực tuyến đủ điều kiện trả kết quả điện tử', nameEn: 'Online dossiers meeting the e-result condition', max: 0, target: 0.5, verification: 'S', computed: null, missingReason: 'Hệ số đồng bộ của Cổng Dịch vụ công quốc gia chưa có' },
          { id: '3.5', name: 'Thủ tục có phí, lệ phí cung cấp thanh toán trực tuyến', nameEn: 'Fee-bearing procedures offered with online payment', max: 4, target: 0.8, verification: 'S', computed: null, missingReason: 'Danh mục thủ tục thuộc thẩm quyền từng đơn vị chưa được giao trong hệ thống' },
          {
            id: '3.6',
            name: 'Hồ sơ thanh toán trực tuyến trên hồ sơ của thủ tục có phí, lệ phí',
            nameEn: 'Dossiers paid online over dossiers of fee-bearing procedures',
            max: 6,
            target: null,
            verification: 'S',
            computed: { numerator: { plus: ['paidOnline'] }, denominator: { plus: ['feeBearing'] } },
          },
        ],
      },
      {
        id: '4',
        name: 'Số hóa hồ sơ',
        nameEn: 'Digitisation',
        max: 22,
        indicators: [
          {
            id: '4.1',
            name: 'Hồ sơ được cấp kết quả điện tử',
            nameEn: 'Dossiers with an electronic result',
            max: 6,
            target: null,
            verification: 'S',
            computed: { numerator: { plus: ['eResult'] }, denominator: { plus: ['resolved'] } },
          },
          { id: '4.2', name: 'Hồ sơ được số hóa (thành phần và kết quả)', nameEn: 'Dossiers digitised', max: 4, target: 0.8, verification: 'S', computed: null, missingReason: NO_DIGITISATION },
          { id: '4.x', name: 'Cung cấp bản sao điện tử chứng thực từ bản chính', nameEn: 'Electronic certified copies offered', max: 2, target: null, verification: 'S', computed: null, missingReason: NO_DIGITISATION },
          { id: '4.3', name: 'Hồ sơ tái sử dụng dữ liệu số hóa', nameEn: 'Dossiers reusing digitised data', max: 2, target: 0.8, verification: 'S', computed: null, missingReason: NO_DIGITISATION },
          { id: '4.4', name: 'Hồ sơ số hóa chia sẻ vào kho dữ liệu của công dân', nameEn: 'Digitised dossiers shared to the citizen store', max: 4, target: null, verification: 'S', computed: null, missingReason: NO_DIGITISATION },
          { id: '4.5', name: 'Kết nối, sử dụng dữ liệu dân cư', nameEn: 'Use of the population database', max: 4, target: null, verification: 'S', computed: null, missingReason: 'Hệ thống chưa kết nối Cơ sở dữ liệu quốc gia về dân cư' },
        ],
      },
      {
        id: '5',
        name: 'Mức độ hài lòng',
        nameEn: 'Satisfaction',
        max: 18,
        indicators: [
          { id: '5.2', name: 'Xử lý phản ánh, kiến nghị đúng hạn', nameEn: 'Feedback handled on time', max: 6, target: null, verification: 'S', computed: { source: 'feedback' } },
          { id: '5.3', name: 'Mức độ hài lòng về xử lý phản ánh, kiến nghị', nameEn: 'Satisfaction with feedback handling', max: 6, target: null, verification: 'S', computed: null, missingReason: 'Hệ thống chưa ghi nhận ý kiến của người dân về câu trả lời phản ánh' },
          {
            id: '5.4',
            name: 'Mức độ hài lòng trong giải quyết hồ sơ',
            nameEn: 'Satisfaction with dossier handling',
            max: 6,
            target: 0.9,
            verification: 'S',
            computed: { numerator: { plus: ['resolved', 'pending'], minus: ['resolvedLate', 'pendingOverdue', 'dissatisfied'] }, denominator: { plus: ['resolved', 'pending'] } },
          },
        ],
      },
    ],
  },
];

/** The rule book in force on a date. */
export function ruleBookOn(date: string): RuleBook {
  const book = RULEBOOKS.find((b) => b.effectiveFrom <= date && (b.effectiveTo === null || date < b.effectiveTo));
  return book ?? RULEBOOKS[0];
}

/** domain.md §8: points = Pmax when R ≥ target, else R × Pmax / target; no target → R × Pmax [?]. */
export function pointsFor(ratio: number, max: number, target: number | null): number {
  const p = target === null ? ratio * max : ratio >= target ? max : (ratio * max) / target;
  return Math.round(p * 100) / 100;
}
