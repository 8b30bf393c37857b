import { z } from 'zod';
import { binary, IsoDate, IsoDateTime, pageOf, pageQuery, pdf } from '#platform/contract.ts';
import { DOSSIER_ACTIONS } from './actions.ts';
import {
  APPLICANT_LIMITS,
  ID_NUMBER_PATTERN,
  ID_PROVINCE_PREFIXES,
  normalizeIdNumber,
  normalizePhone,
  PHONE_PATTERN,
} from './applicant-rules.ts';
import { QUEUE_SORTS, QUEUES } from './queues.repository.ts';
import { DOSSIER_STATUSES } from './statuses.ts';

/**
 * Every request and answer of the dossier API (api.md §5): submission, actions, reading, the
 * officer workspace, locks, drafts, forms. ONE declaration of each shape — the server's
 * presenters are typed by these, and the web app imports the types (`import type`), so a field
 * renamed here fails the typecheck on both sides. The browser checks applicants with the same
 * rules (applicant-rules.ts).
 */

export { ID_NUMBER_PATTERN, PHONE_PATTERN };

const text = (max: number) => z.string().trim().min(1).max(max);

/** As typed (spaces, dots), stored compact; a 12-digit number must open with a province code (domain.md §4.5). */
export const IdNumber = z
  .string()
  .overwrite(normalizeIdNumber)
  .regex(ID_NUMBER_PATTERN, 'số định danh 12 chữ số hoặc mã số thuế 10/13 số')
  .refine((v) => v.length !== 12 || ID_PROVINCE_PREFIXES.has(v.slice(0, 3)), {
    message: 'ba chữ số đầu của số định danh cá nhân phải là mã tỉnh nơi đăng ký khai sinh (001–096)',
  });

/** As typed ("+84 912.345.678"), stored as 0912345678. */
export const Phone = z.string().overwrite(normalizePhone).regex(PHONE_PATTERN, 'số điện thoại Việt Nam, ví dụ 0912345678');

/**
 * Người nộp hồ sơ (and the owner, chủ hồ sơ): the one shape, as stored and answered. Answers use
 * it as is — a rule tightened later must not make old dossiers unreadable.
 */
export const ApplicantRecord = z.object({
  fullName: z.string(),
  idNumber: z.string().meta({ description: 'số định danh 12 số hoặc mã số thuế 10/13 số / identity number or tax code' }),
  phone: z.string(),
  email: z.string().nullable().optional(),
  address: z.object({ communeCode: z.string(), detail: z.string() }),
});
export type Applicant = z.infer<typeof ApplicantRecord>;

/** The same shape as submitted: each field with the rules the browser checks too (applicant-rules.ts). */
export const Applicant = ApplicantRecord.extend({
  fullName: text(APPLICANT_LIMITS.fullName),
  idNumber: IdNumber,
  phone: Phone,
  email: z.email().max(APPLICANT_LIMITS.email).optional().nullable(),
  address: z.object({
    communeCode: z.string().regex(/^\d{5}$/, 'mã đơn vị hành chính cấp xã 5 chữ số'),
    detail: text(APPLICANT_LIMITS.addressDetail),
  }),
});

export const DocumentRef = z.object({
  componentCode: text(50),
  fileId: text(100),
});
export type DocumentRef = z.infer<typeof DocumentRef>;

export const RETURN_METHODS = ['tai_quay', 'buu_chinh', 'truc_tuyen'] as const;

/**
 * What the desk records at the counter besides files (channel direct or postal only): components
 * handed over on paper (ticked, originals and copies counted; a scan is optional), the pages and
 * copies a per-page fee is counted on (chứng thực), and how the result goes back.
 */
