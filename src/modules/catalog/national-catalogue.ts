import type { Level } from './catalog.types.ts';

/**
 * The national catalogue records of `seed/procedures-catalogue/procedures.jsonl` (one JSON object
 * a line, see its README) translated into entries of the procedure file. Pure: no database.
 * Only what a record states is carried over; a deadline without a unit, a fee that is not a
 * plain amount, a quantity of papers the record does not give stay unknown (null, `unknown`,
 * `quantityUnknown`) — an administrator completes them by publishing a version.
 */

interface NationalMethod {
  method: string;
  time_text: string | null;
  fees: string[] | null;
  note: string | null;
}

/** One line of `procedures.jsonl` (only the keys the import reads). */
export interface NationalRecord {
  code: string;
  name_vi: string;
  sector_vi: string | null;
  level: string | null;
  levels: string[];
  agency_vi: string | null;
  authority_vi: string | null;
  issuing_body_vi: string | null;
  decision_vi: string | null;
  target_vi: string | null;
  processing_time_text: string | null;
  processing_days: number | null;
  processing_time_unit: 'working_days' | 'calendar_days' | null;
  fee_text: string | null;
  submission_methods: NationalMethod[];
  components: string[];
  component_groups?: { case: string | null; items: string[] }[];
  legal_basis: string[];
  legal_basis_text: string | null;
  online_submission: boolean;
  detail_url: string | null;
}

const LEVELS: Record<string, Level> = { central: 'bo', province: 'tinh', commune: 'xa' };
const METHODS: Record<string, 'truc_tiep' | 'truc_tuyen' | 'buu_chinh'> = {
  'Trực tiếp': 'truc_tiep',
  'Trực tuyến': 'truc_tuyen',
  'Dịch vụ bưu chính': 'buu_chinh',
};

/** A record is a national catalogue line (not a file entry) when it has these keys. */
export function isNationalRecord(value: unknown): value is NationalRecord {
  const v = value as Partial<NationalRecord> | null;
  return !!v && typeof v === 'object' && typeof v.code === 'string' && Array.isArray(v.levels) && Array.isArray(v.submission_methods);
}

/** Reads a JSON Lines text; a line that is not JSON is returned as its problem. */
export function parseJsonLines(text: string): { records: unknown[]; problems: string[] } {
  const records: unknown[] = [];
  const problems: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      problems.push(`dòng ${i + 1}: không phải JSON (${(error as Error).message})`);
    }
  }
  return { records, problems };
}

const clean = (value: string | null | undefined) => {
  const text = value?.normalize('NFC').replace(/\s+/g, ' ').trim();
  return text ? text : null;
};

/** "Miễn phí" with nothing else said. */
const plainlyFree = (fee: string) => /^Miễn phí\.?$/i.test(fee.trim());
/** "Miễn phí (Mức lệ phí … do Hội đồng nhân dân tỉnh … quyết định …)": set by the province, whatever the first word says. */
const byProvince = (fee: string) => /Hội đồng nhân dân|HĐND/i.test(fee);

/**
 * The fee rules a record supports. Free when every channel says only "Miễn phí"; set by the
 * province when the text says so; otherwise `unknown` with the published text as its note (the
 * per-channel amounts are shown as published in the channels, not turned into numbers here).
 */
function feeFieldsOf(record: NationalRecord): { fee_vnd?: number; fee_note: string | null } {
  const fees = record.submission_methods.flatMap((m) => m.fees ?? []);
  if (fees.length > 0 && fees.every(plainlyFree)) return { fee_vnd: 0, fee_note: null };
  const text = clean(record.fee_text);
  if (text && byProvince(text)) return { fee_note: `Theo mức thu của Hội đồng nhân dân cấp tỉnh. ${text}`.slice(0, 4000) };
  return { fee_note: text ? text.slice(0, 4000) : null };
}

const OPTIONAL = /(^|[\s(,;-])(nếu có|trường hợp|đối với trường hợp)([\s),;:.]|$)/iu;

