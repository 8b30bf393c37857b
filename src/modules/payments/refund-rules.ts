import type { DossierStatus } from '#modules/dossiers/index.ts';

/**
 * When a fee paid online is owed back (hoàn trả phí, lệ phí): the dossier ended without the
 * service being performed. Law as data: each rule names the end state, whether it applies only
 * before the desk received the dossier, the period it is in force and its legal basis.
 *
 * UNVERIFIED: domain.md §2.9 says fee refunds are not specified in NĐ 61/2018 and must be
 * configurable per procedure. These defaults follow the principle that a fee is the price of a
 * service not rendered when the dossier is refused at intake or withdrawn before reception; a
 * province replaces them with its own rules (and a procedure's own rule, e.g. passports
 * "refunded if ineligible", TT 25/2021, would be added here with its procedure code).
 */
export interface RefundRule {
  endStatus: DossierStatus;
  /** Only when the dossier was never received (the desk's work did not start). */
  onlyBeforeReception: boolean;
  /** Limited to some procedures; empty: every procedure. */
  procedureCodes: string[];
  effectiveFrom: string; // YYYY-MM-DD
  effectiveTo: string | null;
  reason: { vi: string; en: string };
  legalBasis: string;
  verified: boolean;
}

export const REFUND_RULES: readonly RefundRule[] = [
  {
    endStatus: 'REJECTED_AT_INTAKE',
    onlyBeforeReception: false,
    procedureCodes: [],
    effectiveFrom: '2025-07-01',
    effectiveTo: null,
    reason: { vi: 'Hồ sơ không được tiếp nhận', en: 'The dossier was refused at intake' },
    legalBasis: 'Chưa kiểm chứng: NĐ 61/2018/NĐ-CP không quy định hoàn trả phí (domain.md §2.9); cấu hình địa phương',
    verified: false,
  },
  {
    endStatus: 'WITHDRAWN',
    onlyBeforeReception: true,
    procedureCodes: [],
    effectiveFrom: '2025-07-01',
    effectiveTo: null,
    reason: { vi: 'Công dân rút hồ sơ trước khi được tiếp nhận', en: 'Withdrawn by the applicant before reception' },
    legalBasis: 'Chưa kiểm chứng: NĐ 61/2018/NĐ-CP không quy định hoàn trả phí (domain.md §2.9); cấu hình địa phương',
    verified: false,
  },
];

/** The rule under which a paid fee of this dossier is owed back, or null. */
export function refundRuleFor(
  dossier: { status: DossierStatus; procedureCode: string; receivedAt: Date | null; finishedAt: Date | null },
  on: string,
  rules: readonly RefundRule[] = REFUND_RULES,
): RefundRule | null {
  return (
    rules.find(
      (r) =>
        r.endStatus === dossier.status &&
        (!r.onlyBeforeReception || dossier.receivedAt === null) &&
        (r.procedureCodes.length === 0 || r.procedureCodes.includes(dossier.procedureCode)) &&
        r.effectiveFrom <= on &&
        (r.effectiveTo === null || on < r.effectiveTo),
    ) ?? null
  );
}
