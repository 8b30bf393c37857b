import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '#platform/context.ts';
import { localDate } from '#platform/clock.ts';
import { importProcedures } from '#modules/catalog/index.ts';
import { ensureDemoAccount } from '#modules/identity/index.ts';
import { ensureAgency, findProvince } from '#modules/places/index.ts';
import * as repo from './inspection.repository.ts';
import type { RiskRules } from './risk.ts';

const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');
const SOURCE = 'seed/procedures.post-control.json';

/** Hà Nội's food-safety authority (Ban Quản lý An toàn thực phẩm, set up by QĐ 38/2017/QĐ-TTg). */
export const HANOI_FOOD_SAFETY = '000.00.06.H01';
export const FOOD_PROCEDURE = 'HN.ATTP.TCB';
export const FESTIVAL_PROCEDURE = 'XA.LEHOI.TB';
export const FOOD_SECTOR = 'an_toan_thuc_pham';
export const DEMO_PLAN_ID = 'hk-attp-hanoi-2026';

/** What the declarant's history weighs in every sector's rules: earlier violations and corrections found by post-inspection. */
const HISTORY_POINTS = { perViolation: 30, maxViolations: 3, perCorrection: 5, maxCorrections: 4 } satisfies Partial<RiskRules>;

/**
 * Risk rules of food safety (data; a province edits them by adding a rule set with a later date).
 * Points are this project's proposal, to be set by the authority: the sector itself, the product
 * groups the food-safety authorities inspect first (milk, meat, seafood: perishable, frequent
 * findings), the declarant's violations and corrections.
 */
export const FOOD_RULES: RiskRules = {
  sectorPoints: 20,
  sectorLabel: { vi: 'Lĩnh vực an toàn thực phẩm (rủi ro ngành)', en: 'Food safety sector (sector risk)' },
  categories: [
    { match: 'sua_va_san_pham_tu_sua', points: 25, vi: 'Nhóm sản phẩm nguy cơ cao: sữa và sản phẩm từ sữa', en: 'High-risk product group: milk and dairy' },
    { match: 'thit_va_san_pham_tu_thit', points: 25, vi: 'Nhóm sản phẩm nguy cơ cao: thịt và sản phẩm từ thịt', en: 'High-risk product group: meat' },
    { match: 'thuy_san', points: 20, vi: 'Nhóm sản phẩm nguy cơ cao: thủy sản', en: 'High-risk product group: seafood' },
    { match: 'do_uong', points: 10, vi: 'Nhóm sản phẩm: đồ uống', en: 'Product group: beverages' },
    { match: 'phu_gia', points: 15, vi: 'Nhóm sản phẩm: phụ gia thực phẩm', en: 'Product group: food additives' },
  ],
  ...HISTORY_POINTS,
  highRiskThreshold: 60,
  checklist: [
    { code: 'nhan', vi: 'Nhãn sản phẩm đúng nội dung bản tự công bố (Nghị định 43/2017/NĐ-CP)', en: 'Label matches the self-declaration' },
    { code: 'kiem_nghiem', vi: 'Phiếu kiểm nghiệm còn thời hạn, đúng chỉ tiêu an toàn', en: 'Test report valid and covers the safety criteria' },
    { code: 'co_so', vi: 'Cơ sở đủ điều kiện an toàn thực phẩm (giấy chứng nhận hoặc cam kết)', en: 'Premises meet food-safety conditions' },
    { code: 'mau', vi: 'Lấy mẫu kiểm nghiệm đối chứng (nếu cần)', en: 'Control sample taken (if needed)' },
    { code: 'quang_cao', vi: 'Quảng cáo không sai lệch công dụng đã công bố', en: 'Advertising does not overstate the declared use' },
  ],
};

const FESTIVAL_RULES: RiskRules = {
  sectorPoints: 10,
  sectorLabel: { vi: 'Lĩnh vực lễ hội (rủi ro ngành)', en: 'Festivals (sector risk)' },
  categories: [],
  ...HISTORY_POINTS,
  highRiskThreshold: 50,
  checklist: [
    { code: 'noi_dung', vi: 'Nội dung lễ hội đúng thông báo', en: 'The festival follows the notice' },
    { code: 'an_ninh', vi: 'Bảo đảm an ninh, trật tự, phòng cháy chữa cháy', en: 'Security and fire safety' },
    { code: 've_sinh', vi: 'Vệ sinh môi trường, an toàn thực phẩm tại lễ hội', en: 'Hygiene and food safety at the festival' },
  ],
};

