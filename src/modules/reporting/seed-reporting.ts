import { isDeepStrictEqual } from 'node:util';
import { localDate } from '#platform/clock.ts';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { demoReportingAccounts, ensureDemoUsers } from '#modules/identity/index.ts';
import { findAgency, findAgencyFor } from '#modules/places/index.ts';
import { type IndicatorDef, RegimeDefinition } from './regime-definition.ts';
import * as repo from './reporting.repository.ts';

type Ind = Omit<IndicatorDef, 'unit' | 'integer' | 'required'> & Partial<Pick<IndicatorDef, 'unit' | 'integer' | 'required'>>;
const count = (code: string, number: string, name: string, prefill?: IndicatorDef['prefill'], extra: Partial<Ind> = {}): Ind => ({
  code,
  number,
  name,
  type: 'number',
  unit: 'hồ sơ',
  integer: true,
  min: 0,
  aggregation: 'sum',
  ...(prefill ? { prefill } : {}),
  ...extra,
});

/**
 * Báo cáo định kỳ tình hình, kết quả giải quyết TTHC: the standard feed of the one-stop shop
 * (received, carried over, resolved early/on time/late, pending in time/overdue), pre-filled from
 * the dossier data; communes and provincial departments → the provincial People's Committee.
 */
export const TTHC_REGIME = {
  code: 'tthc',
  name: 'Báo cáo định kỳ tình hình, kết quả giải quyết thủ tục hành chính',
  type: 'periodic' as const,
  validFrom: '2025-07-01',
  legalBasis:
    'Nghị định 09/2019/NĐ-CP quy định về chế độ báo cáo của cơ quan hành chính nhà nước (Điều 12: thời gian chốt số liệu); Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông; quy định của UBND tỉnh về thời hạn gửi báo cáo',
  definition: {
    content: 'Tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính tại đơn vị trong kỳ báo cáo; khó khăn, vướng mắc và kiến nghị.',
    reportingUnits: [
      { level: 'xa', kinds: ['people_committee'] },
      { level: 'tinh', kinds: ['justice', 'finance'] },
    ],
    receiving: { level: 'tinh', kind: 'people_committee' },
    periodTypes: ['month', 'quarter'],
    cutoffDay: 15,
    due: { workingDaysAfterCutoff: 2 },
    sections: [
      {
        title: 'I. Tiếp nhận hồ sơ',
        indicators: [
          count('received', '1', 'Số hồ sơ mới tiếp nhận trong kỳ', 'tthc.received'),
          count('receivedOnline', '1.1', 'Trong đó: tiếp nhận trực tuyến', 'tthc.receivedOnline'),
          count('receivedDirect', '1.2', 'Trong đó: tiếp nhận trực tiếp', 'tthc.receivedDirect'),
          count('receivedPostal', '1.3', 'Trong đó: tiếp nhận qua dịch vụ bưu chính công ích', 'tthc.receivedPostal'),
          count('carriedOver', '2', 'Số hồ sơ từ kỳ trước chuyển sang', 'tthc.carriedOver'),
        ],
      },
      {
        title: 'II. Kết quả giải quyết',
        indicators: [
          count('resolved', '3', 'Số hồ sơ đã giải quyết', 'tthc.resolved'),
          count('resolvedEarly', '3.1', 'Giải quyết trước hạn', 'tthc.resolvedEarly'),
          count('resolvedOnTime', '3.2', 'Giải quyết đúng hạn', 'tthc.resolvedOnTime'),
          count('resolvedLate', '3.3', 'Giải quyết quá hạn', 'tthc.resolvedLate'),
          count('pending', '4', 'Số hồ sơ đang giải quyết', 'tthc.pending'),
          count('pendingInTime', '4.1', 'Đang giải quyết trong hạn', 'tthc.pendingInTime'),
          count('pendingOverdue', '4.2', 'Đang giải quyết quá hạn', 'tthc.pendingOverdue'),
          { code: 'onTimeRate', number: '5', name: 'Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn', type: 'percent', unit: '%', min: 0, max: 100, aggregation: 'weighted_average', weight: 'resolved', prefill: 'tthc.onTimeRate', required: false },
        ],
      },
      {
        title: 'III. Khó khăn, vướng mắc và kiến nghị',
        indicators: [{ code: 'issues', number: '6', name: 'Khó khăn, vướng mắc, đề xuất, kiến nghị', type: 'text', unit: '', aggregation: 'concat', required: false }],
      },
    ],
    checks: [
      { kind: 'sum', total: 'received', parts: ['receivedOnline', 'receivedDirect', 'receivedPostal'] },
      { kind: 'sum', total: 'resolved', parts: ['resolvedEarly', 'resolvedOnTime', 'resolvedLate'] },
      { kind: 'sum', total: 'pending', parts: ['pendingInTime', 'pendingOverdue'] },
    ],
  },
};

