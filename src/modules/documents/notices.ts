import type { ApologyLetterData, RefusalNoticeData, SupplementNoticeData } from './documents.types.ts';
import { formatAppointment, formatDate } from './format.ts';
import { createDoc, datedLine, field, header, numberedTable, pageNumbers, paragraph, signatures, title, toBuffer } from './pdf.ts';
import { DESK } from './receipt.ts';
import { signerHeading, signerTitleFor } from './signer-title.ts';

const SUPPLEMENT_TITLE = 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ';
const REFUSAL_TITLE = 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ';
const APOLOGY_TITLE = 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ';


/** Mẫu 02: the items to add or fix, each with its reason; A5. */
export async function renderSupplementNotice(data: SupplementNoticeData): Promise<Buffer> {
  const doc = createDoc({ size: 'A5', title: SUPPLEMENT_TITLE, issuedAt: data.issuedAt });
  header(doc, { agencyName: data.agencyName, subUnit: DESK, dateLine: datedLine(data.placeName, data.requestedAt) });
  title(doc, SUPPLEMENT_TITLE, data.code ? `Mã hồ sơ: ${data.code}` : undefined);
  field(doc, 'Kính gửi', `Ông/Bà ${data.applicant.fullName}`);
  const appraisal = data.phase === 'appraisal';
  paragraph(
    doc,
    `${DESK} — ${data.agencyName} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục: ${data.procedureName}` +
      (data.receivedAt ? `, lúc ${formatAppointment(data.receivedAt)}.` : '.'),
  );
  // the reason once; the papers listed (an item's own note only where it adds something)
  paragraph(
    doc,
    appraisal
      ? `Trong quá trình thẩm định, ${data.requestingAgencyName ?? 'cơ quan giải quyết'} đề nghị bổ sung, hoàn thiện hồ sơ. Lý do: ${data.reason}`
      : `Sau khi xem xét, hồ sơ cần bổ sung, hoàn thiện. Lý do: ${data.reason}`,
  );
  doc.moveDown(0.3);
  if (data.items.length > 0) {
    paragraph(doc, 'Giấy tờ cần bổ sung, hoàn thiện:');
    const notes = data.items.some((item) => item.reason && item.reason !== data.reason);
    numberedTable(
      doc,
      0.08,
      [{ header: 'Tên giấy tờ', width: notes ? 0.52 : 0.92 }, ...(notes ? [{ header: 'Ghi chú', width: 0.4 }] : [])],
      data.items,
      (item) => [item.code ? `${item.name} (${item.code})` : item.name, ...(notes ? [item.reason && item.reason !== data.reason ? item.reason : ''] : [])],
    );
  }
  if (data.progress) {
    const names = (items: { name: string }[]) => items.map((i) => i.name).join('; ');
    doc.moveDown(0.2);
    paragraph(
      doc,
      `Đến ${formatAppointment(data.progress.at)}, Ông/Bà đã nộp bổ sung: ${data.progress.received.length > 0 ? names(data.progress.received) : 'chưa có giấy tờ nào'}.`,
    );
    paragraph(
      doc,
      data.progress.missing.length > 0 ? `Còn thiếu: ${names(data.progress.missing)}.` : 'Hồ sơ đã được bổ sung đầy đủ.',
      'bold',
    );
  }
  paragraph(doc, 'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với cán bộ tiếp nhận để được hướng dẫn.', 'italic');
  paragraph(doc, 'Xin trân trọng cảm ơn!', 'italic');
  // during appraisal the notice goes out through the Bộ phận Một cửa (NĐ 61 Art. 19.4), not from the specialist
  signatures(
    doc,
    appraisal
      ? [{ title: DESK.toUpperCase(), hint: '(Ký, ghi rõ họ tên)', name: data.deskOfficerName ?? '' }]
      : [{ title: 'NGƯỜI HƯỚNG DẪN, TIẾP NHẬN HỒ SƠ', name: data.officerName }],
  );
  pageNumbers(doc);
  return toBuffer(doc);
}

