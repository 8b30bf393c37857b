import { randomBytes, randomUUID } from 'node:crypto';
import { ConfigError } from '../../config.ts';
import type { AppContext } from '#platform/context.ts';
import type { Grant, Role } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { type AgencyKind, findAgencyFor } from '#modules/places/index.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const DEMO_PASSWORD = 'MotCua@2026';

interface DemoAccount {
  username: string;
  fullName: string;
  role: Role;
  /** Where the role applies: an admin unit (commune or province code) and the agency kind there. */
  at?: { adminUnitCode: string; kind: AgencyKind };
  idNumber?: string;
  email?: string;
  phone?: string;
}

/** api.md §3, plus a few officers of other agencies for inter-agency demonstrations. */
export const demoAccounts: DemoAccount[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', role: 'admin' },
  {
    username: 'congdan',
    fullName: 'Nguyễn Thị Ánh Tuyết',
    role: 'citizen',
    idNumber: '001190012345',
    email: 'congdan@example.vn',
    phone: '0912345678',
  },
  { username: 'motcua.hoankiem', fullName: 'Trần Minh Anh', role: 'desk_officer', at: { adminUnitCode: '00070', kind: 'people_committee' } },
  { username: 'chuyenvien.hoankiem', fullName: 'Lê Thu Hà', role: 'specialist', at: { adminUnitCode: '00070', kind: 'people_committee' } },
  { username: 'lanhdao.hoankiem', fullName: 'Phạm Quốc Hùng', role: 'leader', at: { adminUnitCode: '00070', kind: 'people_committee' } },
  { username: 'vanthu.hoankiem', fullName: 'Đỗ Thị Lan', role: 'clerk', at: { adminUnitCode: '00070', kind: 'people_committee' } },
  { username: 'congan.hoankiem', fullName: 'Vũ Đức Thắng', role: 'specialist', at: { adminUnitCode: '00070', kind: 'police' } },
  { username: 'lanhdao.congan.hoankiem', fullName: 'Trần Văn Bình', role: 'leader', at: { adminUnitCode: '00070', kind: 'police' } },
  { username: 'motcua.badinh', fullName: 'Hoàng Văn Nam', role: 'desk_officer', at: { adminUnitCode: '00004', kind: 'people_committee' } },
  { username: 'chuyenvien.badinh', fullName: 'Ngô Thị Mai', role: 'specialist', at: { adminUnitCode: '00004', kind: 'people_committee' } },
  { username: 'lanhdao.badinh', fullName: 'Bùi Văn Long', role: 'leader', at: { adminUnitCode: '00004', kind: 'people_committee' } },
  { username: 'bhxh.hanoi', fullName: 'Đinh Thị Hương', role: 'specialist', at: { adminUnitCode: '01', kind: 'social_insurance' } },
  { username: 'lanhdao.bhxh.hanoi', fullName: 'Mai Xuân Trường', role: 'leader', at: { adminUnitCode: '01', kind: 'social_insurance' } },
  { username: 'lanhdao.hanoi', fullName: 'Nguyễn Văn Thành', role: 'provincial_leader', at: { adminUnitCode: '01', kind: 'people_committee' } },
  // Reads the audit trail of Phường Hoàn Kiếm's dossiers and staff, changes nothing (/kiem-toan).
  { username: 'kiemtoan.hoankiem', fullName: 'Cao Thị Thanh Bình', role: 'auditor', at: { adminUnitCode: '00070', kind: 'people_committee' } },
  // Thanh tra tỉnh: an auditor at UBND Thành phố Hà Nội reads the trail of every agency of Hà Nội.
  { username: 'kiemtoan.hanoi', fullName: 'Trương Quốc Khánh', role: 'auditor', at: { adminUnitCode: '01', kind: 'people_committee' } },
  // Clerks (văn thư) of the interconnection axis (issue 15); vanthu.vpcp exists on a national node only.
  { username: 'vanthu.badinh', fullName: 'Trịnh Thị Thu', role: 'clerk', at: { adminUnitCode: '00004', kind: 'people_committee' } },
  { username: 'vanthu.hanoi', fullName: 'Lương Văn Đức', role: 'clerk', at: { adminUnitCode: '01', kind: 'people_committee' } },
  // Read-only oversight of every province: the command center (issue 16).
  { username: 'giamsat.quocgia', fullName: 'Lương Thị Hồng', role: 'national_oversight' },
];

/**
 * A demo account added after the first seed (e.g. by a module that makes its agency exist only on
 * some installations): created once with the demo password; false when it exists already.
 */
export async function ensureDemoAccount(
  tx: Sql,
  account: { username: string; fullName: string; role: Role; agencyCode: string | null; provinceCode: string | null; idNumber?: string; email?: string },
): Promise<boolean> {
  if (await repo.findUserByUsername(tx, account.username)) return false;
  await insertAccount(tx, account, await hashPassword(DEMO_PASSWORD), [{ role: account.role, agencyCode: account.agencyCode, provinceCode: account.provinceCode }]);
  return true;
}

/** A new account with its password hash and grants (none: a person whose roles are another module's data); its user id. */
async function insertAccount(
  tx: Sql,
  account: { username: string; fullName: string; idNumber?: string; email?: string; phone?: string },
  passwordHash: string,
  grants: Grant[],
  mustChangePassword = false,
): Promise<string> {
  const id = randomUUID();
  const { username, fullName, idNumber = null, email = null, phone = null } = account;
  await repo.insertUser(tx, { id, username, fullName: fullName.normalize('NFC'), idNumber, email, phone, passwordHash, mustChangePassword });
  await repo.replaceGrants(tx, id, grants);
  return id;
}

