import { z } from 'zod';
import { pageOf, pageQuery } from '#platform/contract.ts';
import { AgencyKind } from '#modules/places/places.contract.ts';
import { COMPETENCE_RULES, CONTROL_MODES } from './catalog.types.ts';

/** Every request and answer of the catalogue routes (api.md §4): search, the procedure sheet, versions, deadline preview. */

export const ProcedureCode = z.string().trim().min(3).max(40);
export const ProcedureParams = z.object({ code: ProcedureCode });
export const Level = z.enum(['bo', 'tinh', 'xa']);
export type Level = z.infer<typeof Level>;
export const DeadlineUnit = z.enum(['working_days', 'calendar_days', 'working_hours', 'same_day']);
export type DeadlineUnit = z.infer<typeof DeadlineUnit>;

/** The published deadline: null value when the catalogue gives none (`note` keeps its wording). */
export const Deadline = z.object({
  value: z.number().nullable(),
  unit: DeadlineUnit,
  note: z.string().nullable().optional().meta({ description: 'lời văn công bố / the published wording' }),
});
export type Deadline = z.infer<typeof Deadline>;

const browseValue = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .transform((v) => v.normalize('NFC'))
  .optional();
export const SearchQuery = z.object({
  q: z.string().max(200).default(''),
  sector: browseValue,
  issuingBody: browseValue,
  agency: browseValue,
  ...pageQuery,
});

/** One row of the list. */
export const ProcedureSummary = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  level: Level,
  onlineLevel: z.string().nullable(),
  deadline: Deadline,
  sector: z.string().nullable(),
});
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;
export const ProcedureList = z.object(pageOf(ProcedureSummary));
export type ProcedureList = z.infer<typeof ProcedureList>;
export const PopularQuery = z.object({ limit: z.coerce.number().int().min(1).max(24).default(8) });
export const PopularList = z.object({ items: z.array(ProcedureSummary) });
export const SectorList = z.object({ items: z.array(z.object({ name: z.string(), count: z.number().int() })) });
export type SectorList = z.infer<typeof SectorList>;
export const IssuingAgencyList = z.object({ items: z.array(z.object({ issuingBody: z.string().nullable(), name: z.string(), count: z.number().int() })) });
export type IssuingAgencyList = z.infer<typeof IssuingAgencyList>;

export const ProcedureComponent = z.object({
  code: z.string(),
  name: z.string(),
  original: z.number(),
  copy: z.number(),
  required: z.boolean(),
  quantityUnknown: z.boolean().optional().meta({ description: 'danh mục không ghi số bản / the catalogue gives no counts' }),
  group: z.string().optional().meta({ description: 'trường hợp của thành phần / the case this paper belongs to' }),
});
export type ProcedureComponent = z.infer<typeof ProcedureComponent>;

/** Cách thức thực hiện: one submission channel, in the catalogue's words. */
export const SubmissionChannel = z.object({
  method: z.enum(['truc_tiep', 'truc_tuyen', 'buu_chinh']),
  deadline: z.string().nullable(),
  fees: z.array(z.string()),
  note: z.string().nullable(),
});
export type SubmissionChannel = z.infer<typeof SubmissionChannel>;

/** Phí, lệ phí: flat, per page with a cap, or set by the province. */
export const Fee = z.object({
  label: z.string(),
  type: z.enum(['flat', 'per_page', 'set_by_province', 'unknown']),
  amountVnd: z.number().nullable(),
  perPage: z.object({ firstPages: z.number(), rateFirstVnd: z.number(), rateNextVnd: z.number(), capPerCopyVnd: z.number().nullable() }).optional(),
  channel: z.enum(['direct', 'online', 'postal']).optional(),
  note: z.string().nullable(),
});
export type Fee = z.infer<typeof Fee>;

export const InteragencyStep = z.object({
  seq: z.number().int(),
  agencyKind: AgencyKind,
  agency: z.string(),
  task: z.string(),
  result: z.string().nullable(),
  deadlineDays: z.number().nullable(),
  dependsOn: z.array(z.number().int()),
});