export const CounterIntake = z.object({
  paper: z
    .array(
      z.object({
        componentCode: text(50),
        originals: z.number().int().min(0).max(99).default(1),
        copies: z.number().int().min(0).max(99).default(0),
      }),
    )
    .max(100)
    .default([]),
  pages: z.number().int().min(1).max(10_000).optional(),
  copies: z.number().int().min(1).max(1000).optional(),
  returnMethod: z.enum(RETURN_METHODS).default('tai_quay'),
  /** Where the post delivers the result (default: the applicant's address). */
  returnAddress: z.string().trim().max(500).optional(),
});
export type CounterIntake = z.infer<typeof CounterIntake>;
export type CounterIntakeInput = z.input<typeof CounterIntake>;

export const SubmitDossierBody = z.object({
  procedureCode: text(60),
  receivingAgency: text(60),
  channel: z.enum(['online', 'direct', 'postal']),
  applicant: Applicant,
  owner: Applicant.optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
  documents: z.array(DocumentRef).max(100).default([]),
  /**
   * Online, for an applicant other than the signed-in citizen: the citizen is their declared
   * representative (người đại diện theo ủy quyền) and attaches the authorisation document they uploaded.
   */
  representation: z.object({ authorisationFileId: text(100) }).optional(),
  intake: CounterIntake.optional(),
});
export type SubmitDossierBody = z.infer<typeof SubmitDossierBody>;
/** The body as a client sends it (defaults not yet applied). */
export type SubmitDossierInput = z.input<typeof SubmitDossierBody>;

const reason = text(2000);
const isoInstant = z.iso.datetime({ offset: true });

/** Which agency works a liên thông step (when several of the step's kind fit the dossier's place). */
export const StepAgency = z.object({ step: z.number().int().min(1).max(50), agency: text(60) });
export type StepAgency = z.infer<typeof StepAgency>;

export const ActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('receive') }),
  z.object({ action: z.literal('reject'), reason }),
  z.object({ action: z.literal('request_supplement'), reason, components: z.array(text(50)).max(100).optional() }),
  z.object({ action: z.literal('submit_supplement'), documents: z.array(DocumentRef).min(1).max(100) }),
  z.object({ action: z.literal('assign'), assignee: text(100) }),
  z.object({ action: z.literal('forward'), toAgency: text(60), note: z.string().trim().max(2000).optional() }),
  /** Liên thông: open every step of the version's graph whose prerequisites are done (optionally choosing the agency of a step). */
  z.object({ action: z.literal('dispatch'), agencies: z.array(StepAgency).max(20).optional(), note: z.string().trim().max(2000).optional() }),
  /** Liên thông: the step's agency records its partial result; the steps depending on it open. */
  z.object({
    action: z.literal('complete_step'),
    step: z.number().int().min(1).max(50).optional(),
    note: text(2000),
    resultFileId: text(100).optional(),
    agencies: z.array(StepAgency).max(20).optional(),
  }),
  /** Liên thông: the lead takes back a step past its sub-deadline (the most overdue one when `step` is omitted). */
  z.object({ action: z.literal('recall_step'), step: z.number().int().min(1).max(50).optional(), reason }),
  z.object({ action: z.literal('approve'), note: z.string().trim().max(2000).optional(), resultFileId: text(100).optional() }),
  /** Phát hành kết quả: the clerk numbers, dates and signs the approved result (issuance 'by_clerk'). */
  z.object({ action: z.literal('issue_result') }),
  z.object({ action: z.literal('stop'), reason }),
  z.object({ action: z.literal('request_payment'), amountVnd: z.number().int().positive().max(1e12), reason }),
  z.object({ action: z.literal('confirm_payment'), reference: text(200) }),
  z.object({ action: z.literal('extend'), reason, newDueAt: isoInstant }),
  z.object({
    action: z.literal('return_result'),
    /** Who collected the result at the desk (the applicant or someone authorised). */
    collectedBy: z.object({ fullName: text(120), idNumber: IdNumber.optional() }).optional(),
    /** Sent by post: the postal item's number (số hiệu bưu gửi), for the applicant to follow it. */
    postalReference: z.string().trim().min(1).max(40).optional(),
  }),
  z.object({ action: z.literal('withdraw'), reason: z.string().trim().max(2000).optional() }),
]);
export type ActionBody = z.infer<typeof ActionBody>;
export type ActionInput = z.input<typeof ActionBody>;

