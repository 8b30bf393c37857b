import { z } from 'zod';
import { IsoDateTime } from '#platform/contract.ts';

/** Every request and answer of the audit trail (nhật ký kiểm toán) an auditor reads. */

const date = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'ngày trong khoảng 2000–2100 / a date between 2000 and 2100');

/** What to look for: every filter optional; newest first, a page of `limit` rows before the id `before`. */
export const AuditQuery = z
  .object({
    dossierCode: z.string().trim().min(3).max(60).optional(),
    /** The person whose data it is: the applicant's (declarant's) identity number — CCCD, tax code — on any of their dossiers. */
    applicantId: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z-]{6,20}$/, 'số định danh: 6–20 chữ số, chữ cái hoặc gạch nối / an identity number: 6–20 digits, letters or hyphens')
      .optional(),
    username: z.string().trim().toLowerCase().min(2).max(100).optional(),
    /** An action, or its first words: `dossier.` finds every action on dossiers. */
    action: z
      .string()
      .trim()
      .max(60)
      .regex(/^[a-z_.-]*$/, 'chữ thường, dấu chấm, gạch dưới / lower-case letters, dots, underscores')
      .optional(),
    from: date.optional(),
    to: date.optional(),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'đến ngày phải sau từ ngày / "to" must not be before "from"' });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: IsoDateTime,
  chain: z.string(),
  seq: z.number().int(),
  action: z.string(),
  /** What the action means (null: an action this version has no words for; show `action`). */
  label: z.string().nullable(),
  labelEn: z.string().nullable(),
  actor: z.object({ id: z.string(), username: z.string().nullable(), fullName: z.string().nullable() }).nullable(),
  subject: z.object({ type: z.string(), id: z.string(), dossierCode: z.string().nullable() }),
  data: z.record(z.string(), z.unknown()),
  /** Sealed with the installation's key (HMAC); false for a row written before sealing existed. */
  sealed: z.boolean(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
  /**
   * Where the reader may look: null everywhere, else the agencies of their grants; `province` names
   * the province of a province's People's Committee, whose grant covers every agency of that province.
   */
  scope: z.array(z.object({ code: z.string(), name: z.string(), province: z.string().nullable() })).nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const ChainQuery = z.object({ chain: z.string().trim().min(3).max(200) });

const Problem = z.object({
  seq: z.number().int(),
  problem: z.enum(['altered', 'gap', 'broken_link', 'unsealed', 'rewritten', 'truncated', 'chain_missing', 'checkpoint_invalid']),
});

/** One chain recomputed against the latest checkpoint that signed its head (the whole log: `motcua audit verify`). */
export const ChainCheck = z.object({
  chain: z.string(),
  rows: z.number().int(),
  intact: z.boolean(),
  problems: z.array(Problem),
  checkpoint: z.object({ seq: z.number().int(), at: IsoDateTime, headSeq: z.number().int().nullable() }).nullable(),
  /** Rows of the chain written after that checkpoint (sealed, not yet anchored). */
  rowsSinceCheckpoint: z.number().int(),
});
export type ChainCheck = z.infer<typeof ChainCheck>;
