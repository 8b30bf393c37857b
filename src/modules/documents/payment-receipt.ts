import { formatDateTime } from './format.ts';
import { createDoc, field, header, longDate, pageNumbers, paragraph, title, toBuffer } from './pdf.ts';

export const PAYMENT_RECEIPT_TITLE = 'BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ';

export interface PaymentReceiptData {
  issuedAt: string;
  agencyName: string;
  receiptNo: string;
  payerName: string;
  dossierCode: string | null;
  procedureName: string;
  reason: string;
  amountVnd: number;
  paidAt: string;
  orderRef: string;
  gatewayTxn: string;
}

const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đồng`;

/** The electronic receipt of a fee paid online (biên lai điện tử), A5. */
export async function renderPaymentReceipt(data: PaymentReceiptData): Promise<Buffer> {
  const doc = createDoc({ size: 'A5', title: `${PAYMENT_RECEIPT_TITLE} ${data.receiptNo}`, issuedAt: data.issuedAt });
  header(doc, { agencyName: data.agencyName, number: `Số: ${data.receiptNo}`, dateLine: longDate(data.paidAt) });
  title(doc, PAYMENT_RECEIPT_TITLE, `Số biên lai: ${data.receiptNo}`);
  field(doc, 'Họ và tên người nộp', data.payerName);
  if (data.dossierCode) field(doc, 'Mã hồ sơ', data.dossierCode);
  field(doc, 'Thủ tục', data.procedureName, { boldValue: false });
  field(doc, 'Nội dung thu', data.reason, { boldValue: false });
  field(doc, 'Số tiền', vnd(data.amountVnd));
  field(doc, 'Hình thức thanh toán', 'Trực tuyến qua cổng thanh toán', { boldValue: false });
  field(doc, 'Thời điểm thanh toán', formatDateTime(data.paidAt), { boldValue: false });
  field(doc, 'Mã đơn thanh toán', data.orderRef, { boldValue: false });
  field(doc, 'Mã giao dịch', data.gatewayTxn, { boldValue: false });
  doc.moveDown(0.5);
  paragraph(doc, 'Biên lai được lập tự động khi cổng thanh toán xác nhận giao dịch; có giá trị như biên lai giấy.', 'italic');
  pageNumbers(doc);
  return toBuffer(doc);
}
