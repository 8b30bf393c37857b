import fs from 'node:fs';
import type { Actor } from '#platform/actor.ts';
import type { AppContext } from '#platform/context.ts';
import { AppError } from '#platform/errors.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { importUsers } from './import-users.ts';
import type { ImportProblem } from './user-import.contract.ts';

/** Where the command writes: stdout (the passwords' CSV, nothing else) and stderr (everything said to the operator). */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

export interface ImportUsersCommand {
  file: string;
  /** Write the CSV of usernames and temporary passwords to this new file (mode 600) instead of stdout. */
  outFile?: string;
  /** The administrator the audit rows name (an active account holding `admin`); `admin` by default. */
  as?: string;
  dryRun?: boolean;
}

/** A CSV cell, quoted when it must be (a username or a password never needs it; kept safe anyway). */
const cell = (value: string) => (/[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The administrator acting, as an Actor for createUser's audit rows. */
async function administrator(ctx: Pick<AppContext, 'db'>, username: string): Promise<Actor | null> {
  const user = await repo.findUserByUsername(ctx.db, username);
  if (!user?.active) return null;
  const grants = await repo.listGrants(ctx.db, user.id);
  if (!grants.some((g) => g.role === 'admin')) return null;
  return { id: user.id, username: user.username, fullName: user.fullName, idNumber: user.idNumber, grants, sessionId: 'cli' };
}

const problemLine = (p: ImportProblem) => `  dòng / row ${p.row}, ${p.column || '—'}: ${p.vi} / ${p.en}`;

/**
 * `motcua import users FILE [--out F] [--as USERNAME] [--dry-run]`: the same import as the web
 * screen and POST /api/v1/admin/users/import (import-users.ts), for an operator at the server.
 * On success the CSV `username,temporaryPassword` goes to stdout once (or to `--out`, a new file
 * readable by its owner only), the summary to stderr; exit 0. Any problem: every row's on stderr,
 * nothing created, exit 2.
 */
export async function runImportUsersCommand(ctx: Pick<AppContext, 'db' | 'clock'>, command: ImportUsersCommand, io: CommandOutput): Promise<number> {
  const as = command.as ?? 'admin';
  const actor = await administrator(ctx, as);
  if (!actor) {
    io.err(`"${as}" không phải tài khoản quản trị đang hoạt động (--as) / is not an active administrator account (--as)`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(command.file);
  } catch {
    io.err(`Không đọc được tệp / cannot read the file: ${command.file}`);
    return 2;
  }
  if (command.outFile && fs.existsSync(command.outFile)) {
    io.err(`--out: tệp đã có, không ghi đè / the file exists, not overwritten: ${command.outFile}`);
    return 2;
  }
  try {
    const answer = await importUsers(ctx.db, { actor, now: ctx.clock.now(), bytes, dryRun: !!command.dryRun, locale: 'vi' });
    if (answer.dryRun) {
      for (const p of answer.problems) io.err(problemLine(p));
      io.err(
        `Kiểm tra (không ghi gì) / checked, nothing written: ${answer.accounts.length} tài khoản hợp lệ / valid accounts, ${answer.problems.length} lỗi / problems`,
      );
      return answer.problems.length ? 2 : 0;
    }
    const csv = ['username,temporaryPassword', ...answer.accounts.map((a) => `${cell(a.username)},${cell(a.temporaryPassword ?? '')}`)].join('\n') + '\n';
    if (command.outFile) fs.writeFileSync(command.outFile, csv, { mode: 0o600, flag: 'wx' });
    else io.out(csv);
    io.err(
      `Đã tạo ${answer.created} tài khoản, mỗi tài khoản phải đổi mật khẩu tạm khi đăng nhập lần đầu; mật khẩu tạm chỉ hiển thị lần này${command.outFile ? ` (${command.outFile})` : ''} / ` +
        `created ${answer.created} accounts, each must change its temporary password at first sign-in; the passwords are shown this once`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    for (const p of (error.extra.problems as ImportProblem[] | undefined) ?? []) io.err(problemLine(p));
    for (const d of error.extra.problems ? [] : ((error.extra.details as { message: string }[] | undefined) ?? [])) io.err(`  ${d.message}`);
    io.err(`${error.code}: ${error.message_('vi')} / ${error.message_('en')}`);
    return 2;
  }
}
