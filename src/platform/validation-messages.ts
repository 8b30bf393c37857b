import type { z } from 'zod';

/**
 * The words of a failed zod check (`details[].message` of a 400 VALIDATION_FAILED), in short
 * natural Vietnamese: forms show them beside the field, so "Tối đa 200 ký tự", not zod's vi
 * locale ("Quá lớn: mong đợi string có <=200 ký tự"). A schema's own message (`.regex(re,
 * '…')`, `.refine(…, { message })`) still wins: this map only speaks where the schema is silent.
 * Set once for the process with `z.config({ localeError: validationMessage })` (http/errors.ts).
 */

type Issue<C extends z.core.$ZodIssue['code'] = z.core.$ZodIssue['code']> = Extract<z.core.$ZodRawIssue, { code: C }>;

/** 2000 stays 2000 (years, lengths); 1e12 reads 1.000.000.000.000. */
function amount(n: number | bigint): string {
  const big = typeof n === 'bigint' ? n >= 10_000n || n <= -10_000n : Math.abs(n) >= 10_000;
  return big || !Number.isInteger(Number(n)) ? new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10 }).format(n) : String(n);
}

function bytes(n: number | bigint): string {
  const size = Number(n);
  if (size >= 1024 * 1024) return `${amount(Math.round((size / (1024 * 1024)) * 10) / 10)} MB`;
  if (size >= 1024) return `${amount(Math.round(size / 1024))} KB`;
  return `${amount(size)} byte`;
}

const day = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

