/**
 * What an applicant rates (NĐ 61/2018 Art. 29, the criteria of domain.md §2.11) and on which
 * scale. The three-level scale is the one public portals show; it is data, not law we verified.
 */
export const RATING_CRITERIA = {
  time_vs_rule: { vi: 'Thời gian giải quyết so với quy định', en: 'Processing time against the rule' },
  bodies_contacted: { vi: 'Số cơ quan, đơn vị phải liên hệ', en: 'Number of bodies contacted' },
  contacts_count: { vi: 'Số lần phải liên hệ để hoàn thiện hồ sơ', en: 'Contacts needed to complete the dossier' },
  info_accuracy: { vi: 'Tính chính xác của thông tin công khai về thủ tục', en: 'Accuracy of the published information' },
  staff_attitude: { vi: 'Thái độ, tác phong của cán bộ', en: 'Staff attitude' },
  lawful_result: { vi: 'Kết quả đúng quy định, không phát sinh chi phí ngoài quy định', en: 'Lawful result, no unofficial costs' },
  complaint_answers: { vi: 'Việc trả lời phản ánh, kiến nghị', en: 'Answers to feedback and complaints' },
  online_service: { vi: 'Chất lượng dịch vụ công trực tuyến', en: 'Quality of the online service' },
} as const;
export type Criterion = keyof typeof RATING_CRITERIA;
export const CRITERIA = Object.keys(RATING_CRITERIA) as Criterion[];

export const RATING_LEVELS = {
  rat_hai_long: { vi: 'Rất hài lòng', en: 'Very satisfied', satisfied: true },
  hai_long: { vi: 'Hài lòng', en: 'Satisfied', satisfied: true },
  khong_hai_long: { vi: 'Không hài lòng', en: 'Not satisfied', satisfied: false },
} as const;
export type RatingLevel = keyof typeof RATING_LEVELS;
export const LEVELS = Object.keys(RATING_LEVELS) as RatingLevel[];

/** Statuses in which the dossier is finished and may be rated. */
export const RATEABLE_STATUSES = ['RESULT_READY', 'RESULT_RETURNED', 'REJECTED_AT_INTAKE', 'STOPPED'] as const;
