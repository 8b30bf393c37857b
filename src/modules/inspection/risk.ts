import { createHash } from 'node:crypto';

/**
 * Risk rules of one sector, as data (inspection_rule_sets, with effective dates). A declaration's
 * score is the sum of the factors that apply, each explained in Vietnamese and English; pure.
 */
export interface RiskRules {
  /** Points every declaration of the sector starts with (sector risk). */
  sectorPoints: number;
  sectorLabel: { vi: string; en: string };
  /** Product categories: a declaration whose category contains `match` (case- and accent-insensitive) adds `points`. */
  categories: { match: string; points: number; vi: string; en: string }[];
  /** Points per earlier violation of the declarant (a case concluded `correct` or `sanction`), up to `maxViolations`. */
  perViolation: number;
  maxViolations: number;
  /** Points per earlier correction of a declaration by the declarant, up to `maxCorrections`. */
  perCorrection: number;
  maxCorrections: number;
  /** At or above: high risk (sampled always; `hybrid` procedures appraise first). */
  highRiskThreshold: number;
  /** What the inspector checks on a visit (per sector). */
  checklist: { code: string; vi: string; en: string }[];
}

export interface RiskFactor {
  code: 'sector' | 'category' | 'violations' | 'corrections';
  points: number;
  vi: string;
  en: string;
}

export interface DeclarantHistory {
  violations: number;
  corrections: number;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

/** The score and its factors, factor by factor (only factors that add points are listed, the sector always). */
export function scoreRisk(rules: RiskRules, input: { category: string | null; history: DeclarantHistory }): { score: number; factors: RiskFactor[] } {
  const factors: RiskFactor[] = [{ code: 'sector', points: rules.sectorPoints, vi: rules.sectorLabel.vi, en: rules.sectorLabel.en }];
  const category = input.category ? fold(input.category) : '';
  const hit = category ? rules.categories.find((c) => category.includes(fold(c.match))) : undefined;
  if (hit) factors.push({ code: 'category', points: hit.points, vi: hit.vi, en: hit.en });
  const v = Math.min(input.history.violations, rules.maxViolations);
  if (v > 0) {
    factors.push({
      code: 'violations',
      points: v * rules.perViolation,
      vi: `Đã có ${input.history.violations} lần vi phạm qua hậu kiểm trước đây (+${rules.perViolation} điểm mỗi lần, tối đa ${rules.maxViolations} lần)`,
      en: `${input.history.violations} earlier violation(s) found by post-inspection (+${rules.perViolation} each, up to ${rules.maxViolations})`,
    });
  }
  const c = Math.min(input.history.corrections, rules.maxCorrections);
  if (c > 0) {
    factors.push({
      code: 'corrections',
      points: c * rules.perCorrection,
      vi: `Đã ${input.history.corrections} lần sửa đổi bản công bố (+${rules.perCorrection} điểm mỗi lần, tối đa ${rules.maxCorrections} lần)`,
      en: `${input.history.corrections} earlier correction(s) of a declaration (+${rules.perCorrection} each, up to ${rules.maxCorrections})`,
    });
  }
  return { score: factors.reduce((sum, f) => sum + f.points, 0), factors };
}

export interface Candidate {
  dossierId: string;
  riskScore: number;
  factors: RiskFactor[];
}

export interface DrawReason {
  code: 'high_risk' | 'random';
  vi: string;
  en: string;
}

export interface DrawnItem {
  dossierId: string;
  riskScore: number;
  reasons: DrawReason[];
}

/** Rank of a declaration in a seeded draw: sha256(seed:dossierId), so the same seed gives the same order on any machine. */
const rankKey = (seed: string, dossierId: string) => createHash('sha256').update(`${seed}:${dossierId}`).digest('hex');

/**
 * The sample of a plan (pure, reproducible): every declaration at or above the high-risk
 * threshold, plus at least `minRandomPercent` % of the population (rounded up) drawn at random
 * by the seed — a declaration both high-risk and drawn carries both reasons. Returned in the
 * order: high risk first (highest score first), then the random draw in rank order.
 */
export function drawSample(
  population: readonly Candidate[],
  plan: { minRandomPercent: number; highRiskThreshold: number; seed: string },
): { items: DrawnItem[]; minimum: number } {
  const minimum = Math.ceil((population.length * plan.minRandomPercent) / 100);
  const ranked = [...population].sort((a, b) => (rankKey(plan.seed, a.dossierId) < rankKey(plan.seed, b.dossierId) ? -1 : 1));
  const random = new Map(ranked.slice(0, minimum).map((c, i) => [c.dossierId, i + 1]));
  const high = population.filter((c) => c.riskScore >= plan.highRiskThreshold).sort((a, b) => b.riskScore - a.riskScore || a.dossierId.localeCompare(b.dossierId));
  const items: DrawnItem[] = [];
  const reasonsOf = (c: Candidate): DrawReason[] => {
    const reasons: DrawReason[] = [];
    if (c.riskScore >= plan.highRiskThreshold) {
      const why = c.factors.map((f) => `${f.vi} (+${f.points})`).join('; ');
      reasons.push({
        code: 'high_risk',
        vi: `Rủi ro cao: ${c.riskScore} điểm ≥ ngưỡng ${plan.highRiskThreshold} (${why})`,
        en: `High risk: ${c.riskScore} points ≥ threshold ${plan.highRiskThreshold} (${c.factors.map((f) => `${f.en} (+${f.points})`).join('; ')})`,
      });
    }
    const rank = random.get(c.dossierId);
    if (rank !== undefined) {
      reasons.push({
        code: 'random',
        vi: `Chọn ngẫu nhiên: thứ ${rank}/${minimum} của mẫu tối thiểu ${plan.minRandomPercent}% (mã ngẫu nhiên “${plan.seed}”)`,
        en: `Random draw: ${rank} of the ${minimum} of the ${plan.minRandomPercent}% minimum (seed “${plan.seed}”)`,
      });
    }
    return reasons;
  };
  for (const c of high) items.push({ dossierId: c.dossierId, riskScore: c.riskScore, reasons: reasonsOf(c) });
  for (const c of ranked.slice(0, minimum)) {
    if (c.riskScore < plan.highRiskThreshold) items.push({ dossierId: c.dossierId, riskScore: c.riskScore, reasons: reasonsOf(c) });
  }
  return { items, minimum };
}