/** Mẫu 03: refusal to receive, with the reasons; A5. */
export async function renderRefusalNotice(data: RefusalNoticeData): Promise<Buffer> {
  const doc = createDoc({ size: 'A5', title: REFUSAL_TITLE, issuedAt: data.issuedAt });
  header(doc, { agencyName: data.agencyName, subUnit: DESK, dateLine: datedLine(data.placeName, data.refusedAt) });
  title(doc, REFUSAL_TITLE, data.code ? `Mã hồ sơ: ${data.code}` : undefined);
  field(doc, 'Kính gửi', `Ông/Bà ${data.applicant.fullName}`);
  paragraph(doc, `${DESK} — ${data.agencyName} đã nhận hồ sơ đề nghị giải quyết thủ tục: ${data.procedureName}.`);
  const basis = (data.legalBasis ?? []).filter((b) => b.trim());
  paragraph(
    doc,
    basis.length > 0
      ? `Căn cứ ${basis.join('; ')}, hồ sơ của Ông/Bà không đủ điều kiện tiếp nhận, giải quyết với lý do như sau:`
      : 'Căn cứ quy định, hồ sơ của Ông/Bà không đủ điều kiện tiếp nhận, giải quyết với lý do như sau:',
  );
  doc.moveDown(0.2);
  paragraph(doc, data.reason, 'bold');
  doc.moveDown(0.3);
  paragraph(doc, 'Xin thông báo để Ông/Bà được biết và thực hiện.', 'italic');
  signatures(doc, [{ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: data.officerName }]);
  pageNumbers(doc);
  return toBuffer(doc);
}

/** Mẫu 04: apology for the delay and the new appointment; A5. */
export async function renderApologyLetter(data: ApologyLetterData): Promise<Buffer> {
  const doc = createDoc({ size: 'A5', title: APOLOGY_TITLE, issuedAt: data.issuedAt });
  header(doc, { agencyName: data.agencyName, dateLine: datedLine(data.placeName, data.issuedAt) });
  title(doc, APOLOGY_TITLE, data.code ? `Mã hồ sơ: ${data.code}` : undefined);
  field(doc, 'Kính gửi', `Ông/Bà ${data.applicant.fullName}`);
  paragraph(
    doc,
    `Ngày ${data.receivedAt ? formatDate(data.receivedAt) : '……'}, ${data.agencyName} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục: ${data.procedureName}.`,
  );
  field(doc, 'Thời gian nhận hồ sơ', data.receivedAt ? formatAppointment(data.receivedAt) : '');
  field(doc, 'Thời gian hẹn trả kết quả', formatAppointment(data.previousDueAt));
  paragraph(doc, `Tuy nhiên đến nay, ${data.agencyName} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng hẹn. Lý do:`);
  paragraph(doc, data.reason, 'bold');
  doc.moveDown(0.3);
  paragraph(doc, `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. ${data.agencyName} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào:`);
  field(doc, 'Thời gian hẹn trả kết quả mới', formatAppointment(data.newDueAt));
  if (data.late) {
    // domain.md §2.4.9: due at the latest one working day before the appointment; a late one is allowed once and says so
    paragraph(
      doc,
      `Phiếu này được gửi muộn (lúc ${formatAppointment(data.late.sentAt)}): ` +
        (data.late.overdue
          ? 'sau thời điểm hẹn trả kết quả, không bảo đảm thời hạn gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả kết quả.'
          : 'sau thời hạn gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả kết quả.'),
      'italic',
    );
  }
  paragraph(doc, 'Mong nhận được sự thông cảm của Ông/Bà. Xin trân trọng cảm ơn!', 'italic');
  signatures(doc, [{ title: signerHeading(data.signerTitle ?? signerTitleFor(null)), hint: '(Ký, ghi rõ họ tên và đóng dấu)', name: data.signerName }]);
  pageNumbers(doc);
  return toBuffer(doc);
}
