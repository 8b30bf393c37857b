import { z } from 'zod';

/**
 * A regime's content as data (reporting_regime_versions.definition), checked with this schema
 * when a version is stored and when it is read. domain.md §10 (NĐ 09/2019 Art. 7, 12).
 */
export const PERIOD_TYPES = ['month', 'quarter', 'half', 'nine_months', 'year', 'ad_hoc'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];
export const AGGREGATIONS = ['sum', 'average', 'weighted_average', 'concat', 'none'] as const;
export const AGENCY_KINDS = ['people_committee', 'public_service_center', 'police', 'justice', 'social_insurance', 'finance', 'food_safety', 'ministry', 'ministry_unit'] as const;

/** The dossier figures a TTHC indicator may be pre-filled from (the indicators read model). */
export const PREFILL_SOURCES = [
  'tthc.received',
  'tthc.receivedOnline',
  'tthc.receivedDirect',
  'tthc.receivedPostal',
  'tthc.carriedOver',
  'tthc.resolvedEarly',
  'tthc.resolvedOnTime',
  'tthc.resolvedLate',
  'tthc.pendingInTime',
  'tthc.pendingOverdue',
  'tthc.resolved',
  'tthc.pending',
  'tthc.onTimeRate',
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

/** A column of a table indicator: a figure of each row, with its own type, range and aggregation rule. */
export const ColumnDef = z.object({
  code: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,20}$/),
  name: z.string().min(1).max(200),
  type: z.enum(['number', 'percent', 'text']),
  unit: z.string().max(40).default(''),
  integer: z.boolean().default(false),
  min: z.number().optional(),
  max: z.number().optional(),
  aggregation: z.enum(AGGREGATIONS),
  /** Another column of the same row weighing a weighted average. */
  weight: z.string().optional(),
  prefill: z.enum(PREFILL_SOURCES).optional(),
  /** The rows of this column add up to this (scalar) indicator of the report: checked at submission. */
  totalOf: z.string().optional(),
});
export type ColumnDef = z.infer<typeof ColumnDef>;

/**
 * A row of a table indicator. `sectors` names the catalogue's sectors (lĩnh vực) whose dossiers
 * pre-fill the row; `other` gathers the dossiers of every sector no other row names.
 */
export const RowDef = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,20}$/),
  label: z.string().min(1).max(200),
  sectors: z.array(z.string().min(1)).optional(),
  other: z.boolean().optional(),
});
export type RowDef = z.infer<typeof RowDef>;

export const IndicatorDef = z.object({
  code: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,40}$/),
  /** Its number in the template, e.g. "1.2". */
  number: z.string().max(10),
  name: z.string().min(1).max(300),
  type: z.enum(['number', 'percent', 'text', 'table']),
  unit: z.string().max(40).default(''),
  /** A table (type `table`): its fixed rows and its columns; every cell is a figure of its own. */
  rows: z.array(RowDef).min(1).max(60).optional(),
  columns: z.array(ColumnDef).min(1).max(20).optional(),
  /** Whole numbers only (counts of dossiers, births…). */
  integer: z.boolean().default(false),
  min: z.number().optional(),
  max: z.number().optional(),
  required: z.boolean().default(true),
  aggregation: z.enum(AGGREGATIONS),
  /** The indicator weighing a weighted average (e.g. a rate weighed by the number resolved). */
  weight: z.string().optional(),
  prefill: z.enum(PREFILL_SOURCES).optional(),
  /** Which kinds of reporting unit fill it (assigned to responsible departments); all when absent. */
  responsible: z.array(z.enum(AGENCY_KINDS)).optional(),
});
export type IndicatorDef = z.infer<typeof IndicatorDef>;

const TableChecked = IndicatorDef.superRefine((ind, ctx) => {
  if (ind.type !== 'table') {
    if (ind.rows || ind.columns) ctx.addIssue({ code: 'custom', message: 'rows/columns only for a table', path: ['rows'] });
    return;
  }
  if (!ind.rows || !ind.columns) return ctx.addIssue({ code: 'custom', message: 'a table needs rows and columns', path: ['columns'] });
  const dup = (xs: string[]) => xs.find((x, i) => xs.indexOf(x) !== i);
  if (dup(ind.rows.map((r) => r.key))) ctx.addIssue({ code: 'custom', message: 'row keys must be unique', path: ['rows'] });
  if (dup(ind.columns.map((c) => c.code))) ctx.addIssue({ code: 'custom', message: 'column codes must be unique', path: ['columns'] });
  if (ind.rows.filter((r) => r.other).length > 1) ctx.addIssue({ code: 'custom', message: 'one "other" row at most', path: ['rows'] });
  for (const c of ind.columns) if (c.aggregation === 'weighted_average' && !ind.columns.some((w) => w.code === c.weight)) ctx.addIssue({ code: 'custom', message: `column ${c.code}: weight must name a column`, path: ['columns'] });
});

export const SectionDef = z.object({ title: z.string().min(1).max(200), indicators: z.array(TableChecked).min(1) });