export const DossierIdParams = z.object({ id: z.string().min(1).max(100) });
export const TrackingParams = z.object({ code: z.string().min(1).max(100) });
/** Second factor of public tracking: the last 4 digits of the applicant's phone (issue 13, D4). */
export const TrackingQuery = z.object({ phone: z.string().regex(/^\d{4}$/, '4 chữ số cuối của số điện thoại').optional() });
export const LedgerParams = z.object({ code: z.string().min(1).max(60) });
export const LedgerQuery = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    format: z.enum(['pdf', 'xlsx', 'json']).default('pdf'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to phải không trước from' });

/** zod in of the officer workspace: queues and the agency overview. */

export const QueueQuery = z.object({
  queue: z.enum(QUEUES).default('agency'),
  /** Part of a dossier code or of the applicant's name; diacritics and case do not matter. */
  q: z
    .string()
    .trim()
    .max(200)
    .transform((s) => s.normalize('NFC'))
    .optional(),
  agency: z.string().trim().min(1).max(60).optional(),
  /** Only this procedure (code, e.g. 1.001193). */
  procedure: z.string().trim().min(1).max(60).optional(),
  /** Received (or submitted, before reception) from / to these dates (yyyy-mm-dd, Hà Nội time). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Only dossiers assigned to this officer (user id). */
  assignee: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(Object.keys(QUEUE_SORTS) as [keyof typeof QUEUE_SORTS, ...(keyof typeof QUEUE_SORTS)[]]).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  ...pageQuery,
})
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'ngày kết thúc không được trước ngày bắt đầu' });
export type QueueQuery = z.infer<typeof QueueQuery>;
/** The query as a client writes it (defaults not yet applied). */
export type QueueParams = Omit<z.input<typeof QueueQuery>, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

export const AgencyParams = z.object({ code: z.string().min(1).max(60) });
export const AttachmentParams = z.object({ id: z.string().min(1).max(100), fileId: z.string().min(1).max(100) });

/** Phân công hàng loạt: one specialist for several dossiers (each still its own `assign` action). */
export const BulkAssignBody = z.object({
  ids: z.array(z.string().min(1).max(100)).min(1).max(100),
  assignee: z.string().trim().min(1).max(100),
});

export const ApplicantParams = z.object({ idNumber: z.string().trim().regex(/^(\d{12}|\d{9})$/, 'số định danh cá nhân 12 chữ số') });
export const ApplicantQuery = z.object({ agency: z.string().trim().min(1).max(60).optional() });

/** Khóa xử lý: `takeover` lets a leader of the agency processing the dossier take another officer's lock. */
export const ClaimLockBody = z.object({ takeover: z.boolean().default(false) }).default({ takeover: false });

/** Per-agency lifecycle settings the administrator edits. */
export const AgencySettingsBody = z.object({ resultIssuance: z.enum(['on_approval', 'by_clerk']) });

/** Tiếp nhận: where a dossier would go, before the desk confirms (nothing is written). */
export const ReceptionPreviewQuery = z.object({
  procedureCode: z.string().trim().min(1).max(60),
  receivingAgency: z.string().trim().min(1).max(60),
  communeCode: z.string().regex(/^\d{5}$/, 'mã đơn vị hành chính cấp xã 5 chữ số'),
});
export type ReceptionPreviewQuery = z.infer<typeof ReceptionPreviewQuery>;
export type ClaimLockBody = z.infer<typeof ClaimLockBody>;

export const DraftParams = z.object({ procedureCode: z.string().trim().min(1).max(60) });
export const DraftBody = z.object({ content: z.record(z.string(), z.unknown()) });

// ─── Answers ──────────────────────────────────────────────────────────────────────────────

