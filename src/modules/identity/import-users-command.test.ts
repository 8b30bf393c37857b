import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { runImportUsersCommand } from './import-users-command.ts';

/** `motcua import users FILE`: the CSV of temporary passwords once on stdout (or --out), row problems on stderr with exit 2. */
let sys: TestSystem;
systemPerFile((s) => {
  sys = s;
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-import-users-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, `${lines.join('\n')}\n`);
  return at;
}

async function run(command: Parameters<typeof runImportUsersCommand>[1]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runImportUsersCommand(sys.ctx, command, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join('\n') };
}

describe('motcua import users FILE', () => {
  it('prints username,temporaryPassword as CSV on stdout and the summary on stderr; the audit rows name the administrator', async () => {
    const list = file('ok.csv', ['Tên đăng nhập;Họ và tên;Vai trò;Mã cơ quan', 'cli.motcua;Lý Thị Mười;desk_officer;004.00.50.H01', 'cli.lanhdao;Hà Văn Mười Một;leader;004.00.50.H01']);
    const result = await run({ file: list });
    expect(result.code, result.err).toBe(0);
    const lines = result.out.trim().split('\n');
    expect(lines[0]).toBe('username,temporaryPassword');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['cli.motcua', 'cli.lanhdao']);
    const password = lines[1].split(',')[1];
    expect(password).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
    expect(result.err).toMatch(/^Đã tạo 2 tài khoản/);
    expect(result.err).not.toContain(password);
    expect(await sys.login('cli.motcua', password)).toBeTruthy();
    const [audit] = await sys.ctx.db.query<{ actor_id: string }>("SELECT actor_id FROM audit_log WHERE action = 'user.create' AND data->>'username' = 'cli.motcua'");
    const [admin] = await sys.ctx.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin'");
    expect(audit.actor_id).toBe(admin.id);
  });

  it('writes the CSV to --out (a new file, owner only) and refuses to overwrite one', async () => {
    const out = path.join(dir, 'mat-khau.csv');
    const result = await run({ file: file('out.csv', ['username,fullName,role', 'cli.quantri,Tô Văn Mười Hai,admin']), outFile: out });
    expect(result.code, result.err).toBe(0);
    expect(result.out).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^username,temporaryPassword\ncli\.quantri,[A-Z2-9-]{19}\n$/);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const again = await run({ file: file('out2.csv', ['username,fullName,role', 'cli.quantri2,Tô Văn Mười Ba,admin']), outFile: out });
    expect(again.code).toBe(2);
    expect(await sys.ctx.db.query("SELECT 1 FROM users WHERE username = 'cli.quantri2'")).toHaveLength(0);
  });

  it('lists every row problem on stderr, creates nothing and exits 2', async () => {
    const result = await run({ file: file('bad.csv', ['username,fullName,role,agencyCode', 'cli.ok,Người Tốt,desk_officer,004.00.50.H01', 'X!,Y,desk_officer,', 'admin,Trùng,admin,']) });
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('dòng / row 3, username: 3–60 ký tự');
    expect(result.err).toContain('dòng / row 3, fullName: Cần ít nhất 2 ký tự / At least 2 characters');
    expect(result.err).toContain('dòng / row 4, username: Tên đăng nhập đã tồn tại / This username is already taken');
    expect(result.err).toMatch(/IMPORT_INVALID: Danh sách có 4 lỗi; chưa tạo tài khoản nào/);
    expect(await sys.ctx.db.query("SELECT 1 FROM users WHERE username = 'cli.ok'")).toHaveLength(0);
  });

  it('acts only as an active administrator (--as)', async () => {
    const result = await run({ file: file('as.csv', ['username,fullName,role', 'cli.x,Người X,admin']), as: 'motcua.hoankiem' });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/không phải tài khoản quản trị/);
  });
});
