import { z } from 'zod';
import { QUEUE_SORTS, QUEUES } from './dossiers.repository.ts';

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
  sort: z.enum(Object.keys(QUEUE_SORTS) as [keyof typeof QUEUE_SORTS, ...(keyof typeof QUEUE_SORTS)[]]).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export const AgencyParams = z.object({ code: z.string().min(1).max(60) });
export const AttachmentParams = z.object({ id: z.string().min(1).max(100), fileId: z.string().min(1).max(100) });

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
