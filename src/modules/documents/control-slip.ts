import type { ControlSlipData, StepOutcome } from './documents.types.ts';
import { formatAppointment, formatDateTime, viDates } from './format.ts';
import { createDoc, datedLine, field, header, numberedTable, pageNumbers, paragraph, signatures, title, toBuffer } from './pdf.ts';
import { DESK } from './receipt.ts';

const CONTROL_SLIP_TITLE = 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ';

const outcomeLabels: Record<StepOutcome, string> = {
  truoc_han: 'Trước hạn',
  dung_han: 'Đúng hạn',
  qua_han: 'Quá hạn',
};

const person = (unit: string, name: string) => (name ? `${unit}\n${name}` : unit);

/** Mẫu 05: one row per hand-over (giver, receiver, time, outcome of the step); A5. */
export async function renderControlSlip(data: ControlSlipData): Promise<Buffer> {
  const doc = createDoc({ size: 'A5', title: `${CONTROL_SLIP_TITLE} ${data.code}`, issuedAt: data.issuedAt });
  header(doc, { agencyName: data.agencyName, subUnit: DESK, dateLine: datedLine(data.placeName, data.issuedAt) });
  title(doc, CONTROL_SLIP_TITLE, `Mã hồ sơ: ${data.code}`);
  field(doc, 'Kèm theo hồ sơ của', data.applicant.fullName);
  field(doc, 'Thủ tục', data.procedureName);
  field(doc, 'Ngày nhận hồ sơ', data.receivedAt ? formatAppointment(data.receivedAt) : '');
  field(doc, 'Ngày hẹn trả kết quả', data.dueAt ? formatAppointment(data.dueAt) : '');
  doc.moveDown(0.3);
  numberedTable(
    doc,
    0.06,
    [
      { header: 'Bên giao\n(cơ quan, người giao)', width: 0.22 },
      { header: 'Bên nhận\n(cơ quan, người nhận)', width: 0.22 },
      { header: 'Thời gian giao, nhận hồ sơ', width: 0.16, align: 'center' },
      { header: 'Kết quả giải quyết (trước/đúng/quá hạn)', width: 0.16, align: 'center' },
      { header: 'Ghi chú', width: 0.18 },
    ],
    data.steps,
    (s) => [
      person(s.fromAgency, s.fromUser),
      person(s.toAgency, s.toUser),
      s.acceptedAt ? `Giao: ${formatDateTime(s.sentAt)}\nNhận: ${formatDateTime(s.acceptedAt)}` : formatDateTime(s.sentAt),
      s.outcome ? `${outcomeLabels[s.outcome]}${s.finishedAt ? `\n${formatDateTime(s.finishedAt)}` : ''}` : 'Đang xử lý',
      [viDates(s.note), s.subDueAt ? `Hạn: ${formatDateTime(s.subDueAt)}` : ''].filter(Boolean).join('\n'),
    ],
    { fontSize: 7 },
  );
  if (data.steps.length === 0) paragraph(doc, 'Chưa có lần giao, nhận hồ sơ nào.', 'italic');
  signatures(doc, [
    { title: 'NGƯỜI GIAO', name: '' },
    { title: 'NGƯỜI NHẬN', name: '' },
  ]);
  pageNumbers(doc);
  return toBuffer(doc);
}
