import { z } from 'zod';
import { CRITERIA, type Criterion, LEVELS, type RatingLevel } from './criteria.ts';

const level = z.enum(LEVELS as [RatingLevel, ...RatingLevel[]]);
export const RatingBody = z.object({
  scores: z
    .partialRecord(z.enum(CRITERIA as [Criterion, ...Criterion[]]), level)
    .refine((s) => Object.keys(s).length > 0, 'cần đánh giá ít nhất một tiêu chí / rate at least one criterion'),
  comment: z.string().trim().max(2000).optional(),
});
export type RatingBody = z.infer<typeof RatingBody>;

export const FeedbackBody = z.object({
  agencyCode: z.string().trim().min(2).max(40),
  dossierCode: z.string().trim().max(60).optional(),
  subject: z.string().trim().min(5).max(200),
  content: z.string().trim().min(10).max(5000),
  publish: z.boolean().default(false),
});
export type FeedbackBody = z.infer<typeof FeedbackBody>;

export const AnswerBody = z.object({ answer: z.string().trim().min(10).max(5000) });
export const IdParams = z.object({ id: z.string().min(1).max(100) });
export const ReferenceParams = z.object({ reference: z.string().regex(/^PAKN-\d{4}-\d{6}$/, 'số tham chiếu dạng PAKN-YYYY-NNNNNN') });
export const AgencyParams = z.object({ code: z.string().min(2).max(40) });
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
