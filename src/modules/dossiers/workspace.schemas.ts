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
  /** Only this procedure (code, e.g. 1.001193). */
  procedure: z.string().trim().min(1).max(60).optional(),
  /** Received (or submitted, before reception) from / to these dates (yyyy-mm-dd, Hà Nội time). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Only dossiers assigned to this officer (user id). */
  assignee: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(Object.keys(QUEUE_SORTS) as [keyof typeof QUEUE_SORTS, ...(keyof typeof QUEUE_SORTS)[]]).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
})
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'ngày kết thúc không được trước ngày bắt đầu' });
export type QueueQuery = z.infer<typeof QueueQuery>;

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
