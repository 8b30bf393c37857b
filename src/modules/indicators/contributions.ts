/**
 * What one dossier (and each of its liên thông steps) adds to the per-unit, per-day aggregates.
 * Pure: the incremental projection subtracts the old contributions and adds the new ones; the
 * rebuild (`indicators.repository.ts` rebuildDaily) computes the same sums in SQL, and a test
 * checks both agree after a random history.
 */

export type Outcome = 'early' | 'on_time' | 'late' | 'withdrawn' | 'stopped';
export type StepOutcome = 'early' | 'on_time' | 'late';

export interface Fact {
  dossierId: string;
  agency: string;
  communeCode: string | null;
  provinceCode: string;
  procedureCode: string;
  sector: string | null;
  officer: string | null;
  channel: 'direct' | 'online' | 'postal';
  /** The dossier's status now (the per-status counts of the leader overview); counts no metric. */
  status: string;
  receivedAt: Date | null;
  receivedDay: string | null;
  dueAt: Date | null;
  dueDay: string | null;
  finishedAt: Date | null;
  finishedDay: string | null;
  outcome: Outcome | null;
  workingDays: number | null;
  onlineEligible: boolean;
  feeBearing: boolean;
  paidOnline: boolean;
  eResult: boolean;
  boundaryFree: boolean;
  ratingDay: string | null;
  dissatisfied: boolean | null;
}

export interface StepFact {
  dossierId: string;
  seq: number;
  agency: string;
  communeCode: string | null;
  provinceCode: string;
  sentDay: string;
  finishedDay: string | null;
  outcome: StepOutcome | null;
}

/** The national unit: every province rolls up into it. */
export const NATIONAL = 'VN';

/** Every metric the aggregates hold (indicator_daily.metric). */
export const METRICS = [
  'received_online',
  'received_direct',
  'received_postal',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  'withdrawn',
  'stopped',
  'working_days_sum',
  'working_days_n',
  'overdue_in',
  'overdue_out',
  'online_eligible',
  'online_eligible_online',
  'fee_bearing',
  'paid_online',
  'e_result',
  'boundary_free',
  'rated',
  'rated_dissatisfied',
  'step_received',
  'step_early',
  'step_on_time',
  'step_late',
] as const;
export type Metric = (typeof METRICS)[number];

/** A metric's place in a running-totals vector (indicator_totals.totals: METRICS order, appended to only). */
export const METRIC_INDEX = new Map<string, number>(METRICS.map((m, i) => [m, i]));

/** What a delta adds to the running totals of one unit from `from` up to (not including) `until`. */
export interface TotalsSegment {
  unit: string;
  from: string;
  until: string | null;
  add: number[];
}

/**
 * The change of the running totals a delta makes: per unit, from each changed day up to the
 * next one, the vector of the deltas on or before that day (a row of day D gains Σ deltas ≤ D).
 */
export function totalsDelta(rows: Contribution[]): TotalsSegment[] {
  const byUnit = new Map<string, Contribution[]>();
  for (const r of rows) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r]);
  const out: TotalsSegment[] = [];
  for (const unit of [...byUnit.keys()].sort()) {
    const items = byUnit.get(unit)!;
    const days = [...new Set(items.map((r) => r.day))].sort();
    const running = new Array<number>(METRICS.length).fill(0);
    days.forEach((day, i) => {
      for (const r of items) if (r.day === day) running[METRIC_INDEX.get(r.metric)!] += r.value;
      out.push({ unit, from: day, until: days[i + 1] ?? null, add: [...running] });
    });
  }
  return out;
}

export interface Contribution {
  unit: string;
  day: string;
  metric: Metric;
  value: number;
}

const unitsOf = (f: { agency: string; communeCode: string | null; provinceCode: string }) =>
  [f.agency, f.communeCode, f.provinceCode, NATIONAL].filter((u): u is string => u !== null);

/** A dossier counts once, for its competent agency (and the commune, province and nation above it). */
/** Open dossiers of a unit due at one instant (`indicator_open_due`, migration 0054). */
export interface OpenDue {
  unit: string;
  unitKind: 'agency' | 'commune' | 'province' | 'national';
  dueAt: string;
  n: number;
}

