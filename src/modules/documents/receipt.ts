import type { ReceiptData } from './documents.types.ts';
import { formatAppointment, formatDeadline } from './format.ts';
import { createDoc, field, header, longDate, pageNumbers, paragraph, qr, signatures, table, title, toBuffer } from './pdf.ts';

export const RECEIPT_TITLE = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
export const DESK = 'Bộ phận Tiếp nhận và Trả kết quả';
const two = (n: number) => String(n).padStart(2, '0');

/** Mẫu 01 (TT 01/2018): receipt and appointment slip, A5, with a QR code to the tracking page. */
export async function renderReceipt(data: ReceiptData): Promise<Buffer> {
  const receivedAt = data.receivedAt ?? data.issuedAt;
  const doc = createDoc({ size: 'A5', title: `${RECEIPT_TITLE} ${data.code}`, issuedAt: data.issuedAt });
  header(doc, {
    agencyName: data.agencyName,
    subUnit: DESK,
    number: data.ledgerNumber != null ? `Số: ${data.ledgerNumber}/TNHS` : undefined,
    dateLine: longDate(receivedAt),
  });
  title(doc, RECEIPT_TITLE, `Mã hồ sơ: ${data.code}`);

  field(doc, `${DESK}`, data.agencyName);
  field(doc, 'Tiếp nhận hồ sơ của', data.applicant.fullName);
  if (data.applicant.address?.detail) field(doc, 'Địa chỉ', data.applicant.address.detail, { boldValue: false });
  field(doc, 'Số điện thoại', data.applicant.phone ?? '', { boldValue: false });
  field(doc, 'Email', data.applicant.email ?? '', { boldValue: false });
  field(doc, 'Nội dung yêu cầu giải quyết', data.procedureName);
  doc.moveDown(0.3);

  paragraph(doc, '1. Thành phần hồ sơ nộp gồm:');
  table(
    doc,
    [
      { header: 'TT', width: 0.08, align: 'center' },
      { header: 'Tên giấy tờ', width: 0.6 },
      { header: 'Bản chính', width: 0.16, align: 'center' },
      { header: 'Bản sao', width: 0.16, align: 'center' },
    ],
    data.components.map((c, i) => [
      String(i + 1),
      c.provided === false ? `${c.name} (chưa nộp)` : c.name,
      c.original > 0 ? two(c.original) : '-',
      c.copy > 0 ? two(c.copy) : '-',
    ]),
  );
  paragraph(doc, '2. Số lượng hồ sơ: 01 (bộ)');
  paragraph(doc, `3. Thời gian giải quyết hồ sơ theo quy định là: ${formatDeadline(data.deadline)}`);
  paragraph(doc, `4. Thời gian nhận hồ sơ: ${formatAppointment(receivedAt)}`);
  paragraph(doc, `5. Thời gian trả kết quả giải quyết hồ sơ: ${data.dueAt ? formatAppointment(data.dueAt) : 'theo thông báo'}`);
  paragraph(doc, `6. Đăng ký nhận kết quả tại: ${data.placeOfReturn}`);
  paragraph(doc, `Vào Sổ theo dõi hồ sơ, Quyển số: ${data.ledgerVolume ?? '……'}, Số thứ tự: ${data.ledgerNumber ?? '……'}`);
  doc.moveDown(0.4);
  await qr(doc, data.trackingUrl, `Quét mã để tra cứu tình trạng hồ sơ ${data.code}`);
  signatures(doc, [
    { title: 'NGƯỜI NỘP HỒ SƠ', name: data.applicant.fullName },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: data.officerName },
  ]);
  pageNumbers(doc);
  return toBuffer(doc);
}
