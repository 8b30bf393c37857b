import type { FormFee, ReceiptData, ReturnMethod } from './documents.types.ts';
import { formatAppointment, formatDeadline } from './format.ts';
import { createDoc, datedLine, field, header, numberedTable, pageNumbers, paragraph, qr, signatures, title, toBuffer } from './pdf.ts';

const RECEIPT_TITLE = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
export const DESK = 'Bộ phận Tiếp nhận và Trả kết quả';
const two = (n: number) => String(n).padStart(2, '0');
const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đồng`;

/** 'Hình thức nhận kết quả' as printed on Mẫu 01 (and shown by public tracking). */
export function returnMethodLine(method: ReturnMethod, place: string, address: string | null | undefined): string {
  if (method === 'truc_tuyen') return 'Nhận kết quả trực tuyến (bản điện tử trên Cổng dịch vụ công)';
  if (method === 'buu_chinh') return `Nhận kết quả qua dịch vụ bưu chính công ích tại địa chỉ: ${address || '……'}`;
  return `Nhận trực tiếp tại ${DESK} — ${place}`;
}

/** 'Phí, lệ phí' line: the amounts, none, or to be notified. */
export function feeLine(fee: FormFee | null | undefined): string {
  if (!fee || fee.lines.length === 0) return 'Không thu phí, lệ phí';
  const parts = fee.lines.map((l) => `${l.label}: ${l.amountVnd === null ? 'theo thông báo của cơ quan giải quyết' : vnd(l.amountVnd)}`);
  return fee.complete && fee.lines.length > 1 ? `${parts.join('; ')} (tổng cộng ${vnd(fee.totalVnd)})` : parts.join('; ');
}

/** Mẫu 01 (TT 01/2018): receipt and appointment slip, A5, with a QR code to the tracking page. */
export async function renderReceipt(data: ReceiptData): Promise<Buffer> {
  const receivedAt = data.receivedAt ?? data.issuedAt;
  const doc = createDoc({ size: 'A5', title: `${RECEIPT_TITLE} ${data.code}`, issuedAt: data.issuedAt });
  header(doc, {
    agencyName: data.agencyName,
    subUnit: DESK,
    number: data.ledgerNumber != null ? `Số: ${data.ledgerNumber}/TNHS` : undefined,
    dateLine: datedLine(data.placeName, receivedAt),
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
  numberedTable(
    doc,
    0.08,
    [
      { header: 'Tên giấy tờ', width: 0.6 },
      { header: 'Bản chính', width: 0.16, align: 'center' },
      { header: 'Bản sao', width: 0.16, align: 'center' },
    ],
    // an optional paper that was not handed in gets no row; a required one missing says so
    data.components.filter((c) => c.provided !== false || c.required !== false),
    (c) => [c.provided === false ? `${c.name} (chưa nộp)` : c.name, c.original > 0 ? two(c.original) : '-', c.copy > 0 ? two(c.copy) : '-'],
  );
  paragraph(doc, '2. Số lượng hồ sơ: 01 (bộ)');
  paragraph(doc, `3. Thời gian giải quyết hồ sơ theo quy định là: ${formatDeadline(data.deadline)}`);
  paragraph(doc, `4. Thời gian nhận hồ sơ: ${formatAppointment(receivedAt)}`);
  paragraph(doc, `5. Thời gian trả kết quả giải quyết hồ sơ: ${data.dueAt ? formatAppointment(data.dueAt) : 'theo thông báo'}`);
  paragraph(doc, `6. Hình thức nhận kết quả: ${returnMethodLine(data.returnMethod ?? 'tai_quay', data.placeOfReturn, data.returnAddress || data.applicant.address?.detail)}`);
  paragraph(doc, `7. Phí, lệ phí: ${feeLine(data.fee)}`);
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
