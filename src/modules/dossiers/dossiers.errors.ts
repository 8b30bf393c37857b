import { defineErrors } from '#platform/errors.ts';

export const DossierErrors = defineErrors({
  DOSSIER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy hồ sơ', en: 'Dossier not found' },
  DOSSIER_INCOMPLETE: {
    status: 400,
    vi: 'Hồ sơ còn thiếu thành phần bắt buộc: {components}; hãy yêu cầu bổ sung (Mẫu 02)',
    en: 'The dossier lacks required components: {components}; request a supplement instead',
  },
  SUPPLEMENT_ALREADY_REQUESTED: {
    status: 409,
    vi: 'Đã hướng dẫn bổ sung hồ sơ một lần (Phiếu yêu cầu bổ sung ngày {date}); không yêu cầu bổ sung lần thứ hai',
    en: 'The applicant was already guided once (supplement request of {date}); a second request is not allowed',
  },
  SUPPLEMENT_WINDOW_PASSED: {
    status: 422,
    vi: 'Đã quá thời hạn {days} ngày làm việc kể từ khi tiếp nhận để yêu cầu bổ sung hồ sơ',
    en: 'The {days}-working-day window after reception for requesting a supplement has passed',
  },
  EXTENSION_ALREADY_USED: {
    status: 409,
    vi: 'Hồ sơ đã được gia hạn một lần; không được hẹn lại lần thứ hai',
    en: 'The dossier was already extended once; a second extension is not allowed',
  },
  APOLOGY_REQUIRED: {
    status: 409,
    vi: 'Hồ sơ đã quá hạn giải quyết nhưng chưa có Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04); phải gửi phiếu xin lỗi trước khi phê duyệt',
    en: 'The dossier is overdue and carries no apology letter with a new appointment (Form 04); send the apology before approving',
  },
  DEADLINE_PASSED: {
    status: 409,
    vi: 'Đã quá thời hạn giải quyết; không thể dừng xử lý, hãy gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)',
    en: 'The due time has passed; the dossier can no longer be stopped — send the apology with a new appointment (Form 04)',
  },
  ASSIGNEE_NOT_SPECIALIST: {
    status: 400,
    vi: 'Người được phân công phải là chuyên viên của cơ quan đang xử lý hồ sơ',
    en: 'The assignee must be a specialist of the agency processing the dossier',
  },
  APPLICANT_NOT_SELF: {
    status: 403,
    vi: 'Người nộp trực tuyến phải là chính công dân đã đăng nhập; nộp thay người khác cần kèm văn bản ủy quyền (representation.authorisationFileId)',
    en: 'An online applicant must be the signed-in citizen; filing for someone else needs an authorisation document (representation.authorisationFileId)',
  },
  SUBMISSION_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ công dân (trực tuyến) hoặc cán bộ một cửa của cơ quan tiếp nhận được nộp hồ sơ',
    en: 'Only citizens (online) or desk officers of the receiving agency may submit dossiers',
  },
  RECEPTION_PREVIEW_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ cán bộ một cửa của cơ quan tiếp nhận được xem nơi hồ sơ sẽ được chuyển đến',
    en: 'Only desk officers of the receiving agency may preview where a dossier will go',
  },
  LEDGER_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ cán bộ một cửa và lãnh đạo của cơ quan được xem sổ theo dõi hồ sơ',
    en: 'Only the agency’s desk officers and leaders may read its ledger',
  },
  WORKSPACE_FORBIDDEN: {
    status: 403,
    vi: 'Chỉ cán bộ, lãnh đạo của cơ quan giải quyết thủ tục hành chính được xem danh sách hồ sơ',
    en: 'Only officers and leaders of an agency may list its dossiers',
  },
  AGENCY_NOT_IN_SCOPE: {
    status: 403,
    vi: 'Bạn không có vai trò tại cơ quan này',
    en: 'You hold no role at this agency',
  },
  OVERVIEW_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ lãnh đạo cơ quan hoặc lãnh đạo tỉnh được xem tổng quan của cơ quan',
    en: 'Only the agency’s leaders or the provincial leadership may read its overview',
  },
  AGENCY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cơ quan', en: 'Agency not found' },
  APPLICANT_LOOKUP_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ cán bộ một cửa được tra cứu người nộp hồ sơ trước đây của cơ quan mình',
    en: 'Only desk officers may look up earlier applicants of their agency',
  },
  STEPS_PENDING: {
    status: 409,
    vi: 'Hồ sơ còn bước liên thông chưa hoàn thành; cơ quan chủ trì chỉ quyết định khi mọi bước đã xong',
    en: 'Inter-agency steps of the dossier are still open; the lead agency decides once every step is done',
  },
  STEPS_ALREADY_DISPATCHED: {
    status: 409,
    vi: 'Các bước liên thông của hồ sơ đã được chuyển đi',
    en: 'The inter-agency steps of this dossier were already dispatched',
  },
  NO_INTERAGENCY_STEPS: {
    status: 409,
    vi: 'Thủ tục của hồ sơ không có bước liên thông',
    en: 'The procedure of this dossier defines no inter-agency steps',
  },
  STEP_ALREADY_COMPLETED: {
    status: 409,
    vi: 'Bước {step} đã được hoàn thành lúc {finishedAt}',
    en: 'Step {step} was already completed at {finishedAt}',
  },
  NO_LATE_STEP: {
    status: 409,
    vi: 'Không có bước liên thông nào của cơ quan phối hợp đã quá thời hạn để thu hồi',
    en: 'No inter-agency step of another agency has passed its sub-deadline; nothing to recall',
  },
  STEP_NOT_OPEN: {
    status: 409,
    vi: 'Bước liên thông này không đang mở tại cơ quan của bạn',
    en: 'This inter-agency step is not open at your agency',
  },
  ATTACHMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy giấy tờ của hồ sơ', en: 'Attachment not found' },
  RESULT_NOT_ISSUED: {
    status: 409,
    vi: 'Kết quả đã được phê duyệt nhưng văn thư chưa phát hành (cấp số, ngày, ký số); chưa thể trả kết quả',
    en: 'The result is approved but not yet issued by the clerk (number, date, signature); it cannot be returned yet',
  },
  RESULT_ALREADY_ISSUED: {
    status: 409,
    vi: 'Kết quả của hồ sơ đã được phát hành hoặc không chờ văn thư phát hành',
    en: 'The result of this dossier was already issued or does not await the clerk',
  },
  DOSSIER_LOCKED: {
    status: 409,
    vi: 'Hồ sơ đang được xử lý bởi {holder} từ {since}; hãy chờ hoặc đề nghị lãnh đạo tiếp nhận khóa',
    en: 'The dossier is being processed by {holder} since {since}; wait, or ask a leader to take the lock over',
  },
  LOCK_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ cán bộ của cơ quan liên quan đến hồ sơ được nhận xử lý hồ sơ',
    en: 'Only officers of an agency involved in the dossier may claim it for processing',
  },
  LOCK_TAKEOVER_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ lãnh đạo của cơ quan đang xử lý hồ sơ được tiếp nhận khóa xử lý của người khác',
    en: 'Only a leader of the agency currently processing the dossier may take over another officer’s lock',
  },
  DOCUMENT_NOT_AVAILABLE: {
    status: 409,
    vi: 'Hồ sơ chưa có văn bản này ở trạng thái hiện tại',
    en: 'This document does not exist for the dossier in its current state',
  },
  DRAFT_NOT_FOUND: { status: 404, vi: 'Không có bản nháp cho thủ tục này', en: 'No draft for this procedure' },
  DRAFT_TOO_LARGE: {
    status: 413,
    vi: 'Bản nháp quá lớn (tối đa {maxKb} KB)',
    en: 'The draft is too large (at most {maxKb} KB)',
  },
  DRAFTS_FOR_CITIZENS: { status: 403, vi: 'Chỉ công dân lưu được bản nháp hồ sơ', en: 'Only citizens keep dossier drafts' },
});
