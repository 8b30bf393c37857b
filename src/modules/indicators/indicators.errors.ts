import { defineErrors } from '#platform/errors.ts';

export const IndicatorErrors = defineErrors({
  INDICATORS_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ lãnh đạo cơ quan, lãnh đạo tỉnh hoặc giám sát quốc gia được xem số liệu chỉ đạo điều hành',
    en: 'Only agency leaders, provincial leaders or national oversight may read the command center figures',
  },
  UNIT_OUT_OF_SCOPE: { status: 403, vi: 'Đơn vị này nằm ngoài phạm vi được xem của bạn', en: 'This unit is outside what you may view' },
  UNIT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đơn vị', en: 'Unit not found' },
  PERIOD_INVALID: {
    status: 400,
    vi: 'Kỳ báo cáo không hợp lệ (ví dụ 2026-03, 2026-Q1, 2026-H1, 2026-9M, 2026)',
    en: 'Invalid period (e.g. 2026-03, 2026-Q1, 2026-H1, 2026-9M, 2026)',
  },
  RANGE_INVALID: { status: 400, vi: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc', en: 'The start date must not be after the end date' },
  GROUP_INVALID: {
    status: 400,
    vi: 'Cần cả cách nhóm (groupBy) và khóa nhóm (key) để lọc theo một dòng thống kê',
    en: 'Filtering by a statistics line needs both groupBy and key',
  },
  INDICATOR_NOT_FOUND: { status: 404, vi: 'Không có chỉ số này trong bộ chỉ số 766', en: 'No such indicator in the Decision 766 rule book' },
  INDICATOR_MISSING_DATA: {
    status: 409,
    vi: 'Chỉ số này chưa có dữ liệu trong hệ thống nên không có danh sách hồ sơ',
    en: 'This indicator has no data in the system, so there is no dossier list',
  },
  AGGREGATES_NOT_NATIONAL: {
    status: 404,
    vi: 'Chỉ nút quốc gia nhận số liệu tổng hợp của các hệ thống',
    en: 'Only the national node takes the installations’ aggregates',
  },
  AGGREGATES_REFUSED: {
    status: 422,
    vi: 'Gói số liệu tổng hợp bị từ chối: {problem} ({detail})',
    en: 'Aggregates refused: {problem} ({detail})',
  },
});
