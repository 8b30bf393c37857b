import { defineErrors } from '#platform/errors.ts';

export const EvaluationErrors = defineErrors({
  RATING_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ người nộp hồ sơ được đánh giá, sau khi hồ sơ đã có kết quả',
    en: 'Only the applicant may rate, once the dossier is finished',
  },
  DOSSIER_NOT_FINISHED: {
    status: 409,
    vi: 'Hồ sơ chưa giải quyết xong nên chưa thể đánh giá',
    en: 'The dossier is not finished yet and cannot be rated',
  },
  ALREADY_RATED: { status: 409, vi: 'Hồ sơ này đã được đánh giá', en: 'This dossier has already been rated' },
  FEEDBACK_NOT_FOUND: { status: 404, vi: 'Không tìm thấy phản ánh, kiến nghị', en: 'Feedback not found' },
  FEEDBACK_ALREADY_ANSWERED: { status: 409, vi: 'Phản ánh, kiến nghị này đã được trả lời', en: 'This feedback has already been answered' },
  FEEDBACK_ANSWER_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ lãnh đạo hoặc cán bộ một cửa của cơ quan được phản ánh mới được trả lời',
    en: 'Only a leader or desk officer of the agency concerned may answer',
  },
});