/** A fact's place among the open dossiers: +1 at each of its units at its due instant while it is received, open and due. */
function openDueOf(f: Fact): OpenDue[] {
  if (!f.receivedAt || f.finishedAt || !f.dueAt) return [];
  const dueAt = new Date(f.dueAt).toISOString();
  const units: [string | null, OpenDue['unitKind']][] = [[f.agency, 'agency'], [f.communeCode, 'commune'], [f.provinceCode, 'province'], [NATIONAL, 'national']];
  return units.flatMap(([unit, unitKind]) => (unit === null ? [] : [{ unit, unitKind, dueAt, n: 1 }]));
}

/** The change of the open-dossier roll-up from the facts before to the facts after (zeros left out). */
export function openDueDelta(before: Fact[], after: Fact[]): OpenDue[] {
  const sum = new Map<string, OpenDue>();
  const add = (rows: OpenDue[], sign: number) => {
    for (const r of rows) {
      const key = `${r.unit}|${r.dueAt}`;
      const held = sum.get(key) ?? { ...r, n: 0 };
      held.n += sign * r.n;
      sum.set(key, held);
    }
  };
  add(before.flatMap(openDueOf), -1);
  add(after.flatMap(openDueOf), 1);
  return [...sum.values()].filter((r) => r.n !== 0);
}

export function factContributions(f: Fact): Contribution[] {
  if (!f.receivedDay) return []; // not received (yet): nothing to count
  const items: [string | null, Metric, number][] = [[f.receivedDay, `received_${f.channel}`, 1]];
  if (f.outcome && f.finishedDay) {
    if (f.outcome === 'withdrawn' || f.outcome === 'stopped') items.push([f.finishedDay, f.outcome, 1]);
    else {
      items.push([f.finishedDay, `resolved_${f.outcome}`, 1]);
      if (f.workingDays !== null) items.push([f.finishedDay, 'working_days_sum', f.workingDays], [f.finishedDay, 'working_days_n', 1]);
      if (f.eResult) items.push([f.finishedDay, 'e_result', 1]);
    }
  }
  // A dossier finished after its due day was pending overdue at the end of day T ⇔ dueDay ≤ T <
  // finishedDay: both days are past when it is counted. A dossier still open adds nothing here:
  // its due day may lie in the future, and a future-dated row would make every later event
  // rewrite the running totals up to it; the open overdue ones are counted from the fact rows.
  if (f.dueDay && f.finishedDay && f.dueDay < f.finishedDay) items.push([f.dueDay, 'overdue_in', 1], [f.finishedDay, 'overdue_out', 1]);
  if (f.onlineEligible) {
    items.push([f.receivedDay, 'online_eligible', 1]);
    if (f.channel === 'online') items.push([f.receivedDay, 'online_eligible_online', 1]);
  }
  if (f.feeBearing) {
    items.push([f.receivedDay, 'fee_bearing', 1]);
    if (f.paidOnline) items.push([f.receivedDay, 'paid_online', 1]);
  }
  if (f.boundaryFree) items.push([f.receivedDay, 'boundary_free', 1]);
  if (f.ratingDay) {
    items.push([f.ratingDay, 'rated', 1]);
    if (f.dissatisfied) items.push([f.ratingDay, 'rated_dissatisfied', 1]);
  }
  return spread(unitsOf(f), items);
}

/** A liên thông step counts for the agency holding it, in the step statistics. */
export function stepContributions(s: StepFact): Contribution[] {
  const items: [string | null, Metric, number][] = [[s.sentDay, 'step_received', 1]];
  if (s.outcome && s.finishedDay) items.push([s.finishedDay, `step_${s.outcome}`, 1]);
  return spread(unitsOf(s), items);
}

function spread(units: string[], items: [string | null, Metric, number][]): Contribution[] {
  const out: Contribution[] = [];
  for (const unit of units) for (const [day, metric, value] of items) if (day) out.push({ unit, day, metric, value });
  return out;
}

/** new − old, summed per (unit, day, metric), zeros dropped, sorted (a fixed lock order). */
export function delta(before: Contribution[], after: Contribution[]): Contribution[] {
  const sums = new Map<string, Contribution>();
  const add = (c: Contribution, sign: number) => {
    const key = `${c.unit}\u0000${c.day}\u0000${c.metric}`;
    const cur = sums.get(key);
    if (cur) cur.value += sign * c.value;
    else sums.set(key, { ...c, value: sign * c.value });
  };
  for (const c of before) add(c, -1);
  for (const c of after) add(c, 1);
  return [...sums.entries()]
    .filter(([, c]) => c.value !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => c);
}
