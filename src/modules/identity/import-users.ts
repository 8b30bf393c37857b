import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { type Actor, ROLES } from '#platform/actor.ts';
import type { Db, Sql } from '#platform/db.ts';
import { AppError, CommonErrors, type Locale } from '#platform/errors.ts';
import { messageIn } from '#platform/validation-messages.ts';
import { findAgency } from '#modules/places/index.ts';
import { ROLES_WITHOUT_AGENCY } from './grant-rules.ts';
import { CreateUserBody } from './identity.contract.ts';
import { IdentityErrors, UserImportErrors } from './identity.errors.ts';
import { createUser } from './manage-users.ts';
import { hashPassword, temporaryPassword } from './passwords.ts';
import type { ImportedAccount, ImportProblem, UserImportDone } from './user-import.contract.ts';
import { userImportRepository as repo } from './user-import.repository.ts';
import { type Cell, type ImportColumn, type ImportTable, REQUIRED_COLUMNS, type RowProblem, readImportTable } from './user-import-table.ts';

/**
 * Nhập tài khoản từ tệp: an administrator creates many officer accounts at once from a CSV or an
 * Excel file (user-import-table.ts reads it). One row is one account; its `role` cell lists one or
 * more roles separated by `;`, `,`, `|` or spaces, all held at the row's agency (`agencyCode`, a
 * code of the agency register), or everywhere when the agency is empty and every role may be
 * (admin, national_oversight, auditor, citizen). A username twice in the file is a problem.
 *
 * Every row is checked with the rules of single creation (CreateUserBody, the agency register,
 * usernames already taken) and every problem is collected before anything is written: either the
 * whole list is created, in one transaction, or nothing is (400 IMPORT_INVALID naming each row and
 * column). A dry run answers the same check as a preview and writes nothing.
 *
 * Each account gets a random temporary password (the one đặt lại mật khẩu gives) and must change it
 * at its first sign-in (createUser sets the flag); each is audited `user.create` by createUser,
 * never with the password. The passwords are hashed (argon2, ≈ 35 ms each) before the transaction
 * opens, so a long list does not hold the database meanwhile. They are answered once: never logged,
 * never audited, never stored. Under an Idempotency-Key the import keeps, in its own transaction,
 * its answer without the passwords: the same file sent again under the same key creates nothing
 * and answers `replayed: true` with the accounts it created and no password; another file under
 * that key is refused (422 IDEMPOTENCY_KEY_REUSED). Without a key, sending the same file twice
 * finds every username taken.
 */

/** The fields of a row, with the rules of POST /api/v1/admin/users. */
const RowFields = CreateUserBody.pick({ username: true, fullName: true, email: true, phone: true, idNumber: true });
type Account = z.infer<typeof RowFields>;

export interface PlannedAccount {
  row: number;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  idNumber: string | null;
  grants: { role: (typeof ROLES)[number]; agencyCode: string | null }[];
}

export interface UserImportInput {
  actor: Actor;
  now: Date;
  /** The file's bytes (CSV or .xlsx, told by content). */
  bytes: Uint8Array;
  dryRun: boolean;
  /** The language of `message` in each problem (both are always given as `vi` and `en`). */
  locale: Locale;
  /** The request's Idempotency-Key, if it sent one. */
  idempotencyKey?: string;
}

export type UserImportPreview = { dryRun: true; format: ImportTable['format']; accounts: PlannedAccount[]; problems: ImportProblem[] };

/** Words of a format check that zod's generic "Giá trị không hợp lệ" would not explain. */
const FORMAT_WORDS: Partial<Record<ImportColumn, [vi: string, en: string]>> = {
  username: [
    '3–60 ký tự: chữ thường không dấu (a–z), số, dấu chấm, gạch dưới, gạch ngang',
    '3–60 characters: lower-case letters a–z without accents, digits, dot, underscore, hyphen',
  ],
  phone: ['Số điện thoại Việt Nam, ví dụ 0912345678', 'A Vietnamese phone number, e.g. 0912345678'],
  idNumber: ['Số định danh cá nhân gồm 12 chữ số', 'A personal identity number of 12 digits'],
};