export const ProcedureRules = z.object({
  competence: z.enum(['any_authority', 'residence', 'reception_place']).optional(),
  supplementWindowWorkingDays: z.number(),
  lateSupplement: z.enum(['refuse', 'flag']),
  excludePaymentWait: z.boolean(),
  boundaryFree: z.boolean(),
});

export const VersionRef = z.object({ id: z.string(), number: z.number().int(), effectiveFrom: z.string(), effectiveTo: z.string().nullable() });

/** The procedure sheet as the public reads it (`GET /api/v1/procedures/{code}`). */
export const ProcedureDetail = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  level: Level,
  levels: z.array(Level),
  sector: z.string().nullable(),
  onlineLevel: z.string().nullable(),
  onlineSubmission: z.object({ allowed: z.boolean(), reason: z.enum(['not_offered', 'deadline_unknown']).nullable() }),
  deadline: Deadline,
  cutoffTime: z.string(),
  components: z.array(ProcedureComponent),
  fees: z.array(Fee),
  legalBasis: z.array(z.string()),
  agencyType: z.string().nullable(),
  competentAgencyKind: AgencyKind,
  receivingAgencyKinds: z.array(AgencyKind),
  receivingAgencies: z.array(z.object({ kind: AgencyKind, level: Level })),
  interagencySteps: z.array(InteragencyStep),
  controlMode: z.enum(['pre', 'post', 'hybrid']).meta({ description: 'tiền kiểm (pre) / hậu kiểm (post) / kết hợp theo rủi ro (hybrid)' }),
  formSchema: z.record(z.string(), z.unknown()).nullable().meta({ description: 'JSON Schema của tờ khai / the form fields' }),
  rules: ProcedureRules,
  aliases: z.array(z.string()),
  target: z.string().nullable(),
  steps: z.array(z.string()),
  channels: z.array(SubmissionChannel),
  result: z.string().nullable(),
  conditions: z.array(z.string()),
  issuingBody: z.string().nullable(),
  decision: z.string().nullable(),
  portalUrl: z.string().nullable(),
  version: VersionRef,
});
export type ProcedureDetail = z.infer<typeof ProcedureDetail>;
export const AtQuery = z.object({ at: z.iso.date().optional() });

export const VersionList = z.object({
  items: z.array(z.object({ id: z.string(), version: z.number().int(), effectiveFrom: z.string(), effectiveTo: z.string().nullable(), source: z.string() })),
});

export const DeadlineQuery = z.object({ receivedAt: z.iso.datetime({ offset: true }).optional() });
export const DeadlinePreview = z.object({ dueAt: z.string().nullable(), dueDate: z.string().nullable(), deadline: Deadline });
export type DeadlinePreview = z.infer<typeof DeadlinePreview>;

export const PublishBody = z.object({ procedure: z.record(z.string(), z.unknown()) });
export const Published = z.object({
  created: z.boolean(),
  code: z.string().optional(),
  version: z.number().int().optional(),
  effectiveFrom: z.string().optional(),
});
export type Published = z.infer<typeof Published>;
/** 'V', 'S', 'R' or a combination such as 'V (amount) / R (validity)'. */
const tag = z.string().max(200).nullable();
const text = z.string().trim().min(1).max(4000);
/** Dossier items and channel notes of the national catalogue run to several thousand characters. */
const longText = z.string().trim().min(1).max(20_000);

/**
 * One procedure as a catalogue file states it (`procedures.sample.json` shape, domain.md §14):
 * what `motcua import procedures` reads, the publish route accepts and the source route gives
 * back for the administrator's editor. Optional fields the national sample does not carry
 * (`components`, `form_schema`, agency kinds, rules, `effective_from`, `local_code`) let a
 * province state what the sample can only describe in words.
 */
