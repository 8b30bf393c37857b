import { z } from 'zod';

/**
 * A regime's content as data (reporting_regime_versions.definition), checked with this schema
 * when a version is stored and when it is read. domain.md §10 (NĐ 09/2019 Art. 7, 12).
 */
export const PERIOD_TYPES = ['month', 'quarter', 'half', 'nine_months', 'year', 'ad_hoc'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];
export const AGGREGATIONS = ['sum', 'average', 'weighted_average', 'concat', 'none'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const AGENCY_KINDS = ['people_committee', 'public_service_center', 'police', 'justice', 'social_insurance', 'finance', 'food_safety'] as const;

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

export const IndicatorDef = z.object({
  code: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,40}$/),
  /** Its number in the template, e.g. "1.2". */
  number: z.string().max(10),
  name: z.string().min(1).max(300),
  type: z.enum(['number', 'percent', 'text']),
  unit: z.string().max(40).default(''),
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

export const SectionDef = z.object({ title: z.string().min(1).max(200), indicators: z.array(IndicatorDef).min(1) });

/** A validation rule across indicators: total = sum of parts. */
export const CheckDef = z.object({ kind: z.literal('sum'), total: z.string(), parts: z.array(z.string()).min(2) });

export const UnitSelector = z.object({ level: z.enum(['tinh', 'xa']), kinds: z.array(z.enum(AGENCY_KINDS)).min(1) });

export const RegimeDefinition = z.object({
  content: z.string().min(1).max(2000),
  /** Reporting units by level and kind of the organisation tree (of the receiving unit's province). */
  reportingUnits: z.array(UnitSelector).min(1),
  /** Receiving unit: the agency of this kind at province level of the reporting unit's province. */
  receiving: z.object({ level: z.literal('tinh'), kind: z.enum(AGENCY_KINDS) }),
  periodTypes: z.array(z.enum(PERIOD_TYPES)).min(1),
  /** Data cut-off: the period runs from this day of the month before to the day before it (15 → 15th…14th; 1 = calendar months). */
  cutoffDay: z.number().int().min(1).max(28),
  /** Due: N working days after the end of the period (working calendar). */
  due: z.object({ workingDaysAfterCutoff: z.number().int().min(0).max(60) }),
  /** Ad hoc (đột xuất) requests: one period with its own dates and units. */
  adHoc: z
    .object({ period: z.string().regex(/^[A-Z0-9-]{2,20}$/), from: z.iso.date(), to: z.iso.date(), dueDate: z.iso.date(), units: z.array(z.string()).min(1), requestedBy: z.string() })
    .optional(),
  sections: z.array(SectionDef).min(1),
  checks: z.array(CheckDef).default([]),
});
export type RegimeDefinition = z.infer<typeof RegimeDefinition>;

export const indicatorsOf = (def: RegimeDefinition): IndicatorDef[] => def.sections.flatMap((s) => s.indicators);
