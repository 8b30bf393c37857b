import { formatDateTime } from './format.ts';
import { createDoc, field, header, longDate, pageNumbers, paragraph, qr, table, title, toBuffer } from './pdf.ts';

export const SUBMISSION_RECEIPT_TITLE = 'GIẤY XÁC NHẬN ĐÃ NỘP HỒ SƠ TRỰC TUYẾN';

export interface SubmissionReceiptData {
  issuedAt: string;
  submittedAt: string;
  reference: string;
  agencyName: string;
  procedureCode: string;
  procedureName: string;
  applicant: { fullName: string; idNumber: string; phone: string };
  documents: { code: string; name: string; provided: boolean }[];
  trackingUrl: string;
}

/**
 * What an online applicant holds at once, before the desk has received the dossier (and given
 * it its code and appointment, Mẫu 01): the reference to track it by, the time, the agency and
 * the files sent. A5, with the tracking QR code.
 */
export async function renderSubmissionReceipt(data: SubmissionReceiptData): Promise<Buffer> {
  const doc = createDoc({ size: 'A5', title: `${SUBMISSION_RECEIPT_TITLE} ${data.reference}`, issuedAt: data.issuedAt });
  header(doc, { agencyName: data.agencyName, number: `Mã tra cứu: ${data.reference}`, dateLine: longDate(data.submittedAt) });
  title(doc, SUBMISSION_RECEIPT_TITLE, `Mã tra cứu: ${data.reference}`);
  field(doc, 'Người nộp', data.applicant.fullName);
  field(doc, 'Số định danh cá nhân', data.applicant.idNumber, { boldValue: false });
  field(doc, 'Số điện thoại', data.applicant.phone, { boldValue: false });
  field(doc, 'Thủ tục', `${data.procedureName} (${data.procedureCode})`, { boldValue: false });
  field(doc, 'Nơi tiếp nhận', data.agencyName, { boldValue: false });
  field(doc, 'Thời điểm nộp', formatDateTime(data.submittedAt), { boldValue: false });
  field(doc, 'Tình trạng', 'Mới đăng ký — chờ cơ quan tiếp nhận', { boldValue: false });
  if (data.documents.length > 0) {
    doc.moveDown(0.3);
    table(
      doc,
      [
        { header: 'Mã', width: 0.12 },
        { header: 'Thành phần hồ sơ', width: 0.7 },
        { header: 'Đã nộp', width: 0.18 },
      ],
      data.documents.map((d) => [d.code, d.name, d.provided ? 'Có' : 'Không']),
      { fontSize: 8 },
    );
  }
  doc.moveDown(0.5);
  paragraph(
    doc,
    'Giấy này xác nhận hồ sơ đã được gửi đến cơ quan tiếp nhận, chưa phải Giấy tiếp nhận hồ sơ và hẹn trả kết quả. ' +
      'Khi cơ quan tiếp nhận, hồ sơ được cấp mã số hồ sơ và ngày hẹn trả; mã tra cứu trên vẫn dùng được để tra cứu.',
    'italic',
  );
  await qr(doc, data.trackingUrl, `Tra cứu hồ sơ: ${data.trackingUrl}`);
  pageNumbers(doc);
  return toBuffer(doc);
}
