import { z } from 'zod';
import { REPORT_TEXT_LIMITS } from './text-limits.ts';
import { AGGREGATIONS, CheckDef, PERIOD_TYPES, RegimeDefinition, SectionDef } from './regime-definition.ts';

/** Every schema of the reporting routes (hệ thống thông tin báo cáo): params, queries, bodies, answers. */

const Code = z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9.\-_]+$/);
const PeriodCode = z.string().trim().min(4).max(20).regex(/^[A-Z0-9-]+$/, '2026-01, 2026-Q1, 2026-H1, 2026-9M, 2026 hoặc mã đợt đột xuất');

export const RegimeParams = z.object({ code: Code });
export const PeriodsQuery = z.object({ year: z.coerce.number().int().min(2019).max(2100) });
export const ReportQuery = z.object({ regime: Code, period: PeriodCode, unit: Code });
export type ReportQuery = z.infer<typeof ReportQuery>;
const Value = z.union([z.number(), z.string().max(REPORT_TEXT_LIMITS.value), z.null()]);
export const ValuesBody = z.object({
  /** Indicator code → figure (number, or text for text indicators; a number may be typed "1.250" or "12,5"). */
  values: z.record(z.string().max(60), Value),
  /** Indicator code → why a pre-filled figure was corrected (required for each changed one). */
  reasons: z.record(z.string().max(60), z.string().trim().min(1).max(REPORT_TEXT_LIMITS.reason)).optional(),
});
export const ActionBody = z.object({ action: z.enum(['submit', 'return', 'accept']), reason: z.string().trim().max(REPORT_TEXT_LIMITS.sendBack).optional() });

export const Regime = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(['periodic', 'thematic', 'ad_hoc']),
  validFrom: z.string(),
  legalBasis: z.string(),
  definition: RegimeDefinition,
});
export const RegimeList = z.object({ items: z.array(Regime) });
export const PeriodOut = z.object({ period: z.string(), type: z.enum(PERIOD_TYPES), label: z.string(), from: z.string(), to: z.string(), dueDate: z.string() });
export const PeriodList = z.array(PeriodOut);

export const MeOut = z.object({
  roles: z.array(z.object({ agency: z.string(), agencyName: z.string(), level: z.enum(['tinh', 'xa', 'tw']), provinceCode: z.string(), role: z.enum(['officer', 'leader', 'receiver']) })),
});

/** Which period (its dates and due date) of which unit: a report's and an aggregate's first fields. */
const periodOfUnit = {
  period: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  dueDate: z.string(),
  unit: z.string(),
  unitName: z.string(),
};

const Status = z.enum(['draft', 'pending_signature', 'submitted', 'returned', 'accepted']);
export const ReportOut = z.object({
  id: z.string().nullable(),
  regime: z.string(),
  regimeName: z.string(),
  regimeVersion: z.string(),
  ...periodOfUnit,
  receivingUnit: z.string(),
  receivingUnitName: z.string(),
  status: Status,
  /** First submitted after the due date. */
  late: z.boolean(),
  /** Not submitted and the due date has passed. */
  overdue: z.boolean(),
  values: z.record(z.string(), Value),
  /** The figures from the dossier data (pre-filled indicators only). */
  prefilled: z.record(z.string(), z.number()),
  /**
   * Where the pre-filled figures come from while the report is worked on (null once handed in, or
   * without pre-filled figures): the dossier data, or the aggregate of the accepted reports of the
   * unit's own units under `regime` (`accepted` of `expected`).
   */
  prefilledFrom: z
    .object({ source: z.enum(['dossiers', 'aggregate']), regime: z.string().nullable(), accepted: z.number().nullable(), expected: z.number().nullable() })
    .nullable(),
  corrections: z.array(z.object({ indicator: z.string(), prefilled: z.number(), value: z.number(), reason: z.string(), by: z.string(), at: z.string() })),
  /** The indicators this unit fills. */
  indicators: z.array(z.string()),
  submittedAt: z.string().nullable(),
  returnedReason: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  signature: z
    .object({ signedText: z.string(), signature: z.string(), valid: z.boolean(), signer: z.string().nullable(), signerUsername: z.string().nullable(), certificate: z.string().nullable() })
    .nullable(),
  submissions: z.array(z.object({ seq: z.number(), submittedBy: z.string(), submittedAt: z.string(), late: z.boolean() })),
  allowedActions: z.array(z.enum(['save', 'submit', 'return', 'accept'])),
  /**
   * Which installation decides when another is involved: `receivingNode` hosts the receiving unit
   * (the report is returned or accepted there and the result comes back), `delivery` the state of
   * the envelope of the latest submission; `unitNode`: the report was filled and signed there.
   */
  elsewhere: z.object({ receivingNode: z.string().nullable(), unitNode: z.string().nullable(), delivery: z.enum(['queued', 'arrived', 'refused']).nullable() }),
});
export type ReportOut = z.infer<typeof ReportOut>;

export const AggregateOut = z.object({
  regime: z.string(),
  regimeName: z.string(),
  ...periodOfUnit,
  counts: z.object({ expected: z.number(), missing: z.number(), submitted: z.number(), returned: z.number(), accepted: z.number(), late: z.number(), overdue: z.number() }),
  units: z.array(
    z.object({
      unit: z.string(),
      unitName: z.string(),
      status: z.enum(['missing', 'submitted', 'returned', 'accepted']),
      late: z.boolean(),
      overdue: z.boolean(),
      submittedAt: z.string().nullable(),
      returnedReason: z.string().nullable(),
    }),
  ),
  indicators: z.array(
    z.object({
      indicator: z.string(),
      aggregation: z.enum(AGGREGATIONS),
      /** Accepted reports that gave this indicator. */
      units: z.number(),
      value: z.number().nullable(),
      texts: z.array(z.object({ unit: z.string(), unitName: z.string(), text: z.string() })),
    }),
  ),
});
export type AggregateOut = z.infer<typeof AggregateOut>;

/**
 * POST /requests: an ad hoc request (yêu cầu báo cáo đột xuất) of the receiving unit's leader to
 * chosen units: subject, content, the data range, the deadline (a date or N working days from
 * today), and the template in the regimes' shape (sections of indicators, sum checks).
 */
export const RequestBody = z.object({
  /** The requesting leader's agency, which receives the reports. */
  receivingUnit: Code,
  name: z.string().trim().min(5).max(300),
  content: z.string().trim().min(1).max(2000),
  from: z.iso.date(),
  to: z.iso.date(),
  units: z.array(Code).min(1).max(500),
  deadline: z.union([z.object({ date: z.iso.date() }).strict(), z.object({ workingDays: z.number().int().min(1).max(60) }).strict()]),
  sections: z.array(SectionDef).min(1).max(20),
  checks: z.array(CheckDef).max(50).optional(),
});
export type RequestBody = z.infer<typeof RequestBody>;
export const RequestParams = z.object({ code: Code });
export const RequestOut = z.object({
  code: z.string(),
  name: z.string(),
  content: z.string(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  dueDate: z.string(),
  receivingUnit: z.string(),
  receivingUnitName: z.string(),
  requestedBy: z.string(),
  createdAt: z.string(),
  units: z.array(z.object({ unit: z.string(), unitName: z.string() })),
  /** False when the same request had been made already (a retry): nothing new was stored or sent. */
  created: z.boolean(),
});
export type RequestOut = z.infer<typeof RequestOut>;
export const RequestList = z.object({ items: z.array(RequestOut.omit({ created: true })) });
