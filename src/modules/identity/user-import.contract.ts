import { z } from 'zod';
import { ErrorBody } from '#platform/contract.ts';
import { Role } from './identity.contract.ts';

/**
 * Nhập tài khoản từ tệp: POST /api/v1/admin/users/import (multipart, field "file": CSV or .xlsx).
 * `?dryRun=true` checks every row and answers the preview without writing anything.
 */
export const UserImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional().meta({ description: 'true: chỉ kiểm tra, không ghi / only check, write nothing' }),
});

/** A problem of one cell (row 1: the header), in both languages; `message` in the request's. */
export const ImportProblem = z.object({
  row: z.number().int().meta({ description: 'số dòng trong bảng tính (dòng tiêu đề là 1) / row in the sheet (the header is row 1)' }),
  column: z.string(),
  message: z.string(),
  vi: z.string(),
  en: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

const ImportGrant = z.object({ role: Role, agencyCode: z.string().nullable() });

/** One account as the file asks for it (after the rules: username in lower case, phone as stored). */
export const ImportAccount = z.object({
  row: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  grants: z.array(ImportGrant),
});

/** The dry run: what would be created and every problem found (nothing written). */
export const UserImportPreview = z.object({
  dryRun: z.literal(true),
  format: z.enum(['csv', 'xlsx']),
  accounts: z.array(ImportAccount).meta({ description: 'các dòng hợp lệ / the rows without problems' }),
  problems: z.array(ImportProblem),
});

/** An account created, with its temporary password: shown once (null when the answer is a replay). */
export const ImportedAccount = ImportAccount.extend({
  id: z.string(),
  temporaryPassword: z
    .string()
    .nullable()
    .meta({ description: 'mật khẩu tạm, chỉ hiển thị một lần; null khi gửi lại cùng Idempotency-Key / temporary password, shown once; null on a replay' }),
});
export type ImportedAccount = z.infer<typeof ImportedAccount>;

export const UserImportDone = z.object({
  dryRun: z.literal(false),
  created: z.number().int(),
  replayed: z
    .boolean()
    .meta({ description: 'true: cùng tệp, cùng Idempotency-Key đã nhập trước đó; không tạo gì thêm, không hiện lại mật khẩu / the same import was done before under this key: nothing new, no passwords' }),
  accounts: z.array(ImportedAccount),
});
export type UserImportDone = z.infer<typeof UserImportDone>;

export const UserImportAnswer = z.union([UserImportPreview, UserImportDone]);

/** 400 IMPORT_INVALID: the error body with every problem, by row and column. */
export const ImportInvalidBody = z
  .object({
    error: z.looseObject({
      code: z.string(),
      message: z.string(),
      details: ErrorBody.shape.error.shape.details,
      problems: z.array(ImportProblem).optional(),
    }),
  })
  .meta({ description: 'lỗi; IMPORT_INVALID kèm mọi lỗi theo dòng / error; IMPORT_INVALID lists every problem by row' });
