import { defineErrors } from '#platform/errors.ts';

export const SignatureErrors = defineErrors({
  RESULT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy kết quả giải quyết', en: 'Result not found' },
  RESULT_ALREADY_REVOKED: { status: 409, vi: 'Kết quả này đã bị thu hồi', en: 'This result was already revoked' },
  REVOKE_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ lãnh đạo cơ quan đã ban hành kết quả được thu hồi kết quả',
    en: 'Only a leader of the issuing agency may revoke a result',
  },
  NO_SIGNING_CERTIFICATE: {
    status: 409,
    vi: 'Cơ quan {agency} chưa có chứng thư số để ký kết quả; hãy nạp chứng thư số do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp',
    en: 'Agency {agency} has no signing certificate; import one issued by the certification authority',
  },
  NOT_A_PDF: { status: 415, vi: 'Chỉ kiểm tra được tệp PDF', en: 'Only PDF files can be checked' },
  PDF_MISSING: {
    status: 400,
    vi: 'Thiếu tệp: gửi tệp PDF trong trường "file" của biểu mẫu multipart',
    en: 'No file: send the PDF in the multipart field "file"',
  },
  CERTIFICATE_IMPORT_INVALID: {
    status: 400,
    vi: 'Tệp chứng thư số không hợp lệ: {problem}',
    en: 'The certificate file is not valid: {problem}',
  },
});
