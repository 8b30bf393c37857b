import type { StatisticsRow } from './tthc-statistics.ts';

/**
 * The dossier sets behind every figure: their counts (from the aggregates, via StatisticsRow and
 * the extra sums) and the SQL predicate over `indicator_facts f` that lists them (drill-down).
 * Parameters in the predicates: $from, $to (inclusive local dates), $today, $now.
 */
export const FIGURES = [
  'received',
  'receivedOnline',
  'receivedDirect',
  'receivedPostal',
  'carriedOver',
  'resolved',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'pending',
  'pendingInTime',
  'pendingOverdue',
  'withdrawn',
  'stopped',
  'onlineEligible',
  'onlineEligibleOnline',
  'feeBearing',
  'paidOnline',
  'eResult',
  'rated',
  'dissatisfied',
  'boundaryFree',
] as const;
export type Figure = (typeof FIGURES)[number];

const RECEIVED = 'f.received_day BETWEEN $from AND $to';
const FINISHED = (outcomes: string) => `(f.finished_day BETWEEN $from AND $to AND f.outcome IN (${outcomes}))`;
const PENDING = '(f.received_day <= $to AND (f.finished_day IS NULL OR f.finished_day > $to))';
const OVERDUE = `(CASE WHEN $to < $today THEN f.due_day <= $to ELSE f.due_at < $now END)`;

export const figurePredicates: Record<Figure, string> = {
  received: RECEIVED,
  receivedOnline: `${RECEIVED} AND f.channel = 'online'`,
  receivedDirect: `${RECEIVED} AND f.channel = 'direct'`,
  receivedPostal: `${RECEIVED} AND f.channel = 'postal'`,
  carriedOver: 'f.received_day < $from AND (f.finished_day IS NULL OR f.finished_day >= $from)',
  resolved: FINISHED(`'early', 'on_time', 'late'`),
  resolvedEarly: FINISHED(`'early'`),
  resolvedOnTime: FINISHED(`'on_time'`),
  resolvedLate: FINISHED(`'late'`),
  pending: PENDING,
  pendingInTime: `${PENDING} AND NOT coalesce(${OVERDUE}, false)`,
  pendingOverdue: `${PENDING} AND coalesce(${OVERDUE}, false)`,
  withdrawn: FINISHED(`'withdrawn'`),
  stopped: FINISHED(`'stopped'`),
  onlineEligible: `${RECEIVED} AND f.online_eligible`,
  onlineEligibleOnline: `${RECEIVED} AND f.online_eligible AND f.channel = 'online'`,
  feeBearing: `${RECEIVED} AND f.fee_bearing`,
  paidOnline: `${RECEIVED} AND f.fee_bearing AND f.paid_online`,
  eResult: `${FINISHED(`'early', 'on_time', 'late'`)} AND f.e_result`,
  rated: 'f.rating_day BETWEEN $from AND $to',
  dissatisfied: 'f.rating_day BETWEEN $from AND $to AND f.dissatisfied',
  boundaryFree: `${RECEIVED} AND f.boundary_free`,
};

/** Range sums of the metrics that are not in the statistics row. */
export type ExtraSums = Record<
  'online_eligible' | 'online_eligible_online' | 'fee_bearing' | 'paid_online' | 'e_result' | 'rated' | 'rated_dissatisfied' | 'boundary_free' | 'working_days_sum' | 'working_days_n',
  number
>;

export function figureCounts(row: StatisticsRow, extra: ExtraSums): Record<Figure, number> {
  const resolved = row.resolvedEarly + row.resolvedOnTime + row.resolvedLate;
  return {
    received: row.received,
    receivedOnline: row.receivedOnline,
    receivedDirect: row.receivedDirect,
    receivedPostal: row.receivedPostal,
    carriedOver: row.carriedOver,
    resolved,
    resolvedEarly: row.resolvedEarly,
    resolvedOnTime: row.resolvedOnTime,
    resolvedLate: row.resolvedLate,
    pending: row.pendingInTime + row.pendingOverdue,
    pendingInTime: row.pendingInTime,
    pendingOverdue: row.pendingOverdue,
    withdrawn: row.withdrawn,
    stopped: row.stopped,
    onlineEligible: extra.online_eligible,
    onlineEligibleOnline: extra.online_eligible_online,
    feeBearing: extra.fee_bearing,
    paidOnline: extra.paid_online,
    eResult: extra.e_result,
    rated: extra.rated,
    dissatisfied: extra.rated_dissatisfied,
    boundaryFree: extra.boundary_free,
  };
}
