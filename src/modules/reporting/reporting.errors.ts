import { defineErrors } from '#platform/errors.ts';

/** Failures of the reporting module (stable codes, Vietnamese and English). */
export const ReportingErrors = defineErrors({
  REGIME_NOT_FOUND: { status: 404, vi: 'Không tìm thấy chế độ báo cáo', en: 'Reporting regime not found' },
  REPORTING_PERIOD_INVALID: {
    status: 400,
    vi: 'Kỳ báo cáo "{period}" không thuộc chế độ báo cáo này (ví dụ: 2026-01, 2026-Q1, 2026-H1, 2026-9M, 2026)',
    en: 'Period "{period}" is not one of this regime’s periods (e.g. 2026-01, 2026-Q1, 2026-H1, 2026-9M, 2026)',
  },
  REPORT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy báo cáo', en: 'Report not found' },
  REPORTING_NOT_ALLOWED: { status: 403, vi: 'Ông/Bà không được giao nhiệm vụ báo cáo của đơn vị này', en: 'You have no reporting role at this unit' },
  REPORT_ACTION_NOT_ALLOWED: {
    status: 409,
    vi: 'Không thể "{action}" báo cáo đang ở trạng thái "{status}"',
    en: 'Cannot "{action}" a report whose status is "{status}"',
  },
  REPORT_LOCKED: { status: 409, vi: 'Báo cáo đã gửi, không sửa được số liệu (trạng thái "{status}")', en: 'The report was submitted: its figures cannot change (status "{status}")' },
  REPORT_RECEIVED_ELSEWHERE: {
    status: 409,
    vi: 'Báo cáo đã được gửi đến đơn vị nhận tại hệ thống "{node}"; việc trả lại hoặc tiếp nhận thực hiện tại hệ thống đó',
    en: 'The report was sent to its receiving unit at installation "{node}": it is returned or accepted there',
  },
  REPORT_KEPT_ELSEWHERE: {
    status: 409,
    vi: 'Báo cáo do đơn vị lập tại hệ thống "{node}"; số liệu chỉ sửa và ký số tại hệ thống đó',
    en: 'The report is kept by its unit at installation "{node}": it is filled and signed there',
  },
  REPORT_VALUES_INVALID: { status: 400, vi: 'Số liệu báo cáo không hợp lệ', en: 'Invalid report figures' },
  REPORT_INCOMPLETE: { status: 409, vi: 'Báo cáo chưa đủ hoặc chưa khớp số liệu; chưa thể gửi', en: 'The report is incomplete or inconsistent: it cannot be submitted yet' },
  RETURN_REASON_REQUIRED: { status: 400, vi: 'Trả lại báo cáo cần ghi rõ lý do', en: 'Returning a report needs a reason' },
  RECEIVER_ONLY: { status: 403, vi: 'Chỉ đơn vị nhận báo cáo được trả lại hoặc tiếp nhận', en: 'Only the receiving unit may return or accept' },
  EXCEL_INVALID: { status: 400, vi: 'Tệp Excel có ô không hợp lệ; không lưu số liệu nào', en: 'The Excel file has invalid cells: nothing was stored' },
  EXCEL_MISSING: { status: 400, vi: 'Cần gửi tệp Excel (.xlsx) trong trường "file"', en: 'Send the Excel file (.xlsx) in the "file" field' },
  REQUEST_INVALID: { status: 400, vi: 'Yêu cầu báo cáo đột xuất không hợp lệ', en: 'Invalid ad hoc report request' },
  REQUEST_NOT_FOUND: { status: 404, vi: 'Không tìm thấy yêu cầu báo cáo', en: 'Report request not found' },
  REQUEST_LEADER_ONLY: { status: 403, vi: 'Chỉ lãnh đạo đơn vị nhận báo cáo được yêu cầu báo cáo đột xuất', en: 'Only a leader of the receiving unit may request an ad hoc report' },
});
