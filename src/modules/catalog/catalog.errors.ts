import { defineErrors } from '#platform/errors.ts';

export const CatalogErrors = defineErrors({
  PROCEDURE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thủ tục hành chính', en: 'Procedure not found' },
  PROCEDURE_DEADLINE_UNKNOWN: {
    status: 422,
    vi: 'Thủ tục chưa có thời hạn giải quyết được công bố; cơ quan quản lý danh mục cần bổ sung',
    en: 'The procedure has no published processing time; the catalogue must be completed',
  },
  PROCEDURE_NOT_ONLINE: {
    status: 422,
    vi: 'Thủ tục này chưa tiếp nhận hồ sơ trực tuyến; vui lòng nộp trực tiếp hoặc qua bưu chính tại cơ quan tiếp nhận',
    en: 'This procedure does not accept online submission; please submit in person or by post at the receiving agency',
  },
  CATALOG_FILE_INVALID: {
    status: 400,
    vi: 'Tệp danh mục thủ tục không đúng định dạng: {reason}',
    en: 'The procedure file is not in the expected shape: {reason}',
  },
});
