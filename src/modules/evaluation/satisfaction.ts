import type { Sql } from '#platform/db.ts';
import { findAgency } from '#modules/places/index.ts';
import { CRITERIA, LEVELS, RATING_CRITERIA, RATING_LEVELS, type RatingLevel } from './criteria.ts';
import { evaluationRepository as repo } from './evaluation.repository.ts';
import type { Satisfaction } from './evaluation.contract.ts';

const rate = (satisfied: number, total: number) => (total === 0 ? null : Math.round((1000 * satisfied) / total) / 10);

/**
 * An agency's satisfaction, published (NĐ 61 Art. 31): per criterion the count of each level and
 * the share of "hài lòng" or better, in percent with one decimal; null when nobody rated it.
 */
export async function agencySatisfaction(tx: Sql, agencyCode: string): Promise<Satisfaction | null> {
  const agency = await findAgency(tx, agencyCode);
  if (!agency) return null;
  const rows = await repo.satisfaction(tx, { agencyCode });
  let satisfiedAll = 0;
  let answersAll = 0;
  const criteria = CRITERIA.map((criterion) => {
    const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number>;
    for (const r of rows) if (r.criterion === criterion && r.level in counts) counts[r.level] += r.n;
    const answers = LEVELS.reduce((sum, l) => sum + counts[l], 0);
    const satisfied = LEVELS.filter((l) => RATING_LEVELS[l].satisfied).reduce((sum, l) => sum + counts[l], 0);
    satisfiedAll += satisfied;
    answersAll += answers;
    return { criterion, label: RATING_CRITERIA[criterion].vi, labelEn: RATING_CRITERIA[criterion].en, counts, answers, satisfiedPercent: rate(satisfied, answers) };
  });
  return {
    agency: { code: agency.code, name: agency.name },
    ratings: await repo.countRatings(tx, agencyCode),
    satisfiedPercent: rate(satisfiedAll, answersAll),
    criteria,
    levels: LEVELS.map((l) => ({ level: l, label: RATING_LEVELS[l].vi, labelEn: RATING_LEVELS[l].en })),
  };
}