/** Sectors (lĩnh vực of the national catalogue) of the TTHC report's by-sector table; the last row gathers every other sector. */
const SECTOR_ROWS = [
  { key: 'hoTich', label: 'Hộ tịch', sectors: ['Hộ tịch'] },
  { key: 'chungThuc', label: 'Chứng thực', sectors: ['Chứng thực'] },
  { key: 'cuTru', label: 'Đăng ký, quản lý cư trú', sectors: ['Đăng ký, quản lý cư trú'] },
  { key: 'datDai', label: 'Đất đai', sectors: ['Đất đai'] },
  { key: 'xayDung', label: 'Hoạt động xây dựng', sectors: ['Hoạt động xây dựng'] },
  {
    key: 'kinhDoanh',
    label: 'Thành lập và hoạt động doanh nghiệp, hộ kinh doanh',
    sectors: ['Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)', 'Thành lập và hoạt động của doanh nghiệp', 'Thành lập và hoạt động doanh nghiệp'],
  },
  { key: 'khac', label: 'Các lĩnh vực khác', other: true },
];
const column = (code: string, name: string, prefill: IndicatorDef['prefill'], totalOf?: string) => ({
  code,
  name,
  type: 'number' as const,
  unit: 'hồ sơ',
  integer: true,
  min: 0,
  aggregation: 'sum' as const,
  prefill,
  ...(totalOf ? { totalOf } : {}),
});

/**
 * Version 2 of the TTHC regime (in force from 01/12/2026: reports opened from then on):
 * the same figures plus the table "Kết quả giải quyết TTHC theo lĩnh vực" — one row per sector,
 * the standard columns, pre-filled from the dossiers by their procedure's sector; the rows of the
 * received and resolved columns must add up to the report's totals.
 */
export const TTHC_REGIME_V2 = {
  ...TTHC_REGIME,
  validFrom: '2026-12-01',
  definition: {
    ...TTHC_REGIME.definition,
    sections: [
      ...TTHC_REGIME.definition.sections.slice(0, 2),
      {
        title: 'III. Kết quả giải quyết theo lĩnh vực',
        indicators: [
          {
            code: 'bySector',
            number: '6',
            name: 'Tình hình, kết quả giải quyết TTHC theo lĩnh vực',
            type: 'table' as const,
            unit: 'hồ sơ',
            aggregation: 'sum' as const,
            rows: SECTOR_ROWS,
            columns: [
              column('received', 'Mới tiếp nhận', 'tthc.received', 'received'),
              column('carriedOver', 'Kỳ trước chuyển sang', 'tthc.carriedOver'),
              column('resolvedEarly', 'Giải quyết trước hạn', 'tthc.resolvedEarly', 'resolvedEarly'),
              column('resolvedOnTime', 'Giải quyết đúng hạn', 'tthc.resolvedOnTime', 'resolvedOnTime'),
              column('resolvedLate', 'Giải quyết quá hạn', 'tthc.resolvedLate', 'resolvedLate'),
              column('pendingInTime', 'Đang giải quyết trong hạn', 'tthc.pendingInTime'),
              column('pendingOverdue', 'Đang giải quyết quá hạn', 'tthc.pendingOverdue'),
            ],
          },
        ],
      },
      {
        title: 'IV. Khó khăn, vướng mắc và kiến nghị',
        indicators: [{ code: 'issues', number: '7', name: 'Khó khăn, vướng mắc, đề xuất, kiến nghị', type: 'text' as const, unit: '', aggregation: 'concat' as const, required: false }],
      },
    ],
  },
};

/**
 * The national step of the TTHC results report: every province's People's Committee reports its
 * whole province (pre-filled from the aggregate of its units' accepted `tthc` reports for the
 * period once one is accepted, else from the dossiers of the province, as the indicators' read
 * model counts them) to Văn phòng Chính phủ, the central body a national node hosts (000.00.00.G22). Same
 * template as version 1 of `tthc`, same periods and cut-off.
 */
