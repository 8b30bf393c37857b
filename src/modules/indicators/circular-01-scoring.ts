import type { Sql } from '#platform/db.ts';
import { type ScoringDossier, scoringReads } from './indicators.repository.ts';
import type { Range } from './periods.ts';
import { type Tt01RuleBook, tt01RuleBookOn } from './rulebook-tt01.ts';
import type { Unit } from './units.ts';

type Points = 0 | 1 | 2;
const TIME: Record<'early' | 'on_time' | 'late', Points> = { early: 2, on_time: 1, late: 0 };

/** What an agency scores on the agency-wide indicators 8 and 9 in the period. */
export interface AgencyInputs {
  feedbackDue: number;
  feedbackOnTime: number;
  dossiers: number;
  online: number;
  onlineLate: number;
}

/** Indicators 8 and 9: one score per agency, given to each of its dossiers. */
export function agencyScores(book: Tt01RuleBook, a: AgencyInputs): { 8: Points; 9: Points } {
  const fb = a.feedbackDue === 0 ? 1 : a.feedbackOnTime / a.feedbackDue; // nothing owed: nothing handled late [?]
  const online = a.dossiers === 0 ? 0 : a.online / a.dossiers;
  return {
    8: fb >= book.feedbackOnTime.two ? 2 : fb >= book.feedbackOnTime.one ? 1 : 0,
    9: online >= book.onlineShare.two && a.onlineLate === 0 ? 2 : online >= book.onlineShare.one ? 1 : 0,
  };
}

/** The nine scores of one resolved dossier (index 0 = indicator 1; null = not measured). */
export function scoreDossier(book: Tt01RuleBook, d: ScoringDossier, agency: { 8: Points; 9: Points }): (Points | null)[] {
  const own = TIME[d.outcome];
  const steps = d.stepOutcomes.map((o) => (o ? TIME[o] : 0)); // a step never finished did not keep its time
  const complaint = d.dissatisfied === true || d.feedback > 0;
  const scores: Record<number, Points | null> = {
    1: own,
    2: Math.min(own, ...steps) as Points,
    3: d.supplements === 0 ? 2 : d.supplements === 1 ? 1 : 0,
    4: d.channel === 'direct' ? 1 : 2,
    5: null,
    6: d.published ? 2 : 0,
    7: complaint || d.outcome === 'late' ? 0 : own,
    8: agency[8],
    9: agency[9],
  };
  return book.indicators.map((i) => (i.measured ? scores[i.id] : null));
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);

/**
 * GET /api/v1/indicators/circular-01: the Circular 01/2018 evaluation of the dossiers resolved
 * in the period at the unit, per competent agency or per officer in charge, with the unit's
 * total line. Each indicator's score is the mean of its dossiers' scores, to one decimal.
 */
export async function circular01Scoring(tx: Sql, input: { unit: Unit; range: Range; groupBy: 'agency' | 'officer' }) {
  const { unit, range, groupBy } = input;
  const book = tt01RuleBookOn(range.to);
  const dossiers = await scoringReads.resolvedDossiers(tx, unit.kind, unit.code, range.from, range.to);
  const feedback = await scoringReads.feedbackByAgency(tx, unit.kind, unit.code, range.from, range.to);
  const byAgency = new Map<string, AgencyInputs>();
  for (const d of dossiers) {
    const a = byAgency.get(d.agency) ?? { feedbackDue: 0, feedbackOnTime: 0, dossiers: 0, online: 0, onlineLate: 0 };
    a.dossiers += 1;
    if (d.channel === 'online') {
      a.online += 1;
      if (d.outcome === 'late') a.onlineLate += 1;
    }
    byAgency.set(d.agency, a);
  }
  for (const f of feedback) {
    const a = byAgency.get(f.agency);
    if (a) Object.assign(a, { feedbackDue: f.due, feedbackOnTime: f.onTime });
  }
  const agencyPoints = new Map([...byAgency].map(([k, a]) => [k, agencyScores(book, a)]));
  const scored = dossiers.map((d) => ({ d, scores: scoreDossier(book, d, agencyPoints.get(d.agency)!) }));
  const officerIdx = book.indicators.flatMap((i, n) => (i.officer && i.measured ? [n] : []));

  const line = (key: string, name: string | null, items: typeof scored) => {
    const scores = book.indicators.map((ind, n) => (ind.measured ? mean(items.map((s) => s.scores[n]!)) : null));
    const measured = scores.filter((s): s is number => s !== null);
    const total = items.length ? Math.round(measured.reduce((a, b) => a + b, 0) * 10) / 10 : null;
    const officerTotal = items.length ? Math.round(officerIdx.reduce((a, n) => a + (scores[n] ?? 0), 0) * 10) / 10 : null;
    const bandOf = <B extends { min: number }>(bands: B[], v: number | null) => (v === null ? null : (bands.find((b) => v >= b.min) ?? null));
    const band = groupBy === 'officer' && key !== '' ? bandOf(book.officerBands, officerTotal) : bandOf(book.agencyBands, total);
    return {
      key,
      name,
      dossiers: items.length,
      scores,
      total,
      officerTotal,
      measuredMax: 2 * book.indicators.filter((i) => i.measured).length,
      band: band ? { code: band.band, name: band.name } : null,
    };
  };

  const groups = new Map<string, { name: string | null; items: typeof scored }>();
  for (const s of scored) {
    const key = groupBy === 'agency' ? s.d.agency : (s.d.officer ?? '');
    const name = groupBy === 'agency' ? s.d.agencyName : s.d.officerName;
    const g = groups.get(key) ?? { name, items: [] };
    g.items.push(s);
    groups.set(key, g);
  }
  const rows = [...groups].map(([key, g]) => line(key, g.name, g.items)).sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.key.localeCompare(b.key));
  return {
    unit: unit.code,
    unitName: unit.name,
    from: range.from,
    to: range.to,
    groupBy,
    ruleBook: { version: book.version, source: book.source },
    indicators: book.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      nameEn: i.nameEn,
      levels: i.levels,
      measured: i.measured,
      missingReason: i.missingReason ?? null,
      verification: i.verification,
      officer: i.officer,
    })),
    total: line(unit.code, unit.name, scored),
    rows,
  };
}