const ROLE_SEPARATORS = /[;,|\s]+/;
const ASSIGNABLE = new Set<string>(ROLES);

/** A cell as text; an identity number or a phone the sheet kept as a number gets its leading 0 back. */
function cellText(column: ImportColumn, cell: Cell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 0) {
    const digits = String(cell);
    if (column === 'idNumber' && digits.length < 12) return digits.padStart(12, '0');
    if (column === 'phone' && digits.length === 9) return `0${digits}`;
    return digits;
  }
  return String(cell).trim();
}

const problemOf = (row: number, column: string, vi: string, en: string): RowProblem => ({ row, column, vi: vi.normalize('NFC'), en });

/** The rows' problems and the accounts of the rows without any (every check, nothing written). */
export async function checkImportRows(sql: Sql, table: ImportTable): Promise<{ accounts: PlannedAccount[]; problems: RowProblem[] }> {
  const problems: RowProblem[] = [...table.problems];
  // Without a required column every row would say so again: the header's problem is enough.
  if (problems.some((p) => p.row === 1 && REQUIRED_COLUMNS.includes(p.column as ImportColumn))) return { accounts: [], problems };
  const accounts: PlannedAccount[] = [];
  const firstRowOf = new Map<string, number>();
  const firstRowOfId = new Map<string, number>();
  const firstRowOfEmail = new Map<string, number>();
  const agencies = new Map<string, boolean>();
  for (const { row, cells } of table.rows) {
    const found: RowProblem[] = [];
    const text = (column: ImportColumn) => cellText(column, cells[column]);
    const optional = (column: ImportColumn) => text(column) || undefined;
    const parsed = RowFields.safeParse(
      { username: text('username'), fullName: text('fullName'), email: optional('email'), phone: optional('phone'), idNumber: optional('idNumber') },
      { reportInput: true },
    );
    for (const issue of parsed.error?.issues ?? []) {
      const column = String(issue.path[0]) as ImportColumn;
      const raw = { ...issue, message: undefined } as unknown as z.core.$ZodRawIssue;
      const words = issue.code === 'invalid_format' ? FORMAT_WORDS[column] : undefined;
      found.push(problemOf(row, column, words?.[0] ?? messageIn('vi', raw), words?.[1] ?? messageIn('en', raw)));
    }
    const roles = [...new Set(text('role').toLowerCase().split(ROLE_SEPARATORS).filter(Boolean))];
    if (roles.length === 0) found.push(problemOf(row, 'role', 'Thiếu vai trò', 'Role missing'));
    for (const role of roles.filter((r) => !ASSIGNABLE.has(r))) {
      found.push(problemOf(row, 'role', `Vai trò không rõ "${role}": dùng ${ROLES.join(', ')}`, `Unknown role "${role}": use ${ROLES.join(', ')}`));
    }
    const agencyCode = text('agencyCode') || null;
    if (agencyCode === null) {
      const needAgency = roles.filter((r) => ASSIGNABLE.has(r) && !ROLES_WITHOUT_AGENCY.includes(r as (typeof ROLES)[number]));
      if (needAgency.length) {
        found.push(problemOf(row, 'agencyCode', `Vai trò ${needAgency.join(', ')} phải gắn với một cơ quan: điền mã cơ quan`, `Role ${needAgency.join(', ')} must be held at an agency: fill in its code`));
      }
    } else {
      if (!agencies.has(agencyCode)) agencies.set(agencyCode, agencyCode.length <= 40 && !!(await findAgency(sql, agencyCode)));
      if (!agencies.get(agencyCode)) {
        found.push(problemOf(row, 'agencyCode', `Không có cơ quan mã "${agencyCode}" trong danh mục`, `No agency with code "${agencyCode}" in the register`));
      }
    }
    if (parsed.data) {
      const earlier = firstRowOf.get(parsed.data.username);
      if (earlier !== undefined) found.push(problemOf(row, 'username', `Trùng tên đăng nhập với dòng ${earlier}`, `Same username as row ${earlier}`));
      else firstRowOf.set(parsed.data.username, row);
      const id = parsed.data.idNumber;
      const earlierId = id ? firstRowOfId.get(id) : undefined;
      if (earlierId !== undefined) found.push(problemOf(row, 'idNumber', `Trùng số định danh với dòng ${earlierId}`, `Same identity number as row ${earlierId}`));
      else if (id) firstRowOfId.set(id, row);
      const email = parsed.data.email?.toLowerCase();
      const earlierEmail = email ? firstRowOfEmail.get(email) : undefined;
      if (earlierEmail !== undefined) found.push(problemOf(row, 'email', `Trùng e-mail với dòng ${earlierEmail}`, `Same e-mail address as row ${earlierEmail}`));
      else if (email) firstRowOfEmail.set(email, row);
    }
    problems.push(...found);
    if (found.length === 0 && parsed.data) accounts.push(planned(row, parsed.data, roles as (typeof ROLES)[number][], agencyCode));
  }
  // What other accounts hold already: the username, the identity number (unique in the database),
  // the e-mail address (one account per address, trimmed and case aside, as createUser checks it).
  const taken = await repo.existingUsernames(sql, accounts.map((a) => a.username));
  const takenIds = await repo.existingIdNumbers(sql, accounts.flatMap((a) => (a.idNumber ? [a.idNumber] : [])));
  const emailOf = (a: PlannedAccount) => a.email?.toLowerCase() ?? null;
  const takenEmails = await repo.existingEmails(sql, accounts.flatMap((a) => emailOf(a) ?? []));
  const takenWords = IdentityErrors.USERNAME_TAKEN();
  const clashes = (a: PlannedAccount) =>
    taken.has(a.username) || (a.idNumber !== null && takenIds.has(a.idNumber)) || takenEmails.has(emailOf(a) ?? '');
  for (const a of accounts.filter(clashes)) {
    if (taken.has(a.username)) problems.push(problemOf(a.row, 'username', takenWords.message_('vi'), takenWords.message_('en')));
    if (a.idNumber && takenIds.has(a.idNumber)) {
      problems.push(problemOf(a.row, 'idNumber', 'Số định danh này đã thuộc một tài khoản khác', 'Another account already has this identity number'));
    }
    if (takenEmails.has(emailOf(a) ?? '')) {
      problems.push(problemOf(a.row, 'email', 'Địa chỉ e-mail này đã được dùng cho một tài khoản khác', 'This e-mail address is already used by another account'));
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return { accounts: accounts.filter((a) => !clashes(a)), problems };
}

function planned(row: number, data: Account, roles: (typeof ROLES)[number][], agencyCode: string | null): PlannedAccount {
  return {
    row,
    username: data.username,
    fullName: data.fullName.normalize('NFC'),
    email: data.email ?? null,
    phone: data.phone ?? null,
    idNumber: data.idNumber ?? null,
    grants: roles.map((role) => ({ role, agencyCode })),
  };
}

const inLocale = (locale: Locale) => (p: RowProblem): ImportProblem => ({ ...p, message: locale === 'en' ? p.en : p.vi });

function invalid(problems: RowProblem[], locale: Locale): AppError {
  const shown = problems.map(inLocale(locale));
  return UserImportErrors.IMPORT_INVALID(
    { details: shown.map((p) => ({ field: `row ${p.row}: ${p.column}`, message: p.message })), problems: shown },
    { count: problems.length },
  );
}

/** The column a failure of createUser is about, to name it on its row. */
const COLUMN_OF_CODE: Record<string, string> = { USERNAME_TAKEN: 'username', UNKNOWN_AGENCY: 'agencyCode', EMAIL_TAKEN: 'email' };

/** What the same request under the same key answered (no passwords), or the refusal of another request under it. */
function replayOf(stored: { requestHash: string; status: number | null; response: unknown }, requestHash: string): UserImportDone {
  if (stored.requestHash !== requestHash) throw CommonErrors.IDEMPOTENCY_KEY_REUSED();
  if (stored.status === null) throw CommonErrors.IDEMPOTENCY_IN_PROGRESS();
  return stored.response as UserImportDone;
}

/**
 * Hashes on HASHING_LANES of libuv's 4 threads at a time: 500 hashes queued at once would hold
 * every thread for a minute, and the server's file reads (static files, uploads) wait behind them.
 */
const HASHING_LANES = 2;
async function hashAll(passwords: string[]): Promise<string[]> {
  const hashes: string[] = new Array(passwords.length);
  let next = 0;
  const lane = async () => {
    while (next < passwords.length) {
      const i = next++;
      hashes[i] = await hashPassword(passwords[i]);
    }
  };
  await Promise.all(Array.from({ length: HASHING_LANES }, lane));
  return hashes;
}

/** The preview (dry run) or the accounts created, each with its temporary password (shown once). */
export async function importUsers(db: Db, input: UserImportInput): Promise<UserImportPreview | UserImportDone> {
  const table = await readImportTable(input.bytes);
  const scope = input.actor.id;
  const key = input.dryRun ? undefined : input.idempotencyKey;
  const requestHash = createHash('sha256').update('POST /api/v1/admin/users/import\n').update(input.bytes).digest('hex');
  if (key) {
    const stored = await repo.findStored(db, scope, key);
    if (stored) return replayOf(stored, requestHash);
  }
  const checked = await checkImportRows(db, table);
  if (input.dryRun) return { dryRun: true, format: table.format, accounts: checked.accounts, problems: checked.problems.map(inLocale(input.locale)) };
  if (checked.problems.length) throw invalid(checked.problems, input.locale);

  // argon2 before the transaction: ≈ 35 ms per password, not while holding the database.
  const passwords = checked.accounts.map(() => temporaryPassword());
  const hashes = await hashAll(passwords);

  return db.transaction(async (tx) => {
    if (key && !(await repo.claim(tx, scope, key, requestHash))) {
      const stored = await repo.findStored(tx, scope, key);
      if (stored) return replayOf(stored, requestHash);
    }
    // Checked again inside: another administrator may have taken a username meanwhile.
    const again = await checkImportRows(tx, table);
    if (again.problems.length) throw invalid(again.problems, input.locale);
    const accounts: ImportedAccount[] = [];
    for (const [i, a] of checked.accounts.entries()) {
      let id: string;
      try {
        id = await createUser(tx, {
          actor: input.actor,
          now: input.now,
          user: {
            username: a.username,
            fullName: a.fullName,
            passwordHash: hashes[i],
            ...(a.email ? { email: a.email } : {}),
            ...(a.phone ? { phone: a.phone } : {}),
            ...(a.idNumber ? { idNumber: a.idNumber } : {}),
          },
          grants: a.grants,
        });
      } catch (error) {
        // A rule createUser holds that the check above does not know: named on its row, nothing kept.
        if (!(error instanceof AppError)) throw error;
        throw invalid([problemOf(a.row, COLUMN_OF_CODE[error.code] ?? '', error.message_('vi'), error.message_('en'))], input.locale);
      }
      accounts.push({ ...a, id, temporaryPassword: passwords[i] });
    }
    const done: UserImportDone = { dryRun: false, created: accounts.length, replayed: false, accounts };
    if (key) {
      const withoutPasswords: UserImportDone = { ...done, replayed: true, accounts: accounts.map((a) => ({ ...a, temporaryPassword: null })) };
      await repo.store(tx, scope, key, 201, withoutPasswords);
    }
    return done;
  });
}
