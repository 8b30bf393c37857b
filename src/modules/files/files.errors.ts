import { defineErrors } from '#platform/errors.ts';

export const FileErrors = defineErrors({
  UNSUPPORTED_FILE_TYPE: {
    status: 415,
    vi: 'Định dạng tệp không được hỗ trợ. Chỉ chấp nhận tệp PDF, JPEG, PNG, DOCX (Word) hoặc XLSX (Excel)',
    en: 'Unsupported file type. Only PDF, JPEG, PNG, DOCX (Word) or XLSX (Excel) files are accepted',
  },
  FILE_TOO_LARGE: {
    status: 413,
    vi: 'Tệp vượt quá dung lượng cho phép ({maxMb} MB)',
    en: 'The file is larger than allowed ({maxMb} MB)',
  },
  FILE_MISSING: {
    status: 400,
    vi: 'Thiếu tệp: gửi tệp trong trường "file" của biểu mẫu multipart',
    en: 'No file: send it in the multipart field "file"',
  },
  FILE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tệp', en: 'File not found' },
  UPLOAD_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lượt tải lên (đã hết hạn hoặc không phải của Ông/Bà)', en: 'Upload not found (expired, or not yours)' },
  UPLOAD_LENGTH_REQUIRED: {
    status: 400,
    vi: 'Thiếu dung lượng tệp: gửi tiêu đề Upload-Length (số byte) khi bắt đầu tải lên',
    en: 'Missing file size: send the Upload-Length header (bytes) when creating the upload',
  },
  UPLOAD_INCOMPLETE: {
    status: 409,
    vi: 'Tệp chưa tải lên xong ({offset}/{size} byte); hãy tiếp tục tải lên',
    en: 'The upload is not complete ({offset}/{size} bytes); continue uploading',
  },
});
