import { defineErrors } from '#platform/errors.ts';

/** Failures of the post-inspection module (stable codes, Vietnamese and English). */
export const InspectionErrors = defineErrors({
  PLAN_NOT_FOUND: { status: 404, vi: 'Không tìm thấy kế hoạch hậu kiểm', en: 'Inspection plan not found' },
  DRAW_NOT_FOUND: { status: 404, vi: 'Kế hoạch chưa rút mẫu lần nào', en: 'The plan has not been drawn yet' },
  CASE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy hồ sơ hậu kiểm', en: 'Inspection case not found' },
  DECLARATION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bản công bố/thông báo thuộc diện hậu kiểm', en: 'No declaration under post-control found' },
  LEADER_ONLY: { status: 403, vi: 'Chỉ lãnh đạo thanh tra của cơ quan được thực hiện thao tác này', en: 'Only the head of inspection of the authority may do this' },
  INSPECTOR_UNKNOWN: { status: 400, vi: 'Không có thanh tra viên {inspector} tại cơ quan', en: 'No inspector {inspector} at the authority' },
  CASE_ACTION_NOT_ALLOWED: {
    status: 409,
    vi: 'Không thể "{action}" hồ sơ hậu kiểm đang ở trạng thái "{status}"',
    en: 'Cannot "{action}" an inspection case whose status is "{status}"',
  },
  ALREADY_CONCLUDED: { status: 409, vi: 'Hồ sơ hậu kiểm đã có kết luận khác', en: 'The case already has a different conclusion' },
  LEGAL_BASIS_REQUIRED: { status: 400, vi: 'Kết luận xử phạt hoặc yêu cầu khắc phục phải nêu căn cứ pháp lý', en: 'A sanction or correction needs its legal basis' },
  CORRECT_BY_REQUIRED: { status: 400, vi: 'Yêu cầu khắc phục phải có thời hạn khắc phục (correctBy)', en: 'A correction needs its deadline (correctBy)' },
  REVOCATION_NOT_CONCLUDED: { status: 409, vi: 'Chỉ thu hồi kết quả khi kết luận hậu kiểm là xử phạt', en: 'A result is revoked only on a sanction conclusion' },
  NO_RESULT: { status: 409, vi: 'Hồ sơ không có kết quả đã ký để thu hồi', en: 'The dossier has no signed result to revoke' },
  VISIT_NOT_RECORDED: { status: 409, vi: 'Cần ghi biên bản kiểm tra trước khi kết luận', en: 'Record the visit before concluding' },
  DECLARANT_ONLY: { status: 404, vi: 'Không tìm thấy bản công bố/thông báo thuộc diện hậu kiểm', en: 'No declaration under post-control found' },
  NOTHING_CHANGED: { status: 409, vi: 'Nội dung sửa đổi giống hệt phiên bản hiện tại', en: 'The correction is identical to the current version' },
  CASE_OPEN: { status: 409, vi: 'Đang có hồ sơ hậu kiểm chưa kết luận cho bản công bố này: không sửa đổi được', en: 'An inspection case is open on this declaration: it cannot be corrected now' },
  FIGURES_NOT_ALLOWED: { status: 403, vi: 'Ông/Bà không được xem số liệu hậu kiểm của phạm vi này', en: 'You may not see the post-inspection figures of this scope' },
});
