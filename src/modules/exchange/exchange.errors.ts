import { defineErrors } from '#platform/errors.ts';

export const ExchangeErrors = defineErrors({
  EXCHANGE_DOCUMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy văn bản', en: 'Document not found' },
  EXCHANGE_NOT_CLERK: {
    status: 403,
    vi: 'Chỉ văn thư của cơ quan {agency} được thực hiện thao tác này',
    en: 'Only a clerk of agency {agency} may do this',
  },
  EXCHANGE_AGENCY_NOT_HOSTED: {
    status: 422,
    vi: 'Cơ quan {agency} không thuộc hệ thống này',
    en: 'Agency {agency} is not hosted by this installation',
  },
  EXCHANGE_UNKNOWN_RECIPIENT: {
    status: 422,
    vi: 'Không tìm thấy nơi nhận {agency} trên trục liên thông',
    en: 'Recipient {agency} is not known on the interconnection axis',
  },
  EXCHANGE_NUMBER_TAKEN: {
    status: 409,
    vi: 'Số {number} năm {year} của cơ quan đã được dùng cho văn bản khác',
    en: 'Number {number} of {year} is already used by another document of the agency',
  },
  EXCHANGE_DOCUMENT_EXISTS: {
    status: 409,
    vi: 'Văn bản {documentId} đã được gửi',
    en: 'Document {documentId} was already sent',
  },
  EXCHANGE_ATTACHMENT_NOT_FOUND: { status: 422, vi: 'Không tìm thấy tệp đính kèm {fileId}', en: 'Attachment {fileId} not found' },
  EXCHANGE_STATUS_NOT_ALLOWED: {
    status: 409,
    vi: 'Không thể chuyển trạng thái {from} sang {to}',
    en: 'Status {to} cannot follow {from}',
  },
  EXCHANGE_REASON_REQUIRED: { status: 400, vi: 'Cần nêu lý do', en: 'A reason is required' },
  EXCHANGE_TARGET_INVALID: {
    status: 422,
    vi: 'Văn bản {documentId} không phải văn bản đi của cơ quan nên không thể thu hồi, cập nhật hay thay thế',
    en: 'Document {documentId} is not an outgoing document of the agency, so it cannot be revoked, updated or replaced',
  },
  EXCHANGE_ENVELOPE_REFUSED: {
    status: 422,
    vi: 'Gói tin edXML bị từ chối: {problem} ({detail})',
    en: 'edXML package refused: {problem} ({detail})',
  },
  EXCHANGE_NOT_NATIONAL: {
    status: 404,
    vi: 'Hệ thống này không phải nút Cổng Dịch vụ công quốc gia',
    en: 'This installation is not the national portal node',
  },
  EXCHANGE_SYNC_REFUSED: {
    status: 422,
    vi: 'Lô đồng bộ bị từ chối: {problem} ({detail})',
    en: 'Sync batch refused: {problem} ({detail})',
  },
  EXCHANGE_NOT_XML: { status: 415, vi: 'Cần gửi gói tin edXML (application/xml)', en: 'Send an edXML package (application/xml)' },
});