export const ProcedureRecord = z.object({
  code: z.string().regex(/^\d\.\d{6}$/).nullable(),
  code_candidates: z.array(z.string().regex(/^\d\.\d{6}$/)).default([]),
  local_code: z.string().regex(/^[A-Z0-9][A-Z0-9.-]{2,30}$/).optional(),
  name_vi: text,
  name_en: text.nullable().optional(),
  level: Level,
  agency_type: text.nullable().optional(),
  processing_days: z.number().int().min(0).max(3650).nullable(),
  processing_time_unit: DeadlineUnit,
  processing_note: text.nullable().optional(),
  fee_vnd: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
  fee_rule: z
    .object({
      type: z.literal('per_page'),
      rate_first_pages_vnd: z.number().int().min(0),
      first_pages: z.number().int().min(0),
      rate_subsequent_pages_vnd: z.number().int().min(0),
      cap_per_copy_vnd: z.number().int().min(0).nullable().optional(),
      page_basis: z.string().optional(),
    })
    .nullable()
    .optional(),
  fee_note: text.nullable().optional(),
  documents: z.array(text).max(100).default([]),
  online_level: z.string().max(100).nullable().optional(),
  interagency_steps: z
    .array(
      z.object({
        seq: z.number().int().min(1).max(50),
        agency: text,
        action: text,
        result: text.nullable().optional(),
        agency_kind: AgencyKind.optional(),
        deadline_days: z.number().int().min(0).max(365).nullable().optional(),
        depends_on: z.array(z.number().int().min(1)).optional(),
      }),
    )
    .max(20)
    .default([]),
  legal_basis: z.array(text).max(100).default([]),
  verification: z.record(z.string(), tag).default({}),
  unverified_hint: z.record(z.string(), z.unknown()).default({}),
  source: z.array(z.string()).default([]),
  // Extensions (optional; not in the national sample)
  components: z
    .array(
      z.object({
        code: z.string().regex(/^TP\d{1,3}$/),
        name: longText,
        original: z.number().int().min(0).max(20),
        copy: z.number().int().min(0).max(20),
        required: z.boolean(),
        quantityUnknown: z.boolean().optional(),
        group: longText.optional(),
      }),
    )
    .max(300)
    .optional(),
  form_schema: z.record(z.string(), z.unknown()).nullable().optional(),
  competent_agency_kind: AgencyKind.optional(),
  receiving_agency_kinds: z.array(AgencyKind).min(1).optional(),
  cutoff_time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional(),
  rules: z
    .object({
      supplementWindowWorkingDays: z.number().int().min(0).max(30).optional(),
      lateSupplement: z.enum(['refuse', 'flag']).optional(),
      excludePaymentWait: z.boolean().optional(),
      boundaryFree: z.boolean().optional(),
      competence: z.enum(COMPETENCE_RULES).optional(),
    })
    .optional(),
  effective_from: z.iso.date().optional(),
  /** Tiền kiểm / hậu kiểm (catalog.types.ts `ControlMode`); absent: 'pre'. */
  control_mode: z.enum(CONTROL_MODES).optional(),
  // The rest of the national procedure sheet (all optional; the national import fills them)
  sector: text.nullable().optional(),
  levels: z.array(Level).max(3).optional(),
  target: text.nullable().optional(),
  steps: z.array(longText).max(50).optional(),
  channels: z
    .array(
      z.object({
        method: z.enum(['truc_tiep', 'truc_tuyen', 'buu_chinh']),
        deadline: text.nullable(),
        fees: z.array(longText).max(20),
        note: longText.nullable(),
      }),
    )
    .max(20)
    .optional(),
  online_submission: z.boolean().nullable().optional(),
  result: longText.nullable().optional(),
  conditions: z.array(longText).max(50).optional(),
  issuing_body: text.nullable().optional(),
  decision: text.nullable().optional(),
  portal_url: z.url().max(500).nullable().optional(),
});
export type ProcedureRecord = z.infer<typeof ProcedureRecord>;

/** The version in force as the record the publish route accepts, and the newest version. */
export const ProcedureSource = z.object({
  procedure: ProcedureRecord,
  version: z.number().int(),
  effectiveFrom: z.string(),
  latest: z.object({ version: z.number().int(), effectiveFrom: z.string() }),
});
export type ProcedureSource = z.infer<typeof ProcedureSource>;