export const TTHC_NATIONAL_REGIME = {
  code: 'tthc-tw',
  name: 'Báo cáo định kỳ tình hình, kết quả giải quyết thủ tục hành chính của tỉnh, thành phố',
  type: 'periodic' as const,
  validFrom: '2025-07-01',
  legalBasis: 'Nghị định 09/2019/NĐ-CP (Điều 12: thời gian chốt số liệu); Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông; UBND cấp tỉnh báo cáo Văn phòng Chính phủ (hạn gửi: dữ liệu mẫu)',
  definition: {
    ...TTHC_REGIME.definition,
    content: 'Tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính trên địa bàn tỉnh, thành phố trong kỳ báo cáo; khó khăn, vướng mắc và kiến nghị.',
    reportingUnits: [{ level: 'tinh', kinds: ['people_committee'] }],
    receiving: { level: 'tw', code: '000.00.00.G22' },
    due: { workingDaysAfterCutoff: 5 },
    // the province's figures: the aggregate of its units' accepted TTHC reports, once there is one
    prefillFromAggregate: { regime: 'tthc' },
  },
};

/**
 * The ministry variant of the TTHC results report (as data): each ministry's units (Cục, Vụ: kind
 * `ministry_unit`, level `tw`) report to their parent ministry in the organisation tree
 * (`receiving: {level: 'parent', kind: 'ministry'}`), pre-filled from each unit's own dossiers;
 * the template, periods and cut-off of `tthc` version 1. The due rule is sample data.
 */
export const TTHC_MINISTRY_REGIME = {
  code: 'tthc-bo',
  name: 'Báo cáo định kỳ tình hình, kết quả giải quyết thủ tục hành chính của các đơn vị thuộc bộ',
  type: 'periodic' as const,
  validFrom: '2025-07-01',
  legalBasis: 'Nghị định 09/2019/NĐ-CP (Điều 12: thời gian chốt số liệu); Nghị định 61/2018/NĐ-CP; các cục, vụ báo cáo bộ (hạn gửi: dữ liệu mẫu)',
  definition: {
    ...TTHC_REGIME.definition,
    content: 'Tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính tại các cục, vụ thuộc bộ trong kỳ báo cáo; khó khăn, vướng mắc và kiến nghị.',
    reportingUnits: [{ level: 'tw', kinds: ['ministry_unit'] }],
    receiving: { level: 'parent', kind: 'ministry' },
  },
};

/** A small socio-economic indicator set, each indicator assigned to its responsible department. */
export const KTXH_REGIME = {
  code: 'ktxh',
  name: 'Báo cáo một số chỉ tiêu kinh tế – xã hội chủ yếu',
  type: 'periodic' as const,
  validFrom: '2025-07-01',
  legalBasis: 'Nghị định 09/2019/NĐ-CP; danh mục chỉ tiêu kinh tế – xã hội của tỉnh giao sở, ngành chủ trì theo dõi (dữ liệu mẫu)',
  definition: {
    content: 'Một số chỉ tiêu kinh tế – xã hội chủ yếu do các sở, ngành được giao chủ trì theo dõi, tổng hợp.',
    reportingUnits: [{ level: 'tinh', kinds: ['police', 'justice', 'finance'] }],
    receiving: { level: 'tinh', kind: 'people_committee' },
    periodTypes: ['quarter', 'half', 'nine_months', 'year'],
    cutoffDay: 15,
    due: { workingDaysAfterCutoff: 3 },
    sections: [
      {
        title: 'I. Dân số và hộ tịch',
        indicators: [
          { code: 'population', number: '1', name: 'Dân số (theo Cơ sở dữ liệu quốc gia về dân cư)', type: 'number', unit: 'người', integer: true, min: 0, aggregation: 'sum', responsible: ['police'] },
          { code: 'births', number: '2', name: 'Số trường hợp đăng ký khai sinh', type: 'number', unit: 'trường hợp', integer: true, min: 0, aggregation: 'sum', responsible: ['justice'] },
          { code: 'deaths', number: '3', name: 'Số trường hợp đăng ký khai tử', type: 'number', unit: 'trường hợp', integer: true, min: 0, aggregation: 'sum', responsible: ['justice'] },
        ],
      },
      {
        title: 'II. Doanh nghiệp và ngân sách',
        indicators: [
          { code: 'newBusinesses', number: '4', name: 'Số doanh nghiệp đăng ký thành lập mới', type: 'number', unit: 'doanh nghiệp', integer: true, min: 0, aggregation: 'sum', responsible: ['finance'] },
          { code: 'budgetRevenue', number: '5', name: 'Thu ngân sách nhà nước trên địa bàn', type: 'number', unit: 'tỷ đồng', min: 0, aggregation: 'sum', responsible: ['finance'] },
          { code: 'budgetRate', number: '6', name: 'Tỷ lệ thu ngân sách so với dự toán năm', type: 'percent', unit: '%', min: 0, max: 500, aggregation: 'average', responsible: ['finance'] },
        ],
      },
      {
        title: 'III. Đánh giá chung',
        indicators: [{ code: 'assessment', number: '7', name: 'Đánh giá, nhận định và kiến nghị', type: 'text', aggregation: 'concat', required: false }],
      },
    ],
    checks: [],
  },
};