/**
 * Demo members of the e-Cabinet's demo body (UBND Thành phố Hà Nội): accounts without grants,
 * made by the cabinet module's demo seed through `ensureDemoUsers`; their roles in the body are
 * cabinet data. Listed here so that production refuses them with the demo password too.
 */
export const demoMemberAccounts: { username: string; fullName: string }[] = [
  { username: 'chutich.hanoi', fullName: 'Trần Đức Minh' },
  { username: 'phochutich1.hanoi', fullName: 'Nguyễn Thị Thu Hằng' },
  { username: 'phochutich2.hanoi', fullName: 'Lê Quang Huy' },
  { username: 'uyvien1.hanoi', fullName: 'Phạm Văn Khánh' },
  { username: 'uyvien2.hanoi', fullName: 'Hoàng Thị Lan Anh' },
  { username: 'uyvien3.hanoi', fullName: 'Đặng Minh Tuấn' },
  { username: 'uyvien4.hanoi', fullName: 'Vũ Thị Ngọc Mai' },
  { username: 'uyvien5.hanoi', fullName: 'Bùi Đức Thịnh' },
  { username: 'uyvien6.hanoi', fullName: 'Ngô Thanh Sơn' },
  { username: 'vanphong.hanoi', fullName: 'Lý Thị Hồng Nhung' },
];

/**
 * Demo reporting staff (hệ thống thông tin báo cáo): accounts without grants, made by the reporting
 * module's demo seed; their reporting roles are reporting data (reporting_staff).
 */
export const demoReportingAccounts: { username: string; fullName: string }[] = [
  { username: 'baocao.hoankiem', fullName: 'Hoàng Thị Thu Trang' },
  { username: 'baocao.hanoi', fullName: 'Phan Minh Đức' },
];

async function grantFor(tx: Sql, account: DemoAccount): Promise<Grant> {
  if (!account.at) return { role: account.role, agencyCode: null, provinceCode: null };
  const agency = await findAgencyFor(tx, account.at.adminUnitCode, account.at.kind);
  if (!agency) throw new Error(`demo agency missing: ${account.at.kind} of ${account.at.adminUnitCode}`);
  return { role: account.role, agencyCode: agency.code, provinceCode: agency.provinceCode };
}

/**
 * Demo installation: the accounts above, all with the demo password (hashed once), not asked to change it.
 * Empty installation: one administrator with a random password printed once on stdout, which the
 * administrator must change at the first sign-in (must-change flag).
 */
export async function seedIdentity(ctx: AppContext, options: { demo: boolean }): Promise<void> {
  if ((await repo.countUsers(ctx.db)) > 0) return;
  if (!options.demo) {
    const password = randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    await ctx.db.transaction((tx) =>
      insertAccount(tx, { username: 'admin', fullName: 'Quản trị hệ thống' }, passwordHash, [{ role: 'admin', agencyCode: null, provinceCode: null }], true),
    );
    console.log(`Tài khoản quản trị / administrator: admin — mật khẩu / password (hiển thị một lần / shown once): ${password}`);
    return;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ctx.db.transaction(async (tx) => {
    for (const account of demoAccounts) await insertAccount(tx, account, passwordHash, [await grantFor(tx, account)]);
  });
}

/**
 * Demo accounts another module needs (the e-Cabinet's members): created with the demo password
 * and no grants when missing; returns the user id of each user name. Demo installations only.
 */
export async function ensureDemoUsers(tx: Sql, accounts: { username: string; fullName: string; email?: string }[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let passwordHash: string | null = null;
  for (const account of accounts) {
    const existing = await repo.findUserByUsername(tx, account.username);
    if (existing) {
      ids.set(account.username, existing.id);
      continue;
    }
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    ids.set(account.username, await insertAccount(tx, account, passwordHash, []));
  }
  return ids;
}

/**
 * Demo accounts other modules add with `ensureDemoAccount` once their agency exists (the
 * post-inspection module's food-safety desk, inspectors and the declaring business).
 */
export const demoModuleAccounts: { username: string }[] = [
  { username: 'motcua.attp.hanoi' },
  { username: 'thanhtra.hanoi' },
  { username: 'lanhdao.thanhtra.hanoi' },
  { username: 'doanhnghiep' },
];

/**
 * Production must not run with the demo accounts' published password (a database seeded in demo
 * mode and then started with NODE_ENV=production): refuses the start, naming the demo accounts
 * whose password is still the demo password.
 */
export async function refuseDemoPasswordsInProduction(ctx: AppContext): Promise<void> {
  if (ctx.config.NODE_ENV !== 'production') return;
  const rows = await ctx.db.query<{ username: string; password_hash: string }>(
    'SELECT username, password_hash FROM users WHERE username = ANY($1::text[]) AND password_hash IS NOT NULL AND deleted_at IS NULL',
    [[...demoAccounts, ...demoMemberAccounts, ...demoReportingAccounts, ...demoModuleAccounts].map((a) => a.username)],
  );
  const verdicts = new Map<string, boolean>();
  const found: string[] = [];
  for (const row of rows) {
    if (!verdicts.has(row.password_hash)) verdicts.set(row.password_hash, await verifyPassword(row.password_hash, DEMO_PASSWORD));
    if (verdicts.get(row.password_hash)) found.push(row.username);
  }
  if (found.length > 0) {
    throw new ConfigError(
      `MOTCUA_DEMO: cơ sở dữ liệu còn tài khoản mẫu với mật khẩu công khai (${found.join(', ')}); đổi mật khẩu hoặc dùng cơ sở dữ liệu trống / ` +
        'the database holds demo accounts with the published password; change them or start from an empty database',
    );
  }
}
