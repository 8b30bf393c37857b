import { z } from 'zod';
import {
  APPLICANT_LIMITS,
  ID_NUMBER_PATTERN,
  ID_PROVINCE_PREFIXES,
  normalizeIdNumber,
  normalizePhone,
  PHONE_PATTERN,
} from './applicant-rules.ts';

/** zod in and out of the dossier API (api.md §5); the web app shares applicant-rules.ts. */

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

export const Applicant = z.object({
  fullName: text(APPLICANT_LIMITS.fullName),
  idNumber: IdNumber,
  phone: Phone,
  email: z.email().max(APPLICANT_LIMITS.email).optional().nullable(),
  address: z.object({
    communeCode: z.string().regex(/^\d{5}$/, 'mã đơn vị hành chính cấp xã 5 chữ số'),
    detail: text(APPLICANT_LIMITS.addressDetail),
  }),
});
export type Applicant = z.infer<typeof Applicant>;

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
  }),
  z.object({ action: z.literal('withdraw'), reason: z.string().trim().max(2000).optional() }),
]);
export type ActionBody = z.infer<typeof ActionBody>;

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
