import { validationFailed } from '#platform/errors.ts';
import { isNotAfterToday, todayInVietnam } from './applicant-rules.ts';

/**
 * Date fields of a procedure's form that cannot be in the future (a birth date, or any marked
 * `x-notAfterToday`): JSON Schema has no word for "not after today", so it is checked here,
 * after the schema itself, with the same rule the browser applies (applicant-rules.ts).
 */
export function checkFieldDates(formSchema: unknown, fields: Record<string, unknown>, now: Date): void {
  const properties = (formSchema as { properties?: Record<string, Record<string, unknown>> } | null)?.properties;
  if (!properties || typeof properties !== 'object') return;
  const today = todayInVietnam(now);
  const problems = Object.entries(properties).flatMap(([name, schema]) => {
    const value = fields[name];
    if (schema?.format !== 'date' || typeof value !== 'string' || !isNotAfterToday(name, schema)) return [];
    return value > today ? [{ field: `fields.${name}`, message: 'ngày này không được sau ngày hôm nay' }] : [];
  });
  if (problems.length > 0) throw validationFailed(problems);
}
