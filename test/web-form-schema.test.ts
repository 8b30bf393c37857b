import { describe, expect, it } from 'vitest';
import { activeFields, declaredFields, fieldsToSend, formFields, validateFields } from '../src/web/modules/dossiers/form-schema.ts';

/** The browser-side reading of a procedure's formSchema (src/web is not in the unit run, so it lives here). */

const birth = {
  type: 'object',
  required: ['childFullName', 'childBirthDate', 'childSex', 'placeOfBirth'],
  // as jsonb returns it: keys by length, not as written
  properties: {
    childSex: { type: 'string', enum: ['nam', 'nu'], title: 'Giới tính' },
    placeOfBirth: { type: 'string', minLength: 2, maxLength: 200, title: 'Nơi sinh' },
    childFullName: { type: 'string', minLength: 2, maxLength: 100, title: 'Họ, chữ đệm, tên của trẻ' },
    childBirthDate: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
  },
};

const conditional = {
  type: 'object',
  required: ['hasRepresentative'],
  properties: {
    hasRepresentative: { type: 'boolean', title: 'Có người đại diện' },
    copies: { type: 'integer', minimum: 1, maximum: 10, title: 'Số bản sao' },
    email: { type: 'string', title: 'Thư điện tử' },
    phone: { type: 'string', pattern: '^0\\d{9}$', title: 'Điện thoại' },
  },
  allOf: [
    {
      if: { properties: { hasRepresentative: { const: true } } },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
      then: { required: ['representativeName'], properties: { representativeName: { type: 'string', title: 'Người đại diện' } } },
    },
  ],
  dependentRequired: { email: ['phone'] },
};

describe('formSchema in the browser', () => {
  it('orders fields as written in required (jsonb reorders keys) and reads their kinds', () => {
    const fields = formFields(birth);
    expect(fields.map((f) => f.name)).toEqual(['childFullName', 'childBirthDate', 'childSex', 'placeOfBirth']);
    expect(fields.map((f) => f.kind)).toEqual(['string', 'date', 'enum', 'string']);
  });

  it('reports required, length, date and enum problems by field', () => {
    expect(validateFields(birth, {})).toEqual({
      childFullName: { key: 'required' },
      childBirthDate: { key: 'required' },
      childSex: { key: 'requiredChoice' }, // radios: choose, not fill in
      placeOfBirth: { key: 'required' },
    });
    expect(
      validateFields(birth, { childFullName: 'A', childBirthDate: '2026-02-30', childSex: 'khac', placeOfBirth: 'Hà Nội' }),
    ).toEqual({ childFullName: { key: 'minLength', params: { min: 2 } }, childBirthDate: { key: 'date' }, childSex: { key: 'enum' } });
    expect(validateFields(birth, { childFullName: 'Trần Minh Khôi', childBirthDate: '2026-11-20', childSex: 'nam', placeOfBirth: 'Hà Nội' })).toEqual(
      {},
    );
  });

  it('shows and requires the then-branch only when its condition holds, and sends only what is shown', () => {
    expect(activeFields(conditional, { hasRepresentative: false }).visible.map((f) => f.name)).not.toContain('representativeName');
    const on = activeFields(conditional, { hasRepresentative: true });
    expect(on.visible.map((f) => f.name)).toContain('representativeName');
    expect(on.required.has('representativeName')).toBe(true);
    expect(validateFields(conditional, { hasRepresentative: true })).toEqual({ representativeName: { key: 'required' } });
    expect(fieldsToSend(conditional, { hasRepresentative: false, representativeName: 'bỏ đi', copies: '3' })).toEqual({
      hasRepresentative: false,
      copies: 3,
    });
  });

  it('applies dependentRequired, integer bounds and patterns', () => {
    expect(validateFields(conditional, { hasRepresentative: false, email: 'a@b.vn' })).toEqual({ phone: { key: 'required' } });
    // A required checkbox left unticked is the answer "no"; a declaration with const: true must be ticked.
    expect(fieldsToSend(conditional, {})).toEqual({ hasRepresentative: false });
    const declaration = { type: 'object', required: ['camDoan'], properties: { camDoan: { type: 'boolean', const: true, title: 'Tôi cam đoan' } } };
    expect(validateFields(declaration, {})).toEqual({ camDoan: { key: 'required' } });
    expect(validateFields(declaration, { camDoan: true })).toEqual({});
    expect(validateFields(conditional, { hasRepresentative: false, copies: '2,5' })).toEqual({ copies: { key: 'integer' } });
    expect(validateFields(conditional, { hasRepresentative: false, copies: '11' })).toEqual({ copies: { key: 'maximum', params: { max: 10 } } });
    expect(validateFields(conditional, { hasRepresentative: false, phone: '12345' })).toEqual({ phone: { key: 'pattern' } });
  });
});

describe('declaredFields', () => {
  it('lists what a dossier declares in the form’s order under its titles, unknown keys last, empty ones left out', () => {
    const rows = declaredFields(birth, { childSex: 'nu', placeOfBirth: 'Bệnh viện Phụ sản Hà Nội', childBirthDate: '2026-03-02', childFullName: 'Nguyễn Minh Châu', note: 'x', empty: '' });
    expect(rows.map((r) => [r.field.title, r.value])).toEqual([
      ['Họ, chữ đệm, tên của trẻ', 'Nguyễn Minh Châu'],
      ['Ngày, tháng, năm sinh', '2026-03-02'],
      ['Giới tính', 'nu'],
      ['Nơi sinh', 'Bệnh viện Phụ sản Hà Nội'],
      ['note', 'x'],
    ]);
    expect(rows[1].field.kind).toBe('date');
    expect(declaredFields(null, null)).toEqual([]);
  });
});
