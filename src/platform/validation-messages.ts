import type { z } from 'zod';

/**
 * The words of a failed zod check (`details[].message` of a 400 VALIDATION_FAILED), in short
 * natural Vietnamese: forms show them beside the field, so "Tối đa 200 ký tự", not zod's vi
 * locale ("Quá lớn: mong đợi string có <=200 ký tự"). A schema's own message (`.regex(re,
 * '…')`, `.refine(…, { message })`) still wins: this map only speaks where the schema is silent.
 * Set once for the process with `z.config({ localeError: validationMessage })` (http/errors.ts).
 * English (the second locale) is `messageIn('en', issue)`: the answer's words follow the request's
 * language (http/validator.ts); a schema's own words stay as written.
 */

type Issue<C extends z.core.$ZodIssue['code'] = z.core.$ZodIssue['code']> = Extract<z.core.$ZodRawIssue, { code: C }>;
export type Lang = 'vi' | 'en';
/** One sentence in both locales. */
type Words = readonly [vi: string, en: string];
const pick = (lang: Lang, [vi, en]: Words) => (lang === 'vi' ? vi : en);

/** 2000 stays 2000 (years, lengths); 1e12 reads 1.000.000.000.000 (1,000,000,000,000 in English). */
function amount(n: number | bigint, lang: Lang = 'vi'): string {
  const big = typeof n === 'bigint' ? n >= 10_000n || n <= -10_000n : Math.abs(n) >= 10_000;
  return big || !Number.isInteger(Number(n)) ? new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 10 }).format(n) : String(n);
}

function bytes(n: number | bigint, lang: Lang): string {
  const size = Number(n);
  if (size >= 1024 * 1024) return `${amount(Math.round((size / (1024 * 1024)) * 10) / 10, lang)} MB`;
  if (size >= 1024) return `${amount(Math.round(size / 1024), lang)} KB`;
  return `${amount(size, lang)} ${lang === 'vi' ? 'byte' : 'bytes'}`;
}

const days = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: 'numeric', month: 'long', year: 'numeric' }),
};

/** The allowed values, as written; a long list is cut (the field's own help names them). */
function choices(values: readonly unknown[]): string {
  const shown = values.slice(0, 10).map((v) => (typeof v === 'bigint' ? String(v) : typeof v === 'string' ? v : JSON.stringify(v)));
  return values.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}

const REQUIRED: Words = ['Thiếu thông tin bắt buộc', 'Required'];
const INVALID: Words = ['Giá trị không hợp lệ', 'Invalid value'];

/** What the value should have been, in plain words (`expected` of invalid_type). */
const kinds: Record<string, Words> = {
  string: ['Phải là một chuỗi ký tự', 'Must be text'],
  number: ['Phải là một số', 'Must be a number'],
  int: ['Phải là một số nguyên', 'Must be a whole number'],
  bigint: ['Phải là một số nguyên', 'Must be a whole number'],
  nan: ['Phải là một số', 'Must be a number'],
  boolean: ['Phải là đúng hoặc sai (true/false)', 'Must be true or false'],
  array: ['Phải là một danh sách', 'Must be a list'],
  tuple: ['Phải là một danh sách', 'Must be a list'],
  set: ['Phải là một danh sách', 'Must be a list'],
  object: ['Phải là một nhóm thông tin', 'Must be a group of fields'],
  record: ['Phải là một nhóm thông tin', 'Must be a group of fields'],
  map: ['Phải là một nhóm thông tin', 'Must be a group of fields'],
  date: ['Ngày không hợp lệ', 'Invalid date'],
  file: ['Phải là một tệp', 'Must be a file'],
  null: ['Phải để trống', 'Must be empty'],
  undefined: ['Không được có trường này', 'This field is not allowed'],
  never: ['Không được có trường này', 'This field is not allowed'],
  void: ['Không được có trường này', 'This field is not allowed'],
};

const BAD_CODE: Words = ['Mã không hợp lệ', 'Invalid identifier'];
const BAD_IP: Words = ['Địa chỉ IP không hợp lệ', 'Invalid IP address'];
const BAD_RANGE: Words = ['Dải địa chỉ IP không hợp lệ', 'Invalid IP address range'];
const BAD_ENCODING: Words = ['Dữ liệu mã hóa không hợp lệ', 'Invalid encoded data'];