/** An agency named in an answer: its code and its name. */
export const NamedAgency = z.object({ code: z.string(), name: z.string() });
export const Timeliness = z.enum(['trong_han', 'qua_han', 'truoc_han', 'dung_han']).meta({
  description: 'trong hạn / quá hạn / trước hạn / đúng hạn (domain.md §3.6)',
});
export type Timeliness = z.infer<typeof Timeliness>;
export const DossierStatus = z.enum(DOSSIER_STATUSES);
export const DossierAction = z.enum(DOSSIER_ACTIONS);
export type DossierAction = z.infer<typeof DossierAction>;
export const ReturnMethod = z.enum(RETURN_METHODS).meta({ description: 'tại quầy / bưu chính / trực tuyến' });
export type ReturnMethod = z.infer<typeof ReturnMethod>;
/** A component of the procedure, by code and name (what a supplement asked for, what is missing). */
export const NamedComponent = z.object({ code: z.string(), name: z.string() });
export type NamedComponent = z.infer<typeof NamedComponent>;
const instant = IsoDateTime.nullable();

/** Khóa xử lý: who holds the dossier's processing page, since when, until when. */
export const ProcessingLock = z.object({
  holder: z.object({ id: z.string(), name: z.string() }),
  since: IsoDateTime,
  expiresAt: IsoDateTime,
  mine: z.boolean(),
  canTakeOver: z.boolean(),
});
export type ProcessingLock = z.infer<typeof ProcessingLock>;

/** A hand-over (Mẫu 05); `step` names the liên thông step it works (null for a plain hand-over). */
export const DossierStep = z.object({
  seq: z.number(),
  fromAgency: NamedAgency,
  toAgency: NamedAgency,
  sentAt: instant,
  finishedAt: instant,
  subDueAt: instant,
  timeliness: Timeliness.nullable(),
  note: z.string().nullable(),
  fromUser: z.string().nullable(),
  toUser: z.string().nullable(),
  step: z.number().nullable(),
  resultNote: z.string().nullable(),
  resultFileId: z.string().nullable(),
});
export type DossierStep = z.infer<typeof DossierStep>;

/** A step of the frozen version's liên thông graph (by `dependsOn`). */
export const InteragencyStepDef = z.object({
  seq: z.number(),
  agencyKind: z.string(),
  agency: z.string(),
  task: z.string(),
  result: z.string().nullable(),
  deadlineDays: z.number().nullable(),
  dependsOn: z.array(z.number()),
});
export type InteragencyStepDef = z.infer<typeof InteragencyStepDef>;