/**
 * Every start: the post-control procedures (law as data, unchanged content adds nothing), their
 * sectors and risk rules, and Hà Nội's food-safety authority. Demo installations also get the
 * desk, inspector, head of inspection and the declaring business, and this year's sampling plan.
 */
export async function seedInspection(ctx: AppContext, options: { demo: boolean }): Promise<void> {
  const hanoi = await ctx.db.transaction((tx) => findProvince(tx, '01'));
  if (!hanoi) return; // places not seeded
  await ctx.db.transaction(async (tx) => {
    await ensureAgency(tx, {
      code: HANOI_FOOD_SAFETY,
      name: 'Ban Quản lý An toàn thực phẩm Thành phố Hà Nội',
      kind: 'food_safety',
      level: 'tinh',
      provinceCode: '01',
      adminUnitCode: '01',
      parentCode: '000.00.00.H01',
    });
  });
  const file = JSON.parse(fs.readFileSync(path.join(seedDir, 'procedures.post-control.json'), 'utf8')) as unknown;
  // an administrator's later version of these procedures is kept
  await importProcedures(ctx, file, { source: SOURCE, defaultEffectiveFrom: '2025-07-01', by: 'seed', keep: (previous) => previous !== SOURCE });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.upsertProcedureSector(tx, FOOD_PROCEDURE, FOOD_SECTOR, 'nhomSanPham');
    await repo.upsertProcedureSector(tx, FESTIVAL_PROCEDURE, 'le_hoi', null);
    await repo.insertRuleSet(tx, { id: 'attp-2025', sector: FOOD_SECTOR, effectiveFrom: '2025-07-01', rules: FOOD_RULES, legalBasis: 'Luật An toàn thực phẩm 2010; Nghị định 15/2018/NĐ-CP; Nghị định 115/2018/NĐ-CP', createdAt: now });
    await repo.insertRuleSet(tx, { id: 'le-hoi-2025', sector: 'le_hoi', effectiveFrom: '2025-07-01', rules: FESTIVAL_RULES, legalBasis: 'Nghị định 110/2018/NĐ-CP', createdAt: now });
    if (!options.demo) return;
    const accounts = [
      { username: 'motcua.attp.hanoi', fullName: 'Phan Thị Thanh Huyền', role: 'desk_officer' as const },
      { username: 'thanhtra.hanoi', fullName: 'Đoàn Văn Khải', role: 'inspector' as const },
      { username: 'lanhdao.thanhtra.hanoi', fullName: 'Trịnh Minh Đức', role: 'inspection_leader' as const },
    ];
    for (const a of accounts) await ensureDemoAccount(tx, { ...a, agencyCode: HANOI_FOOD_SAFETY, provinceCode: '01' });
    await ensureDemoAccount(tx, {
      username: 'doanhnghiep',
      fullName: 'Công ty TNHH Thực phẩm Sạch Hà Thành',
      role: 'citizen',
      agencyCode: null,
      provinceCode: null,
      idNumber: '0101234567',
      email: 'doanhnghiep@example.vn',
    });
    const year = localDate(now).slice(0, 4);
    await repo.insertPlan(tx, {
      id: DEMO_PLAN_ID,
      agencyCode: HANOI_FOOD_SAFETY,
      provinceCode: '01',
      sector: FOOD_SECTOR,
      title: `Kế hoạch hậu kiểm sản phẩm tự công bố năm ${year}`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      minRandomPercent: 5,
      highRiskThreshold: FOOD_RULES.highRiskThreshold,
      caseDueWorkingDays: 20,
      legalBasis: 'Khoản 3 Điều 5 Nghị định 15/2018/NĐ-CP; kế hoạch kiểm tra sau công bố của Ban Quản lý An toàn thực phẩm (dữ liệu mẫu)',
      createdAt: now,
      createdBy: null,
    });
  });
}