/** `format` of invalid_format (string formats; regex and the prefix/suffix ones are below). */
const formats: Record<string, Words> = {
  email: ['Địa chỉ thư điện tử không hợp lệ', 'Invalid e-mail address'],
  url: ['Địa chỉ trang web không hợp lệ', 'Invalid web address'],
  date: ['Ngày không hợp lệ', 'Invalid date'],
  datetime: ['Ngày giờ không hợp lệ', 'Invalid date and time'],
  time: ['Giờ không hợp lệ', 'Invalid time'],
  duration: ['Khoảng thời gian không hợp lệ', 'Invalid duration'],
  uuid: BAD_CODE,
  guid: BAD_CODE,
  nanoid: BAD_CODE,
  cuid: BAD_CODE,
  cuid2: BAD_CODE,
  ulid: BAD_CODE,
  xid: BAD_CODE,
  ksuid: BAD_CODE,
  jwt: BAD_CODE,
  ipv4: BAD_IP,
  ipv6: BAD_IP,
  cidrv4: BAD_RANGE,
  cidrv6: BAD_RANGE,
  mac: ['Địa chỉ MAC không hợp lệ', 'Invalid MAC address'],
  e164: ['Số điện thoại không hợp lệ', 'Invalid phone number'],
  base64: BAD_ENCODING,
  base64url: BAD_ENCODING,
  json_string: ['Dữ liệu JSON không hợp lệ', 'Invalid JSON'],
  credit_card: ['Số thẻ không hợp lệ', 'Invalid card number'],
  iban: ['Số tài khoản không hợp lệ', 'Invalid account number'],
  currency_code: ['Mã tiền tệ không hợp lệ', 'Invalid currency code'],
  lowercase: ['Chỉ được dùng chữ thường', 'Lower-case letters only'],
  uppercase: ['Chỉ được dùng chữ hoa', 'Upper-case letters only'],
  emoji: ['Chỉ được dùng biểu tượng cảm xúc', 'Emoji only'],
};

const NUMERIC = new Set(['number', 'int', 'bigint']);
/** "1 item", "20 items" (English only: Vietnamese nouns do not change). */
const counted = (n: string, one: string, many: string) => `${n} ${n === '1' ? one : many}`;
const LISTS = new Set(['array', 'set', 'map']);

function tooBig(i: Issue<'too_big'>, lang: Lang): string {
  const n = i.maximum;
  const most = amount(i.inclusive === false ? Number(n) - 1 : n, lang);
  const exactly = amount(n, lang);
  const vi = lang === 'vi';
  if (i.origin === 'string') return i.exact ? (vi ? `Cần đúng ${exactly} ký tự` : `Exactly ${counted(exactly, 'character', 'characters')}`) : vi ? `Tối đa ${most} ký tự` : `At most ${counted(most, 'character', 'characters')}`;
  if (LISTS.has(i.origin)) return i.exact ? (vi ? `Cần đúng ${exactly} mục` : `Exactly ${counted(exactly, 'item', 'items')}`) : vi ? `Tối đa ${most} mục` : `At most ${counted(most, 'item', 'items')}`;
  if (i.origin === 'file') return vi ? `Tệp quá lớn: tối đa ${bytes(n, lang)}` : `File too large: at most ${bytes(n, lang)}`;
  if (i.origin === 'date') return vi ? `Không được sau ngày ${days.vi.format(Number(n))}` : `Must not be after ${days.en.format(Number(n))}`;
  if (NUMERIC.has(i.origin)) return i.inclusive === false ? (vi ? `Phải nhỏ hơn ${exactly}` : `Must be less than ${exactly}`) : vi ? `Không được lớn hơn ${exactly}` : `Must not be more than ${exactly}`;
  return vi ? `Quá lớn: tối đa ${exactly}` : `Too large: at most ${exactly}`;
}