function componentsOf(record: NationalRecord) {
  const groups = record.component_groups?.length ? record.component_groups : [{ case: null, items: record.components }];
  const items = groups.flatMap((g) => g.items.map((name) => ({ name, group: clean(g.case) })));
  return items
    .map((item) => ({ ...item, name: clean(item.name) }))
    .filter((item): item is { name: string; group: string | null } => item.name !== null)
    .slice(0, 300)
    .map((item, i) => ({
      code: `TP${i + 1}`,
      name: item.name,
      original: 0,
      copy: 0,
      required: !OPTIONAL.test(item.name),
      quantityUnknown: true,
      ...(item.group ? { group: item.group } : {}),
    }));
}

/**
 * "Nghị định số 123/2015/NĐ-CP": the kind of document read from its number. A number of the
 * National Assembly (`…/QH15`) is a law or a resolution; the words just before it in the
 * published legal-basis text decide, else it is named only as a document of the National Assembly.
 */
function citationOf(number: string, text: string | null): string {
  const n = number.trim();
  const kind = (() => {
    if (/\/QH\d+$/.test(n)) {
      const at = text?.indexOf(n) ?? -1;
      const before = at > 0 ? (text as string).slice(Math.max(0, at - 160), at) : '';
      const last = [...before.matchAll(/Bộ luật|Luật|Nghị quyết|LUẬT|NGHỊ QUYẾT/g)].at(-1)?.[0].toLowerCase();
      if (last === 'bộ luật') return 'Bộ luật';
      if (last === 'luật') return 'Luật';
      if (last === 'nghị quyết') return 'Nghị quyết';
      return null;
    }
    if (/\/NĐ-CP$/.test(n)) return 'Nghị định';
    if (/\/TTLT-/.test(n)) return 'Thông tư liên tịch';
    if (/\/TT-/.test(n)) return 'Thông tư';
    if (/\/QĐ-/.test(n)) return 'Quyết định';
    if (/\/NQ-|\/NQ$/.test(n)) return 'Nghị quyết';
    if (/\/CT-/.test(n)) return 'Chỉ thị';
    return 'Văn bản';
  })();
  return kind ? `${kind} số ${n}` : `Văn bản số ${n} của Quốc hội`;
}

/** The procedure file entry for one national record. */
export function fromNationalRecord(record: NationalRecord): Record<string, unknown> {
  const levels = [...new Set(record.levels.map((l) => LEVELS[l]).filter((l): l is Level => !!l))];
  // The level a citizen meets first: the commune where the procedure runs there, else the province.
  const level: Level = levels.includes('xa') ? 'xa' : levels.includes('tinh') ? 'tinh' : levels.includes('bo') ? 'bo' : 'tinh';
  // A whole number of (working) days; a fraction ("0,5 ngày") is kept as the published text.
  const known = Number.isInteger(record.processing_days) && record.processing_time_unit != null;
  const channels = record.submission_methods
    .filter((m) => METHODS[m.method])
    .map((m) => ({
      method: METHODS[m.method],
      deadline: clean(m.time_text),
      fees: (m.fees ?? []).map(clean).filter((f): f is string => f !== null),
      note: clean(m.note),
    }));
  return {
    code: record.code,
    name_vi: clean(record.name_vi),
    level,
    levels: levels.length ? [level, ...levels.filter((l) => l !== level)] : [level],
    agency_type: clean(record.agency_vi) ?? clean(record.authority_vi),
    processing_days: known ? record.processing_days : null,
    processing_time_unit: known ? record.processing_time_unit : 'working_days',
    processing_note: known ? null : clean(record.processing_time_text),
    ...feeFieldsOf(record),
    components: componentsOf(record),
    legal_basis: [...new Set(record.legal_basis.map(clean).filter((l) => l !== null))].map((n) => citationOf(n, record.legal_basis_text)),
    sector: clean(record.sector_vi),
    target: clean(record.target_vi),
    channels,
    online_submission: record.online_submission,
    issuing_body: clean(record.issuing_body_vi),
    decision: clean(record.decision_vi),
    portal_url: record.detail_url ?? null,
    source: ['Cơ sở dữ liệu quốc gia về thủ tục hành chính (dichvucong.gov.vn)'],
  };
}
