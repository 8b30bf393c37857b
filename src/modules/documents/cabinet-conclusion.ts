import { formatDate } from './format.ts';
import { localInstant } from '#platform/clock.ts';
import { createDoc, datedLine, field, header, numberedTable, pageNumbers, paragraph, signatures, title, toBuffer } from './pdf.ts';

export interface CabinetConclusionData {
  kind: 'conclusion' | 'resolution';
  number: string;
  agencyName: string;
  placeName?: string;
  issuedAt: string;
  title: string;
  /** How the matter was decided: the form's or the vote's figures, in words. */
  decidedBy: string[];
  text: string;
  tasks: { title: string; assignee: string; dueDate: string }[];
  signer: { heading: string; name: string };
}

export const CONCLUSION_TITLES = { conclusion: 'THÔNG BÁO KẾT LUẬN', resolution: 'NGHỊ QUYẾT' } as const;

/**
 * A collective body's conclusion (thông báo kết luận) or resolution (nghị quyết), A4, made to be
 * signed digitally: how the matter was decided (tally and outcome under the rule), the text, and
 * the tasks assigned with their agencies and deadlines.
 */
export async function renderCabinetConclusion(data: CabinetConclusionData): Promise<Buffer> {
  const heading = CONCLUSION_TITLES[data.kind];
  const doc = createDoc({ size: 'A4', title: `${heading} ${data.number}`, issuedAt: data.issuedAt, margin: 56 });
  header(doc, { agencyName: data.agencyName, number: `Số: ${data.number}`, dateLine: datedLine(data.placeName, data.issuedAt) });
  title(doc, heading, data.title);
  doc.moveDown(0.4);
  for (const line of data.decidedBy) paragraph(doc, line, 'italic');
  doc.moveDown(0.4);
  for (const p of data.text.split(/\n{1,}/).filter((s) => s.trim())) {
    paragraph(doc, p.trim());
    doc.moveDown(0.3);
  }
  if (data.tasks.length > 0) {
    doc.moveDown(0.3);
    field(doc, 'Nhiệm vụ giao', `${data.tasks.length}`);
    numberedTable(
      doc,
      0.06,
      [
        { header: 'Nhiệm vụ', width: 0.54 },
        { header: 'Cơ quan chủ trì', width: 0.26 },
        { header: 'Thời hạn', width: 0.14, align: 'center' },
      ],
      data.tasks,
      (t) => [t.title, t.assignee, formatDate(localInstant(t.dueDate, '12:00').toISOString())],
    );
  }
  doc.moveDown(0.5);
  signatures(doc, [{ title: data.signer.heading, hint: '(Đã ký số)', name: data.signer.name }]);
  pageNumbers(doc);
  return toBuffer(doc);
}