/**
 * A seeded regime version, as law is data with effective dates: inserted when missing; never
 * rewritten. When the stored version of that date is the regime's latest and its definition differs
 * from the seeded one (an installation seeded before the definition changed), the seeded definition
 * becomes a **new version in force from the seed's day** (the day after the version's own date when
 * that is later); reports already opened keep the version they were opened under.
 */
export async function ensureRegime(tx: Sql, r: { code: string; name: string; type: repo.RegimeType; validFrom: string; legalBasis: string; definition: unknown }, at: Date, createdBy: string | null) {
  const definition = RegimeDefinition.parse(r.definition);
  await repo.insertRegime(tx, { code: r.code, name: r.name, type: r.type, createdBy, at });
  await repo.insertRegimeVersion(tx, { code: r.code, validFrom: r.validFrom, legalBasis: r.legalBasis, definition, at });
  const latest = await repo.latestRegimeVersion(tx, r.code);
  if (!latest || latest.validFrom !== r.validFrom) return; // a later version supersedes this one
  const stored = RegimeDefinition.safeParse(latest.definition);
  if (stored.success && isDeepStrictEqual(stored.data, definition)) return;
  const today = localDate(at);
  const dayAfter = new Date(Date.parse(`${r.validFrom}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await repo.insertRegimeVersion(tx, { code: r.code, validFrom: today > r.validFrom ? today : dayAfter, legalBasis: r.legalBasis, definition, at });
}

/** The demo receiving officer of Văn phòng Chính phủ on a national node (password `MotCua@2026`). */
export const NATIONAL_RECEIVER = { username: 'baocao.vpcp', fullName: 'Lê Thị Hạnh' };

/** Demo reporting staff of Bộ Tư pháp on a national node (`tthc-bo`): its receiver and each unit's leader (password `MotCua@2026`). */
export const MINISTRY_STAFF: { username: string; fullName: string; agency: string; role: repo.StaffRole }[] = [
  { username: 'baocao.botuphap', fullName: 'Đỗ Minh Tuấn', agency: '000.00.00.G15', role: 'receiver' },
  { username: 'lanhdao.cucbotro', fullName: 'Vũ Thị Lan', agency: '000.00.01.G15', role: 'leader' },
  { username: 'lanhdao.vuphapluat', fullName: 'Hoàng Văn Nam', agency: '000.00.02.G15', role: 'leader' },
];

/**
 * At every start of a demo national node (MOTCUA_NODE_ROLE=national, MOTCUA_DEMO): the receiving
 * officer of Văn phòng Chính phủ, which receives the provinces' reports (`tthc-tw`). At start, not
 * in the seed, because it follows this installation's role (as the exchange's `vanthu.vpcp`), on
 * seeded and copied databases alike. Idempotent.
 */
export async function seedNationalReceiver(ctx: Pick<AppContext, 'config' | 'db'>): Promise<void> {
  if (ctx.config.MOTCUA_NODE_ROLE !== 'national' || !ctx.config.MOTCUA_DEMO) return;
  await ctx.db.transaction(async (tx) => {
    const ids = await ensureDemoUsers(tx, [NATIONAL_RECEIVER]);
    await repo.grantStaff(tx, ids.get(NATIONAL_RECEIVER.username)!, TTHC_NATIONAL_REGIME.definition.receiving.code, 'receiver');
    const ministryIds = await ensureDemoUsers(tx, MINISTRY_STAFF);
    for (const m of MINISTRY_STAFF) if (await findAgency(tx, m.agency)) await repo.grantStaff(tx, ministryIds.get(m.username)!, m.agency, m.role);
  });
}

/**
 * The two real regimes (every installation: law as data); on demo installations also the
 * reporting staff of Phường Hoàn Kiếm, Phường Ba Đình and UBND Thành phố Hà Nội, and one ad hoc
 * request of the city's leader (a national node's `baocao.vpcp`: `seedNationalReceiver`). Idempotent.
 */
export async function seedReporting(ctx: AppContext, options: { demo: boolean }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await ensureRegime(tx, TTHC_REGIME, now, null);
    await ensureRegime(tx, TTHC_REGIME_V2, now, null);
    await ensureRegime(tx, KTXH_REGIME, now, null);
    await ensureRegime(tx, TTHC_NATIONAL_REGIME, now, null);
    await ensureRegime(tx, TTHC_MINISTRY_REGIME, now, null);
    if (!options.demo) return;
    const hoanKiem = await findAgencyFor(tx, '00070', 'people_committee');
    const baDinh = await findAgencyFor(tx, '00004', 'people_committee');
    const city = await findAgencyFor(tx, '01', 'people_committee');
    const justice = await findAgencyFor(tx, '01', 'justice');
    if (!hoanKiem || !baDinh || !city || !justice) return; // places not seeded
    const ids = await ensureDemoUsers(tx, demoReportingAccounts);
    for (const [username, id] of await ensureDemoUsers(tx, [
      { username: 'lanhdao.hoankiem', fullName: 'Phạm Quốc Hùng' },
      { username: 'lanhdao.badinh', fullName: 'Bùi Văn Long' },
      { username: 'chuyenvien.badinh', fullName: 'Ngô Thị Mai' },
      { username: 'lanhdao.hanoi', fullName: 'Nguyễn Văn Thành' },
    ]))
      ids.set(username, id);
    const grants: [string, string, repo.StaffRole][] = [
      ['baocao.hoankiem', hoanKiem.code, 'officer'],
      ['lanhdao.hoankiem', hoanKiem.code, 'leader'],
      ['chuyenvien.badinh', baDinh.code, 'officer'],
      ['lanhdao.badinh', baDinh.code, 'leader'],
      ['baocao.hanoi', city.code, 'receiver'],
      ['lanhdao.hanoi', city.code, 'receiver'],
      ['lanhdao.hanoi', city.code, 'leader'], // requests ad hoc reports; signs the city's own reports
    ];
    for (const [username, agency, role] of grants) await repo.grantStaff(tx, ids.get(username)!, agency, role);
    await ensureRegime(
      tx,
      {
        code: 'dx-hotich-2026',
        name: 'Báo cáo đột xuất tình hình đăng ký khai sinh, khai tử năm 2026',
        type: 'ad_hoc',
        validFrom: '2026-01-01',
        legalBasis: 'Yêu cầu báo cáo đột xuất của Chủ tịch UBND Thành phố (Nghị định 09/2019/NĐ-CP, Điều 4: báo cáo đột xuất) — dữ liệu mẫu',
        definition: {
          content: 'Số trường hợp đăng ký khai sinh, khai tử từ đầu năm 2026 và khó khăn khi thực hiện liên thông điện tử theo Nghị định 63/2024/NĐ-CP.',
          reportingUnits: [{ level: 'xa', kinds: ['people_committee'] }],
          receiving: { level: 'tinh', kind: 'people_committee' },
          periodTypes: ['ad_hoc'],
          cutoffDay: 15,
          due: { workingDaysAfterCutoff: 0 },
          adHoc: { period: 'DX-2026-1', from: '2026-01-01', to: '2026-11-30', dueDate: '2026-12-10', units: [hoanKiem.code, baDinh.code, justice.code], requestedBy: 'lanhdao.hanoi' },
          sections: [
            {
              title: 'I. Số liệu',
              indicators: [
                { code: 'births', number: '1', name: 'Số trường hợp đăng ký khai sinh', type: 'number', unit: 'trường hợp', integer: true, min: 0, aggregation: 'sum' },
                { code: 'deaths', number: '2', name: 'Số trường hợp đăng ký khai tử', type: 'number', unit: 'trường hợp', integer: true, min: 0, aggregation: 'sum' },
              ],
            },
            { title: 'II. Khó khăn, vướng mắc', indicators: [{ code: 'issues', number: '3', name: 'Khó khăn, vướng mắc khi liên thông điện tử', type: 'text', aggregation: 'concat', required: false }] },
          ],
          checks: [],
        },
      },
      now,
      ids.get('lanhdao.hanoi')!,
    );
  });
}
