import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../http/context.ts';
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
];

async function grantFor(tx: Sql, account: DemoAccount): Promise<Grant> {
  if (!account.at) return { role: account.role, agencyCode: null, provinceCode: null };
  const agency = await findAgencyFor(tx, account.at.adminUnitCode, account.at.kind);
  if (!agency) throw new Error(`demo agency missing: ${account.at.kind} of ${account.at.adminUnitCode}`);
  return { role: account.role, agencyCode: agency.code, provinceCode: agency.provinceCode };
}

/**
 * Demo installation: the accounts above, all with the demo password (hashed once).
 * Empty installation: one administrator with a random password printed once on stdout.
 */
export async function seedIdentity(ctx: AppContext, options: { demo: boolean }): Promise<void> {
  if ((await repo.countUsers(ctx.db)) > 0) return;
  if (!options.demo) {
    const password = randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    await ctx.db.transaction(async (tx) => {
      const id = randomUUID();
      await repo.insertUser(tx, { id, username: 'admin', fullName: 'Quản trị hệ thống', idNumber: null, email: null, phone: null, passwordHash });
      await repo.replaceGrants(tx, id, [{ role: 'admin', agencyCode: null, provinceCode: null }]);
    });
    console.log(`Tài khoản quản trị / administrator: admin — mật khẩu / password (hiển thị một lần / shown once): ${password}`);
    return;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ctx.db.transaction(async (tx) => {
    for (const account of demoAccounts) {
      const id = randomUUID();
      await repo.insertUser(tx, {
        id,
        username: account.username,
        fullName: account.fullName,
        idNumber: account.idNumber ?? null,
        email: account.email ?? null,
        phone: account.phone ?? null,
        passwordHash,
      });
      await repo.replaceGrants(tx, id, [await grantFor(tx, account)]);
    }
  });
}

/**
 * Production must not run with the demo accounts' published password (a database seeded in demo
 * mode and then started with NODE_ENV=production): the usernames of demo accounts whose password
 * is still the demo password; empty when none.
 */
export async function accountsWithDemoPassword(db: Sql): Promise<string[]> {
  const rows = await db.query<{ username: string; password_hash: string }>(
    'SELECT username, password_hash FROM users WHERE username = ANY($1::text[]) AND password_hash IS NOT NULL AND deleted_at IS NULL',
    [demoAccounts.map((a) => a.username)],
  );
  const verdicts = new Map<string, boolean>();
  const found: string[] = [];
  for (const row of rows) {
    if (!verdicts.has(row.password_hash)) verdicts.set(row.password_hash, await verifyPassword(row.password_hash, DEMO_PASSWORD));
    if (verdicts.get(row.password_hash)) found.push(row.username);
  }
  return found;
}
