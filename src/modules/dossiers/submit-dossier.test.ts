import { describe, expect, it } from 'vitest';
import type { ProcedureVersion } from '#modules/catalog/index.ts';
import { checkFields } from './submit-dossier.ts';

const withSchema = (formSchema: Record<string, unknown> | null) => ({ formSchema }) as ProcedureVersion;

describe('procedure form fields against the version’s JSON Schema', () => {
  const schema = {
    type: 'object',
    properties: { ngaySinh: { type: 'string', format: 'date' }, soBanSao: { type: 'integer', minimum: 1 } },
    required: ['ngaySinh'],
  };

  it('accepts anything when the procedure has no form', () => {
    expect(() => checkFields(withSchema(null), { tuy: 'ý' })).not.toThrow();
  });

  it('accepts valid fields', () => {
    expect(() => checkFields(withSchema(schema), { ngaySinh: '2020-01-31', soBanSao: 2 })).not.toThrow();
  });

  it('names each invalid field under fields.*', () => {
    try {
      checkFields(withSchema(schema), { soBanSao: 0 });
      expect.unreachable();
    } catch (error) {
      const fields = (error as { extra: { details: { field: string }[] } }).extra.details.map((d) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['fields.ngaySinh', 'fields.soBanSao']));
    }
  });

  it('checks each version against its own schema, the validator built once being reused', () => {
    expect(() => checkFields(withSchema(schema), { soBanSao: 2 })).toThrow(); // ngaySinh required
    const later = { ...schema, required: [] }; // another version, another object
    expect(() => checkFields(withSchema(later), { soBanSao: 2 })).not.toThrow();
    expect(() => checkFields(withSchema(schema), { soBanSao: 2 })).toThrow(); // still its own
  });
});