/** A validation rule across indicators: total = sum of parts. */
export const CheckDef = z.object({ kind: z.literal('sum'), total: z.string(), parts: z.array(z.string()).min(2) });
export type CheckDef = z.infer<typeof CheckDef>;

export const UnitSelector = z.object({ level: z.enum(['tinh', 'xa', 'tw']), kinds: z.array(z.enum(AGENCY_KINDS)).min(1) });

export const RegimeDefinition = z.object({
  content: z.string().min(1).max(2000),
  /** Reporting units by level and kind of the organisation tree (of the receiving unit's province). */
  reportingUnits: z.array(UnitSelector).min(1),
  /**
   * Receiving unit: the agency of this kind at province level of the reporting unit's province
   * (`tinh`), or — the national step — one central body by its code (`tw`, e.g. Văn phòng Chính phủ
   * 000.00.00.G22), to which the reporting units of every province report; or each reporting unit's
   * parent in the organisation tree when it is of this kind (`parent`: a ministry's Cục and Vụ → the ministry).
   */
  receiving: z.discriminatedUnion('level', [
    z.object({ level: z.literal('tinh'), kind: z.enum(AGENCY_KINDS) }),
    z.object({ level: z.literal('tw'), code: z.string().min(1).max(40) }),
    z.object({ level: z.literal('parent'), kind: z.enum(AGENCY_KINDS) }),
  ]),
  periodTypes: z.array(z.enum(PERIOD_TYPES)).min(1),
  /** Data cut-off: the period runs from this day of the month before to the day before it (15 → 15th…14th; 1 = calendar months). */
  cutoffDay: z.number().int().min(1).max(28),
  /** Due: N working days after the end of the period (working calendar). */
  due: z.object({ workingDaysAfterCutoff: z.number().int().min(0).max(60) }),
  /** Ad hoc (đột xuất) requests: one period with its own dates and units. */
  adHoc: z
    .object({ period: z.string().regex(/^[A-Z0-9-]{2,20}$/), from: z.iso.date(), to: z.iso.date(), dueDate: z.iso.date(), units: z.array(z.string()).min(1), requestedBy: z.string() })
    .optional(),
  /**
   * Pre-fill from the accepted reports the unit itself received under another regime for the same
   * period (their aggregate, indicator by indicator, by this regime's rules) instead of straight
   * from the dossiers, once at least one was accepted — the national step: the province's report
   * from its communes' and departments' accepted `tthc` reports.
   */
  prefillFromAggregate: z.object({ regime: z.string().min(1).max(60) }).optional(),
  sections: z.array(SectionDef).min(1),
  checks: z.array(CheckDef).default([]),
});
export type RegimeDefinition = z.infer<typeof RegimeDefinition>;

/** Where a figure sits when it is a cell of a table indicator. */
export interface CellRef {
  table: string;
  row: string;
  rowLabel: string;
  column: string;
  /** The catalogue sectors that pre-fill the row, or 'other'. */
  sectors?: string[] | 'other';
}
/** A figure of a report: a scalar indicator, or one cell of a table (code `table.row.column`). */
export type Figure = IndicatorDef & { cell?: CellRef };

export const cellCode = (table: string, row: string, column: string) => `${table}.${row}.${column}`;

/** A table indicator's cells, row by row, each a figure with its column's type, range, rule and pre-fill. */
export function cellsOf(t: IndicatorDef): Figure[] {
  if (t.type !== 'table' || !t.rows || !t.columns) return [];
  return t.rows.flatMap((row, i) =>
    t.columns!.map((col) => ({
      code: cellCode(t.code, row.key, col.code),
      number: `${t.number}.${i + 1}`,
      name: `${t.name} — ${row.label}: ${col.name}`,
      type: col.type,
      unit: col.unit,
      integer: col.integer,
      min: col.min,
      max: col.max,
      required: t.required,
      aggregation: col.aggregation,
      weight: col.weight ? cellCode(t.code, row.key, col.weight) : undefined,
      prefill: col.prefill,
      responsible: t.responsible,
      cell: { table: t.code, row: row.key, rowLabel: row.label, column: col.code, sectors: row.other ? 'other' : row.sectors },
    })),
  );
}

/** Every figure of a regime: scalar indicators as they are, tables as their cells. */
export const indicatorsOf = (def: RegimeDefinition): Figure[] => def.sections.flatMap((s) => s.indicators.flatMap((i) => (i.type === 'table' ? cellsOf(i) : [i])));

/** The sum checks of a regime, with each table column's `totalOf` (its rows add up to a scalar indicator). */
export function checksOf(def: RegimeDefinition): CheckDef[] {
  const out: CheckDef[] = [...def.checks];
  for (const t of def.sections.flatMap((s) => s.indicators))
    for (const col of t.columns ?? []) if (col.totalOf && t.rows && t.rows.length >= 2) out.push({ kind: 'sum', total: col.totalOf, parts: t.rows.map((r) => cellCode(t.code, r.key, col.code)) });
  return out;
}
