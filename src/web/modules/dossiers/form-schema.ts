/**
 * A procedure's `formSchema` (JSON Schema of its own fields) turned into form fields and checked
 * in the browser before the server checks it again. Supported: string, enum, date (format),
 * number/integer, boolean; `required`; conditions as `if`/`then` (at the top or inside `allOf`)
 * and `dependentRequired`. Anything else is shown as a plain text field.
 */

import { isNotAfterToday, todayInVietnam } from '../../../modules/dossiers/applicant-rules.ts';

export type FieldKind = 'string' | 'enum' | 'date' | 'number' | 'integer' | 'boolean';
export type FieldValue = string | boolean;
export type FieldValues = Record<string, FieldValue>;

export interface FormField {
  name: string;
  kind: FieldKind;
  title: string;
  description?: string;
  options?: { value: string; label?: string }[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  /** A date that cannot be in the future (a birth date; `x-notAfterToday`). */
  notAfterToday?: boolean;
  /** A boolean with `const: true`: a declaration that must be ticked (cam đoan). */
  mustBeTrue?: boolean;
}

/** A failed check, to be put into words by the page (i18n key under `citizen.validation`). */
export interface FieldProblem {
  key: 'required' | 'requiredChoice' | 'minLength' | 'maxLength' | 'pattern' | 'number' | 'integer' | 'minimum' | 'maximum' | 'date' | 'future' | 'enum';
  params?: Record<string, string | number>;
}

type Json = Record<string, unknown>;
interface Condition {
  when: Json;
  whenTrue: Json;
  otherwise?: Json;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function conditionsOf(schema: Json): Condition[] {
  const all = [schema, ...(Array.isArray(schema.allOf) ? schema.allOf.filter(isObject) : [])];
  return all.flatMap((s) =>
    isObject(s.if) && isObject(s.then) ? [{ when: s.if, whenTrue: s.then, otherwise: isObject(s.else) ? s.else : undefined }] : [],
  );
}

function describe(name: string, raw: Json): FormField {
  const title = typeof raw.title === 'string' ? raw.title : name;
  const description = typeof raw.description === 'string' ? raw.description : undefined;
  const base = { name, title, description };
  const labels = Array.isArray(raw['x-enumNames']) ? (raw['x-enumNames'] as unknown[]).map(String) : [];
  if (Array.isArray(raw.enum)) {
    return { ...base, kind: 'enum', options: raw.enum.map((v, i) => ({ value: String(v), label: labels[i] })) };
  }
  if (Array.isArray(raw.oneOf) && raw.oneOf.every((o) => isObject(o) && 'const' in o)) {
    return {
      ...base,
      kind: 'enum',
      options: (raw.oneOf as Json[]).map((o) => ({ value: String(o.const), label: typeof o.title === 'string' ? o.title : undefined })),
    };
  }
  const type = Array.isArray(raw.type) ? raw.type.find((t) => t !== 'null') : raw.type;
  if (type === 'boolean') return { ...base, kind: 'boolean', mustBeTrue: raw.const === true };
  if (type === 'number' || type === 'integer') {
    return {
      ...base,
      kind: type,
      minimum: typeof raw.minimum === 'number' ? raw.minimum : undefined,
      maximum: typeof raw.maximum === 'number' ? raw.maximum : undefined,
    };
  }
  if (raw.format === 'date') return { ...base, kind: 'date', notAfterToday: isNotAfterToday(name, raw) };
  return {
    ...base,
    kind: 'string',
    minLength: typeof raw.minLength === 'number' ? raw.minLength : undefined,
    maxLength: typeof raw.maxLength === 'number' ? raw.maxLength : undefined,
    pattern: typeof raw.pattern === 'string' ? raw.pattern : undefined,
  };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const filled = (v: FieldValue | undefined) => (typeof v === 'boolean' ? v : v !== undefined && v.trim() !== '');

/** Every field the schema can ask for, in schema order (fields of `then` branches last). */
export function formFields(schema: Json | null | undefined): FormField[] {
  if (!schema) return [];
  const fields = new Map<string, FormField>();
  const add = (props: unknown) => {
    if (!isObject(props)) return;
    for (const [name, raw] of Object.entries(props)) if (isObject(raw) && !fields.has(name)) fields.set(name, describe(name, raw));
  };
  add(schema.properties);
  for (const c of conditionsOf(schema)) {
    add(c.whenTrue.properties);
    add(c.otherwise?.properties);
  }
  return orderFields([...fields.values()], schema);
}

/**
 * Stored as jsonb, a schema's properties come back sorted by key length, not as written, so the
 * order is `x-order` / `propertyOrder` when given, then the order of `required`, then the rest.
 */
function orderFields(fields: FormField[], schema: Json): FormField[] {
  const props = isObject(schema.properties) ? schema.properties : {};
  const explicit = (name: string) => {
    const raw = props[name];
    const n = isObject(raw) ? (raw['x-order'] ?? raw.propertyOrder) : undefined;
    return typeof n === 'number' ? n : Number.POSITIVE_INFINITY;
  };
  const required = strings(schema.required);
  const rank = (name: string) => (required.includes(name) ? required.indexOf(name) : required.length);
  return fields
    .map((f, i) => ({ f, i }))
    .sort((a, b) => explicit(a.f.name) - explicit(b.f.name) || rank(a.f.name) - rank(b.f.name) || a.i - b.i)
    .map(({ f }) => f);
}

/** Does `values` satisfy an `if` schema (the `const` / `enum` of its properties and its `required`)? */
function matches(when: Json, values: FieldValues, fields: Map<string, FormField>): boolean {
  for (const name of strings(when.required)) if (!filled(values[name])) return false;
  if (!isObject(when.properties)) return true;
  for (const [name, raw] of Object.entries(when.properties)) {
    if (!isObject(raw)) continue;
    const value = typedValue(fields.get(name), values[name]);
    if ('const' in raw && value !== raw.const) return false;
    if (Array.isArray(raw.enum) && !raw.enum.includes(value)) return false;
  }
  return true;
}

/** The fields to show and the ones required, given what has been filled in so far. */
export function activeFields(schema: Json | null | undefined, values: FieldValues): { visible: FormField[]; required: Set<string> } {
  const all = formFields(schema);
  if (!schema) return { visible: [], required: new Set() };
  const byName = new Map(all.map((f) => [f.name, f]));
  const base = new Set(isObject(schema.properties) ? Object.keys(schema.properties) : []);
  const visibleNames = new Set(base);
  const required = new Set(strings(schema.required));
  for (const c of conditionsOf(schema)) {
    const branch = matches(c.when, values, byName) ? c.whenTrue : c.otherwise;
    if (!branch) continue;
    if (isObject(branch.properties)) for (const name of Object.keys(branch.properties)) visibleNames.add(name);
    for (const name of strings(branch.required)) {
      required.add(name);
      visibleNames.add(name);
    }
  }
  if (isObject(schema.dependentRequired)) {
    for (const [trigger, deps] of Object.entries(schema.dependentRequired)) {
      if (filled(values[trigger])) for (const name of strings(deps)) required.add(name);
    }
  }
  return { visible: all.filter((f) => visibleNames.has(f.name)), required };
}

/** A form value as the JSON the server expects (numbers as numbers, booleans as booleans). */
function typedValue(field: FormField | undefined, value: FieldValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  const text = value.trim();
  if (text === '') return undefined;
  if (field?.kind === 'number' || field?.kind === 'integer') return Number(text.replace(',', '.'));
  return text;
}

/** Checks one field; null when it is fine. */
export function checkField(field: FormField, value: FieldValue | undefined, required: boolean): FieldProblem | null {
  // An unticked box is a value (false); only a declaration to tick (`const: true`) can be missing.
  if (field.kind === 'boolean') return field.mustBeTrue && value !== true ? { key: 'required' } : null;
  const text = typeof value === 'string' ? value.trim() : '';
  // a list or radios asks to choose ("Vui lòng chọn …"), a text box to fill in
  if (text === '') return required ? { key: field.kind === 'enum' ? 'requiredChoice' : 'required' } : null;
  switch (field.kind) {
    case 'enum':
      return field.options?.some((o) => o.value === text) ? null : { key: 'enum' };
    case 'date': {
      const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
      if (!ok || !new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)) return { key: 'date' };
      return field.notAfterToday && text > todayInVietnam() ? { key: 'future' } : null;
    }
    case 'number':
    case 'integer': {
      const n = Number(text.replace(',', '.'));
      if (!Number.isFinite(n)) return { key: 'number' };
      if (field.kind === 'integer' && !Number.isInteger(n)) return { key: 'integer' };
      if (field.minimum !== undefined && n < field.minimum) return { key: 'minimum', params: { min: field.minimum } };
      if (field.maximum !== undefined && n > field.maximum) return { key: 'maximum', params: { max: field.maximum } };
      return null;
    }
    default: {
      const length = [...text].length;
      if (field.minLength !== undefined && length < field.minLength) return { key: 'minLength', params: { min: field.minLength } };
      if (field.maxLength !== undefined && length > field.maxLength) return { key: 'maxLength', params: { max: field.maxLength } };
      if (field.pattern) {
        try {
          if (!new RegExp(field.pattern, 'u').test(text)) return { key: 'pattern' };
        } catch {}
      }
      return null;
    }
  }
}

/** Problems of the visible fields, by field name. */
export function validateFields(schema: Json | null | undefined, values: FieldValues): Record<string, FieldProblem> {
  const { visible, required } = activeFields(schema, values);
  const problems: Record<string, FieldProblem> = {};
  for (const field of visible) {
    const problem = checkField(field, values[field.name], required.has(field.name));
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

/** The `fields` object to send: only visible, filled fields, typed. */
export function fieldsToSend(schema: Json | null | undefined, values: FieldValues): Record<string, unknown> {
  const { visible, required } = activeFields(schema, values);
  const out: Record<string, unknown> = {};
  for (const field of visible) {
    if (field.kind === 'boolean') {
      if (required.has(field.name) || field.name in values) out[field.name] = values[field.name] === true;
      continue;
    }
    const value = typedValue(field, values[field.name]);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

/** May `fields` carry keys the schema does not name (for the result delivery choice)? */
export function allowsExtraFields(schema: Json | null | undefined): boolean {
  return schema?.additionalProperties !== false;
}

/**
 * What a dossier declares, as an officer reads it: the filled fields in the form's order under the
 * form's titles, then any key the schema does not name (under its key). Empty values are left out.
 */
export function declaredFields(schema: Json | null | undefined, fields: Record<string, unknown> | null | undefined): { field: FormField; value: unknown }[] {
  const given = Object.entries(fields ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
  const known = formFields(schema);
  const named = new Set(known.map((f) => f.name));
  const values = new Map(given);
  return [
    ...known.filter((f) => values.has(f.name)).map((field) => ({ field, value: values.get(field.name) })),
    ...given.filter(([k]) => !named.has(k)).map(([name, value]) => ({ field: { name, kind: 'string' as const, title: name }, value })),
  ];
}
