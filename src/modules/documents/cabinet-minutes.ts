import { formatDateTime } from './format.ts';
import { createDoc, datedLine, field, header, numberedTable, pageNumbers, paragraph, signatures, title, toBuffer } from './pdf.ts';

export interface CabinetMinutesData {
  agencyName: string;
  placeName?: string;
  issuedAt: string;
  meetingTitle: string;
  startedAt: string;
  endedAt: string;
  location: string;
  chair: string;
  secretary: string;
  /** Each invited member and how they took part: "Có mặt", "Có mặt (đã biểu quyết)", "Vắng mặt (lý do)", "Vắng mặt (không báo trước)", "Cử … dự thay". */
  participants: { name: string; title: string; attendance: string }[];
  agenda: string[];
  /** Each vote with its figures and result, in words. */
  votes: string[];
  text: string;
}

/**
 * The minutes of a meeting (biên bản họp), A4, made to be signed digitally: time and place, who
 * chaired and who took the minutes, the members and their attendance, the agenda, each vote's
 * figures and result, and the text the secretariat wrote.
 */
export async function renderCabinetMinutes(data: CabinetMinutesData): Promise<Buffer> {
  const doc = createDoc({ size: 'A4', title: `BIÊN BẢN ${data.meetingTitle}`, issuedAt: data.issuedAt, margin: 56 });
  header(doc, { agencyName: data.agencyName, dateLine: datedLine(data.placeName, data.issuedAt) });
  title(doc, 'BIÊN BẢN', data.meetingTitle);
  doc.moveDown(0.4);
  field(doc, 'Thời gian', `từ ${formatDateTime(data.startedAt)} đến ${formatDateTime(data.endedAt)}`);
  field(doc, 'Địa điểm', data.location);
  field(doc, 'Chủ trì', data.chair);
  field(doc, 'Thư ký', data.secretary);
  doc.moveDown(0.3);
  paragraph(doc, 'Thành phần dự họp', 'bold');
  numberedTable(
    doc,
    0.07,
    [
      { header: 'Họ và tên', width: 0.3 },
      { header: 'Chức danh', width: 0.36 },
      { header: 'Tham dự', width: 0.27 },
    ],
    data.participants,
    (p) => [p.name, p.title, p.attendance],
  );
  doc.moveDown(0.4);
  paragraph(doc, 'Nội dung phiên họp', 'bold');
  for (const [i, a] of data.agenda.entries()) paragraph(doc, `${i + 1}. ${a}`);
  if (data.votes.length > 0) {
    doc.moveDown(0.3);
    paragraph(doc, 'Kết quả biểu quyết', 'bold');
    for (const v of data.votes) paragraph(doc, v, 'italic');
  }
  doc.moveDown(0.3);
  paragraph(doc, 'Diễn biến và kết luận', 'bold');
  for (const p of data.text.split(/\n{1,}/).filter((s) => s.trim())) {
    paragraph(doc, p.trim());
    doc.moveDown(0.2);
  }
  doc.moveDown(0.5);
  signatures(doc, [
    { title: 'THƯ KÝ', hint: '(Đã ký số)', name: data.secretary },
    { title: 'CHỦ TRÌ', hint: '(Đã ký số)', name: data.chair },
  ]);
  pageNumbers(doc);
  return toBuffer(doc);
}
