import { z } from 'zod';
import { IsoDate, IsoDateTime, pageOf, pageQuery } from '#platform/contract.ts';
import { CRITERIA, type Criterion, LEVELS, type RatingLevel } from './criteria.ts';

export type { Criterion, RatingLevel } from './criteria.ts';

/** Every request and answer of the evaluation routes: ratings, satisfaction, feedback (phản ánh, kiến nghị). */

const level = z.enum(LEVELS as [RatingLevel, ...RatingLevel[]]);
/** A level per criterion rated (any subset of the 8 criteria). */
const Scores = z.partialRecord(z.enum(CRITERIA as [Criterion, ...Criterion[]]), level);
export const RatingBody = z.object({
  scores: Scores.refine((s) => Object.keys(s).length > 0, 'cần đánh giá ít nhất một tiêu chí / rate at least one criterion'),
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
export const PageQuery = z.object(pageQuery);

// ─── Answers ──────────────────────────────────────────────────────────────────────────────

/** A dossier's rating by its applicant (one per dossier). */
export const Rating = z.object({ scores: Scores, comment: z.string().nullable(), ratedAt: IsoDateTime });
export type Rating = z.infer<typeof Rating>;
export const RatingOfDossier = z.object({ rating: Rating.nullable() });

/** Published satisfaction of an agency (NĐ 61 Art. 31): per criterion the count of each level and the satisfied share (%). */
export const Satisfaction = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  ratings: z.number().int(),
  satisfiedPercent: z.number().nullable(),
  criteria: z.array(
    z.object({
      criterion: z.enum(CRITERIA as [Criterion, ...Criterion[]]),
      label: z.string(),
      labelEn: z.string(),
      counts: z.record(level, z.number().int()),
      answers: z.number().int(),
      satisfiedPercent: z.number().nullable(),
    }),
  ),
  levels: z.array(z.object({ level, label: z.string(), labelEn: z.string() })),
});
export type Satisfaction = z.infer<typeof Satisfaction>;

/** Phản ánh, kiến nghị as its author and the agency see it; `overdue` while unanswered after the due date. */
export const Feedback = z.object({
  reference: z.string(),
  agencyCode: z.string(),
  dossierCode: z.string().nullable(),
  subject: z.string(),
  content: z.string(),
  authorName: z.string(),
  publish: z.boolean(),
  receivedAt: IsoDateTime,
  answerDueDate: IsoDate,
  overdue: z.boolean(),
  answer: z.string().nullable(),
  answeredAt: IsoDateTime.nullable(),
});
export type Feedback = z.infer<typeof Feedback>;
export const FeedbackList = z.object({ items: z.array(Feedback) });
export const FeedbackPage = z.object(pageOf(Feedback));

/** What the public list shows: no author, no dossier code. */
export const PublicFeedback = Feedback.pick({ reference: true, subject: true, content: true, receivedAt: true, answer: true, answeredAt: true }).extend({
  agency: z.object({ code: z.string(), name: z.string() }),
});
export type PublicFeedback = z.infer<typeof PublicFeedback>;
export const PublicFeedbackPage = z.object(pageOf(PublicFeedback));