function tooSmall(i: Issue<'too_small'>, lang: Lang): string {
  const n = i.minimum;
  const least = i.inclusive === false ? Number(n) + 1 : Number(n);
  const fewest = amount(least, lang);
  const exactly = amount(n, lang);
  const vi = lang === 'vi';
  if (i.origin === 'string') {
    if (i.exact) return vi ? `Cần đúng ${exactly} ký tự` : `Exactly ${counted(exactly, 'character', 'characters')}`;
    if (least <= 1) return vi ? 'Không được để trống' : 'Must not be empty';
    return vi ? `Cần ít nhất ${fewest} ký tự` : `At least ${counted(fewest, 'character', 'characters')}`;
  }
  if (LISTS.has(i.origin)) return i.exact ? (vi ? `Cần đúng ${exactly} mục` : `Exactly ${counted(exactly, 'item', 'items')}`) : vi ? `Cần ít nhất ${fewest} mục` : `At least ${counted(fewest, 'item', 'items')}`;
  if (i.origin === 'file') {
    if (least <= 1) return vi ? 'Tệp trống' : 'The file is empty';
    return vi ? `Tệp quá nhỏ: ít nhất ${bytes(least, lang)}` : `File too small: at least ${bytes(least, lang)}`;
  }
  if (i.origin === 'date') return vi ? `Không được trước ngày ${days.vi.format(Number(n))}` : `Must not be before ${days.en.format(Number(n))}`;
  if (NUMERIC.has(i.origin)) return i.inclusive === false ? (vi ? `Phải lớn hơn ${exactly}` : `Must be more than ${exactly}`) : vi ? `Không được nhỏ hơn ${exactly}` : `Must not be less than ${exactly}`;
  return vi ? `Quá nhỏ: ít nhất ${exactly}` : `Too small: at least ${exactly}`;
}

function invalidFormat(i: Issue<'invalid_format'>, lang: Lang): string {
  const extra = i as Issue<'invalid_format'> & { prefix?: string; suffix?: string; includes?: string };
  const vi = lang === 'vi';
  if (i.format === 'starts_with') return vi ? `Phải bắt đầu bằng “${extra.prefix}”` : `Must start with “${extra.prefix}”`;
  if (i.format === 'ends_with') return vi ? `Phải kết thúc bằng “${extra.suffix}”` : `Must end with “${extra.suffix}”`;
  if (i.format === 'includes') return vi ? `Phải chứa “${extra.includes}”` : `Must contain “${extra.includes}”`;
  return pick(lang, formats[i.format] ?? ['Không đúng định dạng', 'Wrong format']);
}

const oneOf = (lang: Lang, values: readonly unknown[]) => `${lang === 'vi' ? 'Chọn một trong' : 'Choose one of'}: ${choices(values)}`;

/** One sentence per issue kind zod 4 raises; the compiler checks every kind has one. */
const byCode: { [C in z.core.$ZodIssue['code']]: (issue: Issue<C>, lang: Lang) => string } = {
  invalid_type: (i, lang) => pick(lang, i.input === undefined || i.input === null ? REQUIRED : (kinds[i.expected] ?? ['Sai kiểu dữ liệu', 'Wrong type'])),
  too_big: tooBig,
  too_small: tooSmall,
  invalid_format: invalidFormat,
  not_multiple_of: (i, lang) => `${lang === 'vi' ? 'Phải là bội số của' : 'Must be a multiple of'} ${amount(i.divisor, lang)}`,
  unrecognized_keys: (i, lang) => `${lang === 'vi' ? 'Có trường không được phép' : 'Fields not allowed'}: ${i.keys.join(', ')}`,
  invalid_union: (i, lang) => ('options' in i && Array.isArray(i.options) && i.options.length > 0 ? oneOf(lang, i.options) : pick(lang, INVALID)),
  invalid_key: (_, lang) => pick(lang, ['Tên trường không hợp lệ', 'Invalid field name']),
  invalid_element: (_, lang) => pick(lang, ['Có mục không hợp lệ', 'An item is invalid']),
  invalid_value: (i, lang) => (i.values.length === 1 ? `${lang === 'vi' ? 'Phải là' : 'Must be'} ${choices(i.values)}` : oneOf(lang, i.values)),
  custom: (i, lang) => i.message ?? pick(lang, INVALID),
};

/** The sentence of an issue in `lang` (unknown kinds get a plain fallback). */
export function messageIn(lang: Lang, issue: z.core.$ZodRawIssue): string {
  const say = byCode[issue.code as keyof typeof byCode] as ((i: z.core.$ZodRawIssue, lang: Lang) => string) | undefined;
  return (say?.(issue, lang) ?? pick(lang, INVALID)).normalize('NFC');
}

/** zod's `localeError`: the Vietnamese sentence of any issue. */
export const validationMessage: z.core.$ZodErrorMap = (issue) => messageIn('vi', issue);

/**
 * A failed check's words in English, from the issue as parsed with `reportInput` (zod keeps the
 * input then): our sentence when the Vietnamese one is ours too, else the schema's own words.
 */
export function englishMessage(issue: z.core.$ZodIssue): string {
  const raw = { ...issue, message: undefined } as unknown as z.core.$ZodRawIssue;
  return issue.message === messageIn('vi', raw) ? messageIn('en', raw) : issue.message;
}
