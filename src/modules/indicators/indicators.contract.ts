import { z } from 'zod';
import { MAP_INDICATORS } from './command-center.ts';
import { FIGURES } from './figures.ts';
import { PERIOD_PATTERN } from './periods.ts';
import { GROUP_BY } from './tthc-statistics.ts';

/** Every schema of the indicators routes: params, querystrings and a response per success status. */

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Period = z.string().regex(PERIOD_PATTERN, '2026-03, 2026-Q1, 2026-H1, 2026-9M, 2026');
/** `VN`, a province code, a commune code or an agency identifier. */
const UnitCode = z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9.\-_]+$/);
const Page = { limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) };

export const StatisticsQuery = z.object({
  unit: UnitCode.optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  period: Period.optional(),
  groupBy: z.enum(GROUP_BY).default('none'),
});
export const StatisticsExportQuery = StatisticsQuery;
export const StatisticsDossiersQuery = z.object({
  unit: UnitCode.optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  period: Period.optional(),
  figure: z.enum(FIGURES),
  /** One line of the statistics grouped by procedure, sector or officer: `groupBy` and the line's `key` ('' = none recorded). */
  groupBy: z.enum(['procedure', 'sector', 'officer']).optional(),
  key: z.string().trim().max(100).regex(/^[\p{L}\p{N} .,\-_/()]*$/u).optional(),
  ...Page,
});
export const IndexQuery = z.object({ unit: UnitCode.optional(), period: Period.optional() });
export const IndicatorParams = z.object({ indicatorId: z.string().regex(/^\d\.(\d|x)$/) });
export const IndicatorDossiersQuery = z.object({
  unit: UnitCode.optional(),
  period: Period.optional(),
  side: z.enum(['numerator', 'denominator']),
  ...Page,
});
export const MapQuery = z.object({ unit: UnitCode.optional(), period: Period.optional(), indicator: z.enum(MAP_INDICATORS).default('onTimeRate') });
export const StreamQuery = z.object({ unit: UnitCode.optional(), lastEventId: z.string().max(40).optional() });
export const TasksQuery = z.object({ unit: UnitCode.optional(), show: z.enum(['open', 'due_soon', 'overdue']).default('open') });
export const TasksOut = z.object({
  unit: z.string(),
  show: z.enum(['open', 'due_soon', 'overdue']),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      bodyCode: z.string(),
      conclusion: z.object({ id: z.string(), number: z.string(), title: z.string() }),
      assignee: z.object({ code: z.string(), name: z.string() }),
      dueDate: z.string(),
      status: z.string(),
      overdue: z.boolean(),
    }),
  ),
});
export type TasksOut = z.infer<typeof TasksOut>;
export const OverdueQuery = z.object({ unit: UnitCode.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const SavingsParameterBody = z.object({
  key: z.enum(['tripsPerDossier', 'hoursPerTrip', 'boundaryFreeHours', 'sheetsPerDossier', 'sheetsPerResult']),
  value: z.number().min(0).max(10_000),
  effectiveFrom: LocalDate,
  source: z.string().trim().min(3).max(500),
});

const Row = z.object({
  key: z.string(),
  name: z.string().nullable(),
  received: z.number(),
  receivedOnline: z.number(),
  receivedDirect: z.number(),
  receivedPostal: z.number(),
  carriedOver: z.number(),
  resolvedEarly: z.number(),
  resolvedOnTime: z.number(),
  resolvedLate: z.number(),
  pendingInTime: z.number(),
  pendingOverdue: z.number(),
  withdrawn: z.number(),
  stopped: z.number(),
  averageWorkingDays: z.number().nullable(),
});
export const StatisticsOut = z.object({
  unit: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(GROUP_BY),
  total: Row,
  rows: z.array(Row),
});

const Indicator = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  ratio: z.number().nullable(),
  unit: z.enum(['ratio', 'days']),
  target: z.number().nullable(),
  points: z.number().nullable(),
  max: z.number(),
  missing: z.boolean(),
  missingReason: z.string().nullable(),
  verification: z.string(),
});
export const IndexOut = z.object({
  unit: z.string(),
  unitName: z.string(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  ruleBook: z.object({ version: z.string(), source: z.string() }),
  total: z.number().nullable(),
  measuredMax: z.number(),
  max: z.number(),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      nameEn: z.string(),
      max: z.number(),
      score: z.number().nullable(),
      measuredMax: z.number(),
      indicators: z.array(Indicator),
    }),
  ),
});

