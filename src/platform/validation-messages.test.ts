import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { englishMessage, validationMessage } from './validation-messages.ts';

z.config({ localeError: validationMessage });

const firstMessage = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error(`accepted ${JSON.stringify(input)}`);
  return parsed.error.issues[0].message;
};

/** issue → the words a citizen or a desk officer reads beside the field. */
const table: [string, z.ZodType, unknown, string][] = [
  ['string too long', z.string().max(200), 'a'.repeat(201), 'Tối đa 200 ký tự'],
  ['string too long (large limit)', z.string().max(20_000), 'a'.repeat(20_001), 'Tối đa 20.000 ký tự'],
  ['empty required text', z.string().trim().min(1), '   ', 'Không được để trống'],
  ['string too short', z.string().min(10), 'ngắn', 'Cần ít nhất 10 ký tự'],
  ['string of a fixed length', z.string().length(5), 'abc', 'Cần đúng 5 ký tự'],
  ['number too big', z.number().max(100), 101, 'Không được lớn hơn 100'],
  ['number too big (money)', z.number().max(1e12), 2e12, 'Không được lớn hơn 1.000.000.000.000'],
  ['number too small', z.number().int().min(1), 0, 'Không được nhỏ hơn 1'],
  ['not positive', z.number().positive(), 0, 'Phải lớn hơn 0'],
  ['not below', z.number().lt(5), 5, 'Phải nhỏ hơn 5'],
  ['not a multiple', z.number().multipleOf(5), 7, 'Phải là bội số của 5'],
  ['too many items', z.array(z.string()).max(20), Array(21).fill('x'), 'Tối đa 20 mục'],
  ['too few items', z.array(z.string()).min(1), [], 'Cần ít nhất 1 mục'],
  ['file too large', z.file().max(10 * 1024 * 1024), new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'a.pdf'), 'Tệp quá lớn: tối đa 10 MB'],
  ['date too late', z.date().max(new Date('2026-03-16T00:00:00+07:00')), new Date('2026-04-01'), 'Không được sau ngày 16/03/2026'],
  ['missing field', z.object({ fullName: z.string() }), {}, 'Thiếu thông tin bắt buộc'],
  ['null for a required field', z.object({ fullName: z.string() }), { fullName: null }, 'Thiếu thông tin bắt buộc'],
  ['number where text is expected', z.string(), 12, 'Phải là một chuỗi ký tự'],
  ['text where a number is expected', z.number(), '12', 'Phải là một số'],
  ['a query number that is not one', z.coerce.number().int(), 'abc', 'Phải là một số'],
  ['a fraction where a whole number is expected', z.number().int(), 1.5, 'Phải là một số nguyên'],
  ['text where true/false is expected', z.boolean(), 'yes', 'Phải là đúng hoặc sai (true/false)'],
  ['object where a list is expected', z.array(z.string()), {}, 'Phải là một danh sách'],
  ['list where an object is expected', z.object({}), [], 'Phải là một nhóm thông tin'],
  ['e-mail', z.email(), 'an@', 'Địa chỉ thư điện tử không hợp lệ'],
  ['date', z.iso.date(), '2026-02-31', 'Ngày không hợp lệ'],
  ['date and time', z.iso.datetime({ offset: true }), 'hôm qua', 'Ngày giờ không hợp lệ'],
  ['pattern', z.string().regex(/^\d{5}$/), '12a', 'Không đúng định dạng'],
  ['uuid', z.uuid(), 'x', 'Mã không hợp lệ'],
  ['url', z.url(), 'không phải địa chỉ', 'Địa chỉ trang web không hợp lệ'],
  ['prefix', z.string().startsWith('H.'), 'X', 'Phải bắt đầu bằng “H.”'],
  ['enum', z.enum(['online', 'direct', 'postal']), 'fax', 'Chọn một trong: online, direct, postal'],
  ['literal', z.literal('receive'), 'x', 'Phải là receive'],
  ['unknown action', z.discriminatedUnion('action', [z.object({ action: z.literal('receive') }), z.object({ action: z.literal('reject') })]), { action: 'x' }, 'Chọn một trong: receive, reject'],
  ['union', z.union([z.string(), z.number()]), true, 'Giá trị không hợp lệ'],
  ['unknown keys', z.strictObject({ a: z.string() }), { a: 'x', b: 1, c: 2 }, 'Có trường không được phép: b, c'],
  ['record key', z.record(z.string().min(2), z.string()), { b: 'x' }, 'Tên trường không hợp lệ'],
  ['refine without words', z.string().refine((v) => v !== 'x'), 'x', 'Giá trị không hợp lệ'],
];