/** The allowed values, as written; a long list is cut (the field's own help names them). */
function choices(values: readonly unknown[]): string {
  const shown = values.slice(0, 10).map((v) => (typeof v === 'bigint' ? String(v) : typeof v === 'string' ? v : JSON.stringify(v)));
  return values.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** What the value should have been, in plain words (`expected` of invalid_type). */
const kinds: Record<string, string> = {
  string: 'Phải là một chuỗi ký tự',
  number: 'Phải là một số',
  int: 'Phải là một số nguyên',
  bigint: 'Phải là một số nguyên',
  nan: 'Phải là một số',
  boolean: 'Phải là đúng hoặc sai (true/false)',
  array: 'Phải là một danh sách',
  tuple: 'Phải là một danh sách',
  set: 'Phải là một danh sách',
  object: 'Phải là một nhóm thông tin',
  record: 'Phải là một nhóm thông tin',
  map: 'Phải là một nhóm thông tin',
  date: 'Ngày không hợp lệ',
  file: 'Phải là một tệp',
  null: 'Phải để trống',
  undefined: 'Không được có trường này',
  never: 'Không được có trường này',
  void: 'Không được có trường này',
};

/** `format` of invalid_format (string formats; regex and the prefix/suffix ones are below). */
const formats: Record<string, string> = {
  email: 'Địa chỉ thư điện tử không hợp lệ',
  url: 'Địa chỉ trang web không hợp lệ',
  date: 'Ngày không hợp lệ',
  datetime: 'Ngày giờ không hợp lệ',
  time: 'Giờ không hợp lệ',
  duration: 'Khoảng thời gian không hợp lệ',
  uuid: 'Mã không hợp lệ',
  guid: 'Mã không hợp lệ',
  nanoid: 'Mã không hợp lệ',
  cuid: 'Mã không hợp lệ',
  cuid2: 'Mã không hợp lệ',
  ulid: 'Mã không hợp lệ',
  xid: 'Mã không hợp lệ',
  ksuid: 'Mã không hợp lệ',
  jwt: 'Mã không hợp lệ',
  ipv4: 'Địa chỉ IP không hợp lệ',
  ipv6: 'Địa chỉ IP không hợp lệ',
  cidrv4: 'Dải địa chỉ IP không hợp lệ',
  cidrv6: 'Dải địa chỉ IP không hợp lệ',
  mac: 'Địa chỉ MAC không hợp lệ',
  e164: 'Số điện thoại không hợp lệ',
  base64: 'Dữ liệu mã hóa không hợp lệ',
  base64url: 'Dữ liệu mã hóa không hợp lệ',
  json_string: 'Dữ liệu JSON không hợp lệ',
  credit_card: 'Số thẻ không hợp lệ',
  iban: 'Số tài khoản không hợp lệ',
  currency_code: 'Mã tiền tệ không hợp lệ',
  lowercase: 'Chỉ được dùng chữ thường',
  uppercase: 'Chỉ được dùng chữ hoa',
  emoji: 'Chỉ được dùng biểu tượng cảm xúc',
};

const NUMERIC = new Set(['number', 'int', 'bigint']);
const LISTS = new Set(['array', 'set', 'map']);

function tooBig(i: Issue<'too_big'>): string {
  const n = i.maximum;
  if (i.origin === 'string') return i.exact ? `Cần đúng ${amount(n)} ký tự` : `Tối đa ${amount(i.inclusive === false ? Number(n) - 1 : n)} ký tự`;
  if (LISTS.has(i.origin)) return i.exact ? `Cần đúng ${amount(n)} mục` : `Tối đa ${amount(i.inclusive === false ? Number(n) - 1 : n)} mục`;
  if (i.origin === 'file') return `Tệp quá lớn: tối đa ${bytes(n)}`;
  if (i.origin === 'date') return `Không được sau ngày ${day.format(Number(n))}`;
  if (NUMERIC.has(i.origin)) return i.inclusive === false ? `Phải nhỏ hơn ${amount(n)}` : `Không được lớn hơn ${amount(n)}`;
  return `Quá lớn: tối đa ${amount(n)}`;
}

function tooSmall(i: Issue<'too_small'>): string {
  const n = i.minimum;
  const least = i.inclusive === false ? Number(n) + 1 : Number(n);
  if (i.origin === 'string') {
    if (i.exact) return `Cần đúng ${amount(n)} ký tự`;
    return least <= 1 ? 'Không được để trống' : `Cần ít nhất ${amount(least)} ký tự`;
  }
  if (LISTS.has(i.origin)) return i.exact ? `Cần đúng ${amount(n)} mục` : `Cần ít nhất ${amount(least)} mục`;
  if (i.origin === 'file') return least <= 1 ? 'Tệp trống' : `Tệp quá nhỏ: ít nhất ${bytes(least)}`;
  if (i.origin === 'date') return `Không được trước ngày ${day.format(Number(n))}`;
  if (NUMERIC.has(i.origin)) return i.inclusive === false ? `Phải lớn hơn ${amount(n)}` : `Không được nhỏ hơn ${amount(n)}`;
  return `Quá nhỏ: ít nhất ${amount(n)}`;
}

function invalidFormat(i: Issue<'invalid_format'>): string {
  const extra = i as Issue<'invalid_format'> & { prefix?: string; suffix?: string; includes?: string };
  if (i.format === 'starts_with') return `Phải bắt đầu bằng “${extra.prefix}”`;
  if (i.format === 'ends_with') return `Phải kết thúc bằng “${extra.suffix}”`;
  if (i.format === 'includes') return `Phải chứa “${extra.includes}”`;
  return formats[i.format] ?? 'Không đúng định dạng';
}

/** One sentence per issue kind zod 4 raises; the compiler checks every kind has one. */
const byCode: { [C in z.core.$ZodIssue['code']]: (issue: Issue<C>) => string } = {
  invalid_type: (i) => (i.input === undefined || i.input === null ? 'Thiếu thông tin bắt buộc' : (kinds[i.expected] ?? 'Sai kiểu dữ liệu')),
  too_big: tooBig,
  too_small: tooSmall,
  invalid_format: invalidFormat,
  not_multiple_of: (i) => `Phải là bội số của ${amount(i.divisor)}`,
  unrecognized_keys: (i) => `Có trường không được phép: ${i.keys.join(', ')}`,
  invalid_union: (i) => {
    if ('options' in i && Array.isArray(i.options) && i.options.length > 0) return `Chọn một trong: ${choices(i.options)}`;
    return 'Giá trị không hợp lệ';
  },
  invalid_key: () => 'Tên trường không hợp lệ',
  invalid_element: () => 'Có mục không hợp lệ',
  invalid_value: (i) => (i.values.length === 1 ? `Phải là ${choices(i.values)}` : `Chọn một trong: ${choices(i.values)}`),
  custom: (i) => i.message ?? 'Giá trị không hợp lệ',
};

/** zod's `localeError`: the Vietnamese sentence of any issue (unknown kinds get a plain fallback). */
export const validationMessage: z.core.$ZodErrorMap = (issue) => {
  const say = byCode[issue.code as keyof typeof byCode] as ((i: z.core.$ZodRawIssue) => string) | undefined;
  return (say?.(issue) ?? 'Giá trị không hợp lệ').normalize('NFC');
};