const DossierItem = z.object({
  id: z.string(),
  code: z.string().nullable(),
  procedureCode: z.string(),
  procedureName: z.string().nullable(),
  agencyCode: z.string(),
  agencyName: z.string(),
  channel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  applicantName: z.string(),
  masked: z.boolean(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  overdue: z.boolean(),
});
export const DossierListOut = z.object({
  unit: z.string(),
  from: z.string(),
  to: z.string(),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  items: z.array(DossierItem),
  /**
   * At the national node: the provinces of the unit whose dossiers are held by another
   * installation (it sent only aggregates): their dossiers are not in `items`, they are listed there.
   */
  elsewhere: z.array(z.object({ code: z.string(), name: z.string() })),
});

const Param = z.object({ value: z.number(), unit: z.string(), source: z.string(), effectiveFrom: z.string().nullable() });
export const CommandCenterOut = z.object({
  unit: z.string(),
  unitName: z.string(),
  unitKind: z.enum(['national', 'province', 'commune', 'agency']),
  /** The SSE event name of /api/v1/indicators/stream?unit= that tells these figures moved. */
  liveTopic: z.string(),
  at: z.string(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  tiles: z.object({
    receivedToday: z.number(),
    inProgress: z.number(),
    overdue: z.number(),
    onTimeRate: z.number().nullable(),
    onlineShare: z.number().nullable(),
    satisfaction: z.number().nullable(),
    index766: z.number().nullable(),
    index766MeasuredMax: z.number(),
  }),
  period766: z.object({ total: z.number().nullable(), measuredMax: z.number(), max: z.number() }),
  /** Tasks assigned from conclusions (e-Cabinet) to the unit's agencies, now: open, due soon (today to `dueSoonUntil`), overdue. */
  tasks: z.object({ open: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int(), dueSoonUntil: z.string() }),
  trend: z.array(z.object({ day: z.string(), receivedOnline: z.number(), receivedOther: z.number(), resolvedOnTime: z.number(), resolvedLate: z.number() })),
  overdueByAgency: z.array(z.object({ agencyCode: z.string(), agencyName: z.string(), count: z.number(), oldestDueAt: z.string() })),
  savings: z.object({
    tripsAvoided: z.number(),
    hoursAvoided: z.number(),
    sheetsSaved: z.number(),
    method: z.string(),
    parameters: z.record(z.string(), Param),
  }),
});
export const MapOut = z.object({
  unit: z.string(),
  indicator: z.enum(MAP_INDICATORS),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string(), value: z.number().nullable(), received: z.number(), rank: z.number().nullable() })),
});
export const OverdueOut = z.object({
  unit: z.string(),
  items: z.array(DossierItem.extend({ assigneeName: z.string().nullable(), currentAgencyCode: z.string(), currentAgencyName: z.string(), daysLate: z.number() })),
});
export const SavingsParametersOut = z.object({ parameters: z.record(z.string(), Param) });
export const HomeOut = z.object({ unit: z.string(), unitName: z.string(), unitKind: z.string(), readOnly: z.boolean() });

export const Circular01Query = z.object({
  unit: UnitCode.optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  period: Period.optional(),
  groupBy: z.enum(['agency', 'officer']).default('agency'),
});
const ScoreLine = z.object({
  key: z.string(),
  name: z.string().nullable(),
  dossiers: z.number(),
  /** One mean score (0–2, one decimal) per indicator, in the rule book's order; null: not measured or no dossier. */
  scores: z.array(z.number().nullable()),
  total: z.number().nullable(),
  /** The sum over the indicators counted for the officer in charge. */
  officerTotal: z.number().nullable(),
  measuredMax: z.number(),
  band: z.object({ code: z.string(), name: z.string() }).nullable(),
});
export const Circular01Out = z.object({
  unit: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['agency', 'officer']),
  ruleBook: z.object({ version: z.string(), source: z.string() }),
  indicators: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      nameEn: z.string(),
      levels: z.array(z.string()),
      measured: z.boolean(),
      missingReason: z.string().nullable(),
      verification: z.string(),
      officer: z.boolean(),
    }),
  ),
  total: ScoreLine,
  rows: z.array(ScoreLine),
});

/** A part of one installation's aggregates, signed with its node key (POST /api/v1/indicators/aggregates, national node). */
export const AggregatesChunk = z.object({
  nodeId: z.string().min(1).max(100),
  /** When the snapshot was taken (the same for every part): an older one arriving late changes nothing. */
  generation: z.iso.datetime({ offset: true }),
  part: z.number().int().min(1).max(100_000),
  parts: z.number().int().min(1).max(100_000),
  /** Metric names, the order of every day's values. */
  metrics: z.array(z.string().regex(/^[a-z_]{1,40}$/)).min(1).max(100),
  units: z
    .array(
      z.object({
        unit: UnitCode,
        /** [day, values in the order of `metrics`]. */
        days: z.array(z.tuple([LocalDate, z.array(z.number().int().min(-1e12).max(1e12)).max(100)])).max(20_000),
        /** [due instant, open dossiers]: the dossiers of the unit still open, by due instant. */
        open: z.array(z.tuple([z.iso.datetime({ offset: true }), z.number().int().positive()])).max(50_000),
      }),
    )
    .min(1)
    .max(5_000),
  /** On the last part: every unit of the snapshot (units the node sent before and no longer has are dropped). */
  allUnits: z.array(UnitCode).max(200_000).optional(),
  // optional here so that an unsigned part is refused as such (422), not as malformed input
  signature: z.string().max(4000).optional(),
  certificates: z.array(z.string().max(20_000)).max(6).optional(),
});
export const AggregatesAnswer = z.object({ node: z.string(), applied: z.number(), stale: z.number() });
export const AggregateSourcesOut = z.object({
  items: z.array(z.object({ node: z.string(), units: z.number(), provinces: z.array(z.string()), generation: z.string(), receivedAt: z.string() })),
});
