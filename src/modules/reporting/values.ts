import { checksOf, type Figure, type IndicatorDef, indicatorsOf, type RegimeDefinition } from './regime-definition.ts';
import type { Value } from './reporting.repository.ts';
import { REPORT_TEXT_LIMITS } from './text-limits.ts';

/** One refused figure: the indicator and a Vietnamese message (the Excel upload names the cell instead). */
export interface ValueProblem {
  indicator: string;
  message: string;
}

const fmt = (n: number) => n.toLocaleString('vi-VN');

/** The indicators a unit of this kind fills (those assigned to its kind, or to everyone). */
export const indicatorsFor = (def: RegimeDefinition, unitKind: string): Figure[] =>
  indicatorsOf(def).filter((i) => !i.responsible || i.responsible.includes(unitKind as never));

/**
 * Reads one figure as its indicator's type: numbers (with the range and whole-number rules,
 * percentages within 0–100), text. A number may come as text with a Vietnamese decimal comma
 * ("12,5") or thousands dots ("1.250"), as typed into a cell. Empty → null.
 */
export function readValue(ind: IndicatorDef, raw: unknown): { value: Value } | { problem: string } {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { value: null };
  if (ind.type === 'text') {
    if (typeof raw !== 'string' && typeof raw !== 'number') return { problem: 'phải là văn bản' };
    const text = String(raw).normalize('NFC').trim();
    if (text.length > REPORT_TEXT_LIMITS.value) return { problem: `dài quá ${REPORT_TEXT_LIMITS.value.toLocaleString('vi-VN')} ký tự` };
    return { value: text };
  }
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && /^-?[\d.]+(,\d+)?$/.test(raw.trim())) {
    const s = raw.trim();
    n = Number(s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : /^-?\d{1,3}(\.\d{3})+$/.test(s) ? s.replace(/\./g, '') : s);
  } else return { problem: `"${String(raw).slice(0, 40)}" không phải là số` };
  if (!Number.isFinite(n)) return { problem: 'không phải là số' };
  if (ind.integer && !Number.isInteger(n)) return { problem: `phải là số nguyên (nhận được ${fmt(n)})` };
  const min = ind.min ?? (ind.type === 'percent' ? 0 : undefined);
  const max = ind.max ?? (ind.type === 'percent' ? 100 : undefined);
  if (min !== undefined && n < min) return { problem: `không được nhỏ hơn ${fmt(min)} (nhận được ${fmt(n)})` };
  if (max !== undefined && n > max) return { problem: `không được lớn hơn ${fmt(max)} (nhận được ${fmt(n)})` };
  return { value: n };
}

/** Reads every given figure; unknown indicators and indicators of another unit's kind are refused. */
export function readValues(def: RegimeDefinition, unitKind: string, raw: Record<string, unknown>): { values: Record<string, Value>; problems: ValueProblem[] } {
  const mine = new Map(indicatorsFor(def, unitKind).map((i) => [i.code, i]));
  const values: Record<string, Value> = {};
  const problems: ValueProblem[] = [];
  for (const [code, v] of Object.entries(raw)) {
    const ind = mine.get(code);
    if (!ind) {
      problems.push({ indicator: code, message: 'không phải chỉ tiêu đơn vị này báo cáo' });
      continue;
    }
    const read = readValue(ind, v);
    if ('problem' in read) problems.push({ indicator: code, message: `${ind.number} ${ind.name}: ${read.problem}` });
    else values[code] = read.value;
  }
  return { values, problems };
}

/** Before submitting: every required figure given, and every sum check holds. */
export function completenessProblems(def: RegimeDefinition, unitKind: string, values: Record<string, Value>): ValueProblem[] {
  const mine = indicatorsFor(def, unitKind);
  const problems: ValueProblem[] = [];
  for (const ind of mine) if (ind.required && (values[ind.code] === null || values[ind.code] === undefined)) problems.push({ indicator: ind.code, message: `${ind.number} ${ind.name}: chưa nhập` });
  const byCode = new Map(mine.map((i) => [i.code, i]));
  for (const check of checksOf(def)) {
    if (!byCode.has(check.total) || check.parts.some((p) => !byCode.has(p))) continue;
    const total = values[check.total];
    const parts = check.parts.map((p) => values[p]);
    if (typeof total !== 'number' || parts.some((p) => typeof p !== 'number')) continue;
    const sum = (parts as number[]).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - total) > 1e-9) {
      const t = byCode.get(check.total)!;
      const first = byCode.get(check.parts[0]!)!;
      const parts = first.cell ? `cột "${first.name.split(': ').pop()}" của các dòng ${first.name.split(' — ')[0]}` : check.parts.map((p) => byCode.get(p)!.number).join(' + ');
      problems.push({ indicator: check.total, message: `${t.number} ${t.name} (${fmt(total)}) phải bằng tổng ${parts} (${fmt(sum)})` });
    }
  }
  return problems;
}