describe('validation messages (details[].message of VALIDATION_FAILED)', () => {
  it.each(table)('%s', (_, schema, input, expected) => {
    const message = firstMessage(schema, input);
    expect(message).toBe(expected);
    expect(message.normalize('NFC')).toBe(message);
    expect(message).not.toMatch(/mong đợi|Quá (lớn|nhỏ):|Đầu vào|string|undefined|NaN|<=|>=/);
  });

  it('keeps the words a schema gives itself', () => {
    expect(firstMessage(z.string().regex(/^\d+$/, 'số điện thoại Việt Nam, ví dụ 0912345678'), 'x')).toBe('số điện thoại Việt Nam, ví dụ 0912345678');
    expect(firstMessage(z.string().refine((v) => v.length > 3, { message: 'ngày kết thúc không được trước ngày bắt đầu' }), 'x')).toBe(
      'ngày kết thúc không được trước ngày bắt đầu',
    );
    expect(firstMessage(z.string().superRefine((_, ctx) => ctx.addIssue({ code: 'custom', message: 'trùng thành phần' })), 'x')).toBe('trùng thành phần');
  });

  it('cuts a long list of choices', () => {
    const values = Array.from({ length: 14 }, (_, k) => `v${k}`);
    expect(firstMessage(z.enum(values as [string, ...string[]]), 'x')).toBe('Chọn một trong: v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, …');
  });

  it('says the same in English, from the issue parsed with its input (the answer to an English request)', () => {
    const english = (schema: z.ZodType, input: unknown) => {
      const parsed = schema.safeParse(input, { reportInput: true });
      if (parsed.success) throw new Error(`accepted ${JSON.stringify(input)}`);
      return englishMessage(parsed.error.issues[0]);
    };
    const cases: [z.ZodType, unknown, string][] = [
      [z.string().max(20_000), 'a'.repeat(20_001), 'At most 20,000 characters'],
      [z.string().trim().min(1), '  ', 'Must not be empty'],
      [z.number().max(1e12), 2e12, 'Must not be more than 1,000,000,000,000'],
      [z.object({ fullName: z.string() }), {}, 'Required'],
      [z.string(), 12, 'Must be text'],
      [z.array(z.string()).min(1), [], 'At least 1 item'],
      [z.file().max(10 * 1024 * 1024), new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'a.pdf'), 'File too large: at most 10 MB'],
      [z.date().max(new Date('2026-03-16T00:00:00+07:00')), new Date('2026-04-01'), 'Must not be after 16 March 2026'],
      [z.iso.date(), '2026-02-31', 'Invalid date'],
      [z.enum(['online', 'direct']), 'fax', 'Choose one of: online, direct'],
      [z.strictObject({ a: z.string() }), { a: 'x', b: 1 }, 'Fields not allowed: b'],
      [z.string().refine((v) => v !== 'x'), 'x', 'Invalid value'],
      // a schema's own words are not translated: they stay as the schema wrote them
      [z.string().regex(/^\d+$/, 'số điện thoại Việt Nam, ví dụ 0912345678'), 'x', 'số điện thoại Việt Nam, ví dụ 0912345678'],
      [z.string().refine((v) => v !== 'x', { message: 'trùng thành phần' }), 'x', 'trùng thành phần'],
    ];
    for (const [schema, input, expected] of cases) expect(english(schema, input)).toBe(expected);
  });
});