/** One line of a dossier's history (the action log), as shown to whoever may read the dossier. */
export const HistoryEntry = z.object({
  seq: z.number(),
  action: z.string(),
  label: z.string(),
  at: IsoDateTime,
  by: z.string().nullable(),
  agency: z.string().nullable(),
  reason: z.string().optional(),
  late: z.boolean().optional(),
  stillMissing: z.array(NamedComponent).optional(),
  collectedBy: z.object({ fullName: z.string(), idNumber: z.string().optional() }).optional(),
  /** return_result: how the result went back, and the postal item's number. */
  returnMethod: ReturnMethod.optional(),
  postalReference: z.string().optional(),
  /** Officers only: the note written with a forward, a dispatch or an approval. */
  note: z.string().optional(),
  /** Officers only, assign: the specialist named. */
  assigneeName: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** What the desk recorded at the counter (channel direct or postal), with the fee it counted. */
export const IntakeRecord = z.object({
  paper: z.array(z.object({ componentCode: z.string(), originals: z.number(), copies: z.number() })),
  fee: z.object({
    pages: z.number().nullable(),
    copies: z.number().nullable(),
    totalVnd: z.number(),
    complete: z.boolean(),
    lines: z.array(z.object({ label: z.string(), amountVnd: z.number().nullable() })),
  }),
  returnMethod: ReturnMethod,
  returnAddress: z.string().nullable(),
});
export type IntakeRecord = z.infer<typeof IntakeRecord>;

/**
 * THE dossier (api.md §5): what its applicant and the officers involved read, the answer of a
 * submission and of every action. Officers' fields (lock, steps, blocked actions) are there for
 * everyone; the applicant gets `lock: null`.
 */
export const Dossier = z.object({
  id: z.string(),
  code: z.string().nullable().meta({ description: 'mã hồ sơ, cấp khi tiếp nhận / the dossier code, given at reception' }),
  reference: z.string().nullable().meta({ description: 'mã tra cứu, cấp khi nộp / the submission reference' }),
  procedureCode: z.string(),
  procedureName: z.string(),
  procedureVersionId: z.string(),
  status: DossierStatus,
  statusCode: z.number().int().meta({ description: 'TrangThai 1–10 (DVCQG)' }),
  statusLabel: z.string(),
  phase: z.enum(['intake', 'appraisal']).nullable(),
  channel: z.enum(['online', 'direct', 'postal']),
  applicant: ApplicantRecord,
  owner: ApplicantRecord,
  receivingAgency: NamedAgency,
  competentAgency: NamedAgency,
  currentAgency: NamedAgency,
  assignee: z.string().nullable(),
  submittedAt: instant,
  receivedAt: instant,
  dueAt: instant,
  dueDate: IsoDate.nullable(),
  extended: z.boolean(),
  finishedAt: instant,
  timeliness: Timeliness.nullable(),
  fields: z.record(z.string(), z.unknown()),
  documents: z.array(z.object({ componentCode: z.string(), fileId: z.string(), addedAt: instant })),
  /** Tiếp nhận tại quầy: paper components, the fee recorded, how the result goes back (null online). */
  intake: IntakeRecord.nullable(),
  /** Hình thức nhận kết quả the applicant chose, and the postal address (by post only). */
  returnMethod: ReturnMethod,
  returnAddress: z.string().nullable(),
  /** The signed result (`result.pdf`, public check at /verify/<id>), once approved. */
  result: z
    .object({
      id: z.string(),
      number: z.string(),
      issuedAt: IsoDateTime,
      revoked: z.boolean(),
      revokedAt: IsoDateTime.nullable().optional(),
      revocationReason: z.string().nullable().optional(),
    })
    .nullable(),
  /** The signed result's id (`/api/v1/public/verify/{resultId}`); under post-control, right after reception. */
  resultId: z.string().nullable(),
  /** Tiền kiểm / hậu kiểm of the version the dossier was received under. */
  controlMode: z.enum(['pre', 'post', 'hybrid']),
  /** Approved, waiting for this agency's clerk (văn thư) to issue the result. */
  awaitingIssueBy: NamedAgency.nullable(),
  /** Waiting for a supplement (status 5): what the Mẫu 02 asked for and what is still missing. */
  supplement: z
    .object({
      phase: z.enum(['intake', 'appraisal']).nullable(),
      requestedAt: instant,
      reason: z.string().nullable(),
      requested: z.array(NamedComponent),
      missing: z.array(NamedComponent),
    })
    .nullable(),
  lock: ProcessingLock.nullable(),
  steps: z.array(DossierStep),
  allowedActions: z.array(DossierAction),
  /** Actions the caller could take but for a condition (`APOLOGY_REQUIRED`, `DEADLINE_PASSED`…): the page says why. */
  blockedActions: z.array(z.object({ action: DossierAction, reason: z.string() })),
  interagencySteps: z.array(InteragencyStepDef),
  history: z.array(HistoryEntry),
});
export type Dossier = z.infer<typeof Dossier>;

/** A line of the applicant's list (GET /me/dossiers). */
export const DossierSummary = Dossier.pick({
  id: true,
  code: true,
  reference: true,
  procedureCode: true,
  procedureName: true,
  status: true,
  statusCode: true,
  statusLabel: true,
  submittedAt: true,
  receivedAt: true,
  dueAt: true,
  timeliness: true,
});
export type DossierSummary = z.infer<typeof DossierSummary>;
export const DossierSummaryList = z.object({ items: z.array(DossierSummary), total: z.number().int() });

/** Who read my dossier (officers and oversight; the applicant's own reads are not listed). */
export const AccessLogEntry = z.object({ at: IsoDateTime, who: z.string().nullable(), agency: NamedAgency.nullable(), what: z.string() });
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;
export const AccessLogList = z.object({ items: z.array(AccessLogEntry) });

/** Public tracking: no identity number, phone, address, file or officer name; the masked name only with the phone's last 4 digits. */
export const Tracking = Dossier.pick({
  reference: true,
  procedureName: true,
  status: true,
  statusCode: true,
  statusLabel: true,
  receivedAt: true,
  dueAt: true,
  timeliness: true,
  returnMethod: true,
}).extend({
  code: z.string(),
  applicantName: z.string().optional().meta({ description: 'tên đã che, chỉ khi có ?phone= đúng / masked, only with the right ?phone=' }),
  agencyName: z.string().nullable(),
  steps: z.array(z.object({ fromAgency: z.string(), toAgency: z.string(), sentAt: instant, finishedAt: instant, timeliness: Timeliness.nullable() })),
  history: z.array(HistoryEntry.pick({ action: true, label: true, at: true })),
});
export type Tracking = z.infer<typeof Tracking>;

/**
 * A line of an officer's queue. `reference` (mã tra cứu, HS-…) names a dossier before reception
 * gives it its code: what an online applicant reads out at the counter or on the phone.
 */
export const QueueItem = DossierSummary.extend({
  applicantName: z.string(),
  assignee: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  agencyCode: z.string(),
  /** The agency holding the dossier now (after a hand-over at reception, the competent one). */
  holdingAgency: NamedAgency,
  receivingAgency: z.string(),
  /** Liên thông: the step the caller's agency works on a dossier held elsewhere, with its own due time. */
  step: z.object({ step: z.number(), agency: z.string(), subDueAt: instant, timeliness: Timeliness.nullable() }).nullable(),
});
export type QueueItem = z.infer<typeof QueueItem>;
export type Queue = (typeof QUEUES)[number];
export type QueueSort = keyof typeof QUEUE_SORTS;
export const QueuePage = z.object({
  ...pageOf(QueueItem),
  sort: z.enum(Object.keys(QUEUE_SORTS) as [QueueSort, ...QueueSort[]]),
  order: z.enum(['asc', 'desc']),
  counts: z.record(z.enum(QUEUES), z.number().int()),
});
export type QueuePage = z.infer<typeof QueuePage>;

/** Tiếp nhận: which agency will hold the dossier and why (nothing written). */
export const ReceptionPreview = z.object({
  procedureCode: z.string(),
  procedureVersion: z.number(),
  competence: z.string(),
  receivingAgency: NamedAgency,
  holdingAgency: NamedAgency,
  handOver: z.boolean(),
  reason: z.string(),
  reasonEn: z.string(),
});
export type ReceptionPreview = z.infer<typeof ReceptionPreview>;

/** Tổng quan cơ quan: dossiers per status, the on-time rate, the overdue ones and who holds them. */
export const AgencyOverview = z.object({
  agency: z.object({ code: z.string(), name: z.string(), provinceCode: z.string() }),
  at: IsoDateTime,
  total: z.number().int(),
  byStatus: z.array(z.object({ status: DossierStatus, statusCode: z.number().int(), statusLabel: z.string(), count: z.number().int() })),
  finished: z.object({
    total: z.number().int(),
    truocHan: z.number().int(),
    dungHan: z.number().int(),
    quaHan: z.number().int(),
    onTimeRate: z.number().nullable(),
  }),
  dueSoon: z.number().int(),
  overdueCount: z.number().int(),
  overdue: z.array(
    Dossier.pick({ id: true, code: true, procedureCode: true, procedureName: true, status: true, statusCode: true, statusLabel: true, receivedAt: true, dueAt: true }).extend({
      /** The liên thông step that is late here (its deadline is `dueAt`); null when the dossier itself is. */
      step: z.number().nullable(),
      daysLate: z.number().int(),
      responsible: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
      agencyCode: z.string(),
    }),
  ),
});
export type AgencyOverview = z.infer<typeof AgencyOverview>;

export const SpecialistList = z.object({ items: z.array(z.object({ id: z.string(), username: z.string(), fullName: z.string() })) });

/** A liên thông step the next dispatch or completion opens, and the agencies that may work it (default first). */
export const StepOption = z.object({
  step: z.number(),
  task: z.string(),
  agencyKind: z.string(),
  deadlineDays: z.number().nullable(),
  agencies: z.array(NamedAgency),
});
export type StepOption = z.infer<typeof StepOption>;
export const StepOptionList = z.object({ items: z.array(StepOption) });

/** A returning applicant, as the agency's latest dossier recorded them. */
export const ApplicantFound = z.object({
  applicant: ApplicantRecord.extend({ email: z.string().nullable() }).nullable(),
  dossiers: z.number().int(),
  lastSubmittedAt: instant,
});
export type ApplicantFound = z.infer<typeof ApplicantFound>;

/** Phân công hàng loạt: per dossier, assigned or why not. */
export const BulkAssignResult = z.object({
  assigned: z.number().int(),
  results: z.array(z.object({ id: z.string(), ok: z.boolean(), code: z.string().optional(), message: z.string().optional() })),
});
export type BulkAssignResult = z.infer<typeof BulkAssignResult>;

export const AgencySettings = z.object({
  agencyCode: z.string(),
  resultIssuance: z.enum(['on_approval', 'by_clerk']),
  updatedAt: instant,
});
export type AgencySettings = z.infer<typeof AgencySettings>;

/** Bản nháp: a signed-in citizen's unfinished submission of one procedure. */
export const Draft = z.object({ procedureCode: z.string(), content: z.record(z.string(), z.unknown()), updatedAt: IsoDateTime });
export type Draft = z.infer<typeof Draft>;
export const DraftList = z.object({ items: z.array(z.object({ procedureCode: z.string(), procedureName: z.string().nullable(), updatedAt: IsoDateTime })) });

/** Sổ theo dõi hồ sơ (Mẫu 06) as the screen reads it (`format=json`). */
export const RegisterBook = z.object({
  agencyCode: z.string(),
  agencyName: z.string(),
  from: IsoDate,
  to: IsoDate,
  issuedAt: IsoDateTime.optional(),
  placeName: z.string().nullable().optional(),
  rows: z.array(
    z.object({
      dossierId: z.string(),
      status: z.string(),
      seq: z.number().int(),
      volume: z.number().int().nullable().optional(),
      code: z.string(),
      procedureName: z.string(),
      quantity: z.number().int(),
      applicantName: z.string(),
      applicantContact: z.string(),
      leadAgency: z.string(),
      receivedAt: instant,
      dueAt: instant,
      forwardedTo: z.string(),
      resultAt: instant,
      returnedAt: instant,
      note: z.string(),
    }),
  ),
});
export type RegisterBook = z.infer<typeof RegisterBook>;

/** Mẫu 06 in the three formats `format` chooses. */
export const RegisterBookAnswer = {
  description: 'Sổ theo dõi hồ sơ: PDF, Excel hoặc JSON / the register book',
  content: {
    'application/pdf': { schema: z.string().meta({ format: 'binary' }) },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().meta({ format: 'binary' }) },
    'application/json': { schema: RegisterBook },
  },
};
export const formPdf = pdf('biểu mẫu PDF / the form as PDF');
export const attachmentFile = binary('application/octet-stream', 'giấy tờ đính kèm (tải về) / the attachment, as a download');
