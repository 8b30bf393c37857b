import type { Sql } from '#platform/db.ts';
import type { Criterion, RatingLevel } from './criteria.ts';

export interface Rating {
  dossierId: string;
  agencyCode: string;
  scores: Partial<Record<Criterion, RatingLevel>>;
  comment: string | null;
  ratedAt: Date;
}

export interface Feedback {
  id: string;
  reference: string;
  agencyCode: string;
  dossierCode: string | null;
  subject: string;
  content: string;
  authorId: string;
  authorName: string;
  publish: boolean;
  receivedAt: Date;
  answerDueDate: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: Date | null;
}

const feedbackColumns = `id, reference, agency_code AS "agencyCode", dossier_code AS "dossierCode", subject, content,
  author_id AS "authorId", author_name AS "authorName", publish, received_at AS "receivedAt",
  answer_due_date AS "answerDueDate", answer, answered_by AS "answeredBy", answered_at AS "answeredAt"`;

export const evaluationRepository = {
  /** False when the dossier already has a rating. */
  async insertRating(tx: Sql, r: Rating & { ratedBy: string }): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO dossier_ratings (dossier_id, agency_code, rated_by, scores, comment, rated_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dossier_id) DO NOTHING RETURNING dossier_id`,
      [r.dossierId, r.agencyCode, r.ratedBy, JSON.stringify(r.scores), r.comment, r.ratedAt],
    );
    return rows.length === 1;
  },

  async findRating(tx: Sql, dossierId: string): Promise<Rating | null> {
    const [row] = await tx.query<Rating>(
      `SELECT dossier_id AS "dossierId", agency_code AS "agencyCode", scores, comment, rated_at AS "ratedAt"
       FROM dossier_ratings WHERE dossier_id = $1`,
      [dossierId],
    );
    return row ?? null;
  },

  /** Per criterion: how many ratings gave each level, for one agency (or every agency of a province). */
  async satisfaction(tx: Sql, filter: { agencyCode: string }): Promise<{ criterion: Criterion; level: RatingLevel; n: number }[]> {
    return tx.query(
      `SELECT s.key AS criterion, s.value AS level, count(*)::int AS n
       FROM dossier_ratings r, jsonb_each_text(r.scores) s
       WHERE r.agency_code = $1
       GROUP BY s.key, s.value`,
      [filter.agencyCode],
    );
  },

  async countRatings(tx: Sql, agencyCode: string): Promise<number> {
    const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM dossier_ratings WHERE agency_code = $1', [agencyCode]);
    return row.n;
  },

  /** Next reference number of the year: PAKN-YYYY-NNNNNN, gap-free. */
  async nextFeedbackNumber(tx: Sql, year: number): Promise<number> {
    const [row] = await tx.query<{ last_value: number }>(
      `INSERT INTO feedback_sequences (year, last_value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_value = feedback_sequences.last_value + 1 RETURNING last_value`,
      [year],
    );
    return row.last_value;
  },

  async insertFeedback(tx: Sql, f: Omit<Feedback, 'answer' | 'answeredBy' | 'answeredAt'>): Promise<void> {
    await tx.query(
      `INSERT INTO feedback (id, reference, agency_code, dossier_code, subject, content, author_id, author_name, publish, received_at, answer_due_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [f.id, f.reference, f.agencyCode, f.dossierCode, f.subject, f.content, f.authorId, f.authorName, f.publish, f.receivedAt, f.answerDueDate],
    );
  },

  async lockFeedback(tx: Sql, reference: string): Promise<Feedback | null> {
    const [row] = await tx.query<Feedback>(`SELECT ${feedbackColumns} FROM feedback WHERE reference = $1 FOR UPDATE`, [reference]);
    return row ?? null;
  },

  async answerFeedback(tx: Sql, id: string, a: { answer: string; answeredBy: string; answeredAt: Date }): Promise<Feedback> {
    const [row] = await tx.query<Feedback>(
      `UPDATE feedback SET answer = $2, answered_by = $3, answered_at = $4 WHERE id = $1 RETURNING ${feedbackColumns}`,
      [id, a.answer, a.answeredBy, a.answeredAt],
    );
    return row;
  },

  async listByAuthor(tx: Sql, authorId: string): Promise<Feedback[]> {
    return tx.query<Feedback>(`SELECT ${feedbackColumns} FROM feedback WHERE author_id = $1 ORDER BY received_at DESC LIMIT 200`, [authorId]);
  },

  async listForAgencies(tx: Sql, agencies: string[], page: { limit: number; offset: number }): Promise<{ items: Feedback[]; total: number }> {
    const items = await tx.query<Feedback>(
      `SELECT ${feedbackColumns} FROM feedback WHERE agency_code = ANY($1::text[])
       ORDER BY (answer IS NULL) DESC, answer_due_date, received_at LIMIT $2 OFFSET $3`,
      [agencies, page.limit, page.offset],
    );
    const [count] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE agency_code = ANY($1::text[])', [agencies]);
    return { items, total: count.n };
  },

  async listPublished(tx: Sql, page: { limit: number; offset: number }): Promise<{ items: Feedback[]; total: number }> {
    const items = await tx.query<Feedback>(
      `SELECT ${feedbackColumns} FROM feedback WHERE publish AND answer IS NOT NULL ORDER BY answered_at DESC LIMIT $1 OFFSET $2`,
      [page.limit, page.offset],
    );
    const [count] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE publish AND answer IS NOT NULL');
    return { items, total: count.n };
  },
};
