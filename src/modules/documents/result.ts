import type { ResultDocumentData } from './documents.types.ts';
import { formatAppointment, formatDate } from './format.ts';
import { signerHeading, signerTitleFor } from './signer-title.ts';
import { createDoc, datedLine, field, header, pageNumbers, paragraph, qr, signatures, title, toBuffer } from './pdf.ts';

const RESULT_TITLE = 'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';

/**
 * The result document of a dossier (A4), made to be signed digitally: number, dossier code,
 * procedure, applicant, decision date and agency, the uploaded result file bound by its SHA-256
 * when there is one, and a QR code to the public verification page.
 */
export async function renderResultDocument(data: ResultDocumentData): Promise<Buffer> {
  const doc = createDoc({ size: 'A4', title: `${RESULT_TITLE} ${data.resultNumber}`, issuedAt: data.issuedAt, margin: 48 });
  header(doc, { agencyName: data.agencyName, number: `Số: ${data.resultNumber}`, dateLine: datedLine(data.placeName, data.issuedAt) });
  title(doc, RESULT_TITLE, data.code ? `Mã hồ sơ: ${data.code}` : undefined);

  field(doc, 'Cơ quan giải quyết', data.agencyName);
  field(doc, 'Thủ tục hành chính', `${data.procedureName} (mã ${data.procedureCode})`);
  field(doc, 'Người nộp hồ sơ', data.applicant.fullName);
  if (data.applicant.address?.detail) field(doc, 'Địa chỉ', data.applicant.address.detail, { boldValue: false });
  if (data.receivedAt) field(doc, 'Ngày tiếp nhận', formatAppointment(data.receivedAt), { boldValue: false });
  field(doc, 'Ngày quyết định', formatDate(data.decidedAt));
  // issued later by the clerk (văn thư): the register's date differs from the decision's
  if (formatDate(data.issuedAt) !== formatDate(data.decidedAt)) field(doc, 'Ngày phát hành', formatDate(data.issuedAt));
  doc.moveDown(0.5);

  paragraph(
    doc,
    `${data.agencyName} đã xem xét, giải quyết hồ sơ${data.code ? ` mã ${data.code}` : ''} đề nghị thực hiện thủ tục ` +
      `"${data.procedureName}" của Ông/Bà ${data.applicant.fullName} theo quy định và phê duyệt kết quả giải quyết.`,
  );
  if (data.note) {
    doc.moveDown(0.3);
    paragraph(doc, `Nội dung: ${data.note}`);
  }
  if (data.attachment) {
    doc.moveDown(0.3);
    paragraph(doc, `Kèm theo: tệp kết quả "${data.attachment.name}", mã băm SHA-256:`);
    paragraph(doc, data.attachment.sha256, 'bold');
  }
  doc.moveDown(0.3);
  paragraph(doc, 'Kết quả được trả tại Bộ phận Tiếp nhận và Trả kết quả hoặc trực tuyến theo đăng ký của Ông/Bà.');
  doc.moveDown(0.6);
  await qr(
    doc,
    data.verifyUrl,
    `Văn bản điện tử được ký số bởi ${data.agencyName}. Quét mã để kiểm tra chữ ký số và hiệu lực của kết quả số ${data.resultNumber}.`,
  );
  signatures(doc, [{ title: signerHeading(data.signerTitle ?? signerTitleFor(null)), hint: '(Đã ký số)', name: data.signerName }]);
  pageNumbers(doc);
  return toBuffer(doc);
}
