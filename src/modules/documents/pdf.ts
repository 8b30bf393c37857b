import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatDate } from './format.ts';

/**
 * Shared page furniture of the TT 01/2018 forms: Be Vietnam Pro (regular, bold, italic) embedded,
 * the two-column header (agency | national motto), centred titles, labelled lines, grid tables,
 * signature blocks and a QR code. Output is deterministic: the creation date comes from the data.
 */
const fontsDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
const FONTS = {
  regular: path.join(fontsDir, '400Regular/BeVietnamPro_400Regular.ttf'),
  bold: path.join(fontsDir, '700Bold/BeVietnamPro_700Bold.ttf'),
  italic: path.join(fontsDir, '400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf'),
} as const;

export type Doc = PDFKit.PDFDocument;

export function createDoc(options: { size: 'A5' | 'A4'; landscape?: boolean; title: string; issuedAt: string; margin?: number }): Doc {
  const doc = new PDFDocument({
    size: options.size,
    layout: options.landscape ? 'landscape' : 'portrait',
    margin: options.margin ?? 32,
    bufferPages: true,
    info: {
      Title: options.title,
      Creator: 'Một Cửa',
      Producer: 'Một Cửa (PDFKit)',
      CreationDate: new Date(options.issuedAt),
      ModDate: new Date(options.issuedAt),
    },
    lang: 'vi-VN',
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);
  doc.font('regular').fontSize(9);
  return doc;
}

export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

const innerWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** 'ngày 25 tháng 11 năm 2026' in Asia/Ho_Chi_Minh. */
export function longDate(iso: string): string {
  const [d, m, y] = formatDate(iso).split('/');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/**
 * The date line of an administrative document (Nghị định 30/2020): the place name, then the
 * date in words — 'Hoàn Kiếm, ngày 05 tháng 12 năm 2026'; without a place, the date alone.
 */
export function datedLine(place: string | null | undefined, iso: string): string {
  return place ? `${place}, ${longDate(iso)}` : longDate(iso);
}

/** Agency on the left, national motto on the right, a date line under the motto. */
export function header(doc: Doc, input: { agencyName: string; subUnit?: string; number?: string; dateLine?: string }): void {
  const top = doc.page.margins.top;
  const left = doc.page.margins.left;
  const width = innerWidth(doc);
  const leftW = width * 0.45;
  const rightX = left + leftW + 6;
  const rightW = width - leftW - 6;
  const size = doc.page.width > 500 ? 10 : 8;

  doc.font('regular').fontSize(size).text(input.agencyName.toUpperCase(), left, top, { width: leftW, align: 'center' });
  if (input.subUnit) doc.font('bold').text(input.subUnit.toUpperCase(), { width: leftW, align: 'center' });
  let leftBottom = doc.y;
  doc
    .moveTo(left + leftW * 0.35, leftBottom + 2)
    .lineTo(left + leftW * 0.65, leftBottom + 2)
    .lineWidth(0.5)
    .stroke();
  leftBottom += 6;
  if (input.number) {
    doc.font('regular').text(input.number, left, leftBottom, { width: leftW, align: 'center' });
    leftBottom = doc.y;
  }

  doc.font('bold').fontSize(size).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' });
  doc.font('bold').text('Độc lập - Tự do - Hạnh phúc', { width: rightW, align: 'center' });
  let rightBottom = doc.y;
  const mottoW = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
  doc
    .moveTo(rightX + (rightW - mottoW) / 2, rightBottom + 2)
    .lineTo(rightX + (rightW + mottoW) / 2, rightBottom + 2)
    .stroke();
  rightBottom += 6;
  if (input.dateLine) {
    doc.font('italic').text(input.dateLine, rightX, rightBottom, { width: rightW, align: 'center' });
    rightBottom = doc.y;
  }
  doc.x = left;
  doc.y = Math.max(leftBottom, rightBottom) + 10;
}

export function title(doc: Doc, text: string, subtitle?: string): void {
  const left = doc.page.margins.left;
  doc.font('bold').fontSize(doc.page.width > 500 ? 13 : 11).text(text, left, doc.y, { width: innerWidth(doc), align: 'center' });
  if (subtitle) doc.font('bold').fontSize(9).text(subtitle, { width: innerWidth(doc), align: 'center' });
  doc.moveDown(0.6);
  doc.font('regular').fontSize(9);
}

/** 'Label: value' with the label in regular and the value in bold. */
export function field(doc: Doc, label: string, value: string, options: { boldValue?: boolean } = {}): void {
  const left = doc.page.margins.left;
  doc.font('regular').fontSize(9).text(`${label}: `, left, doc.y, { continued: true, width: innerWidth(doc) });
  doc.font(options.boldValue === false ? 'regular' : 'bold').text(value || '…………………………');
  doc.font('regular');
}

export function paragraph(doc: Doc, text: string, font: 'regular' | 'bold' | 'italic' = 'regular'): void {
  doc.font(font).fontSize(9).text(text, doc.page.margins.left, doc.y, { width: innerWidth(doc), align: 'justify' });
  doc.font('regular');
}

export interface Column {
  header: string;
  width: number; // fraction of the inner width
  align?: 'left' | 'center' | 'right';
  /** Never wrap the cell's text (codes): it is printed on one line, smaller if it must. */
  noWrap?: boolean;
}

/** A grid table; the header repeats on each new page. */
/** A table whose first column, "TT" (`numberWidth` of the width, centred), numbers its rows from 1. */
export function numberedTable<T>(doc: Doc, numberWidth: number, columns: Column[], items: readonly T[], cells: (item: T) => string[], options: { fontSize?: number } = {}): void {
  table(doc, [{ header: 'TT', width: numberWidth, align: 'center' }, ...columns], items.map((item, i) => [String(i + 1), ...cells(item)]), options);
}

export function table(doc: Doc, columns: Column[], rows: string[][], options: { fontSize?: number } = {}): void {
  const size = options.fontSize ?? 8;
  const pad = 3;
  const left = doc.page.margins.left;
  const total = innerWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  /** The font size that fits a no-wrap cell on one line (never above `size`, never below 4.5). */
  const fitSize = (cell: string, i: number, font: string) => {
    doc.font(font).fontSize(size);
    const w = doc.widthOfString(cell);
    const room = widths[i] - 2 * pad;
    return w <= room ? size : Math.max(4.5, (size * room) / w);
  };
  const rowHeight = (cells: string[], font: string, header = false) => {
    doc.font(font).fontSize(size);
    return (
      Math.max(
        ...cells.map((c, i) =>
          !header && columns[i].noWrap ? doc.currentLineHeight(true) : doc.heightOfString(c || ' ', { width: widths[i] - 2 * pad }),
        ),
      ) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], font: string, y: number, h: number, aligns: ('left' | 'center' | 'right')[], header = false) => {
    let x = left;
    doc.lineWidth(0.5);
    cells.forEach((cell, i) => {
      doc.rect(x, y, widths[i], h).stroke();
      if (!header && columns[i].noWrap) {
        doc.font(font).fontSize(fitSize(cell, i, font)).text(cell, x + pad, y + pad, { width: widths[i] - 2 * pad, align: aligns[i], lineBreak: false });
      } else {
        doc.font(font).fontSize(size).text(cell, x + pad, y + pad, { width: widths[i] - 2 * pad, align: aligns[i] });
      }
      x += widths[i];
    });
  };
  const headers = columns.map((c) => c.header);
  const drawHeader = () => {
    const h = rowHeight(headers, 'bold', true);
    const y = doc.y;
    drawRow(headers, 'bold', y, h, columns.map(() => 'center'), true);
    doc.y = y + h;
  };

  drawHeader();
  for (const row of rows) {
    const h = rowHeight(row, 'regular');
    if (doc.y + h > bottom()) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    drawRow(row, 'regular', y, h, columns.map((c) => c.align ?? 'left'));
    doc.y = y + h;
  }
  doc.x = left;
  doc.moveDown(0.5);
  doc.font('regular').fontSize(9);
}

/** Signature blocks side by side: title in bold, '(Ký và ghi rõ họ tên)', space, the name. */
export function signatures(doc: Doc, blocks: { title: string; hint?: string; name: string }[]): void {
  const needed = 80;
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const left = doc.page.margins.left;
  const w = innerWidth(doc) / blocks.length;
  const top = doc.y + 4;
  let lowest = top;
  blocks.forEach((b, i) => {
    const x = left + i * w;
    doc.font('bold').fontSize(9).text(b.title, x, top, { width: w, align: 'center' });
    doc.font('italic').fontSize(8).text(b.hint ?? '(Ký và ghi rõ họ tên)', x, doc.y, { width: w, align: 'center' });
    doc.font('bold').fontSize(9).text(b.name, x, doc.y + 36, { width: w, align: 'center' });
    lowest = Math.max(lowest, doc.y);
  });
  doc.x = left;
  doc.y = lowest + 6;
  doc.font('regular');
}

/** A QR code of `url` with a caption to its right. */
export async function qr(doc: Doc, url: string, caption: string): Promise<void> {
  const png = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const size = 64;
  if (doc.y + size > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const left = doc.page.margins.left;
  const y = doc.y;
  doc.image(png, left, y, { width: size, height: size });
  doc.font('regular').fontSize(8).text(caption, left + size + 8, y + 10, { width: innerWidth(doc) - size - 8 });
  doc.font('italic').fontSize(7).text(url, { width: innerWidth(doc) - size - 8 });
  doc.x = left;
  doc.y = Math.max(doc.y, y + size) + 6;
  doc.font('regular').fontSize(9);
}

/** Page numbers 'Trang x/y' at the foot of every page. */
export function pageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7)
      .text(`Trang ${i + 1}/${range.count}`, doc.page.margins.left, doc.page.height - bottomMargin + 10, {
        width: innerWidth(doc),
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottomMargin;
  }
}
