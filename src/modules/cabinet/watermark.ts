import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocument } from 'pdf-lib';
import { loadPdfLib } from '#platform/heavy-libraries.ts';

const fontFile = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/be-vietnam-pro/package.json')),
  '400Regular/BeVietnamPro_400Regular.ttf',
);
let fontBytes: Buffer | null = null;

/**
 * A confidential document as its reader sees it: every page carries the reader's name, the time
 * and "TÀI LIỆU MẬT – KHÔNG SAO CHỤP" diagonally and in the footer, so a photographed or printed
 * copy names who read it. PDFs keep their pages; PNG and JPEG images become one PDF page each.
 * Pure: bytes in, bytes out.
 */
export async function watermarkDocument(input: { bytes: Buffer; mediaType: string; reader: string; at: string }): Promise<Buffer> {
  const { degrees, fontkit, PDFDocument: Pdf, rgb } = await loadPdfLib();
  let doc: PDFDocument;
  if (input.mediaType === 'application/pdf') {
    doc = await Pdf.load(input.bytes, { ignoreEncryption: true, updateMetadata: false });
  } else {
    doc = await Pdf.create();
    const image = input.mediaType === 'image/png' ? await doc.embedPng(input.bytes) : await doc.embedJpg(input.bytes);
    const width = 595;
    const height = Math.max(200, (image.height / image.width) * width);
    doc.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  doc.registerFontkit(fontkit);
  fontBytes ??= fs.readFileSync(fontFile);
  const font = await doc.embedFont(fontBytes, { subset: true });
  const mark = `${input.reader} · ${input.at}`.normalize('NFC');
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    const size = Math.min(28, (Math.hypot(width, height) * 0.8) / Math.max(12, mark.length * 0.55));
    page.drawText(mark, {
      x: width * 0.12,
      y: height * 0.18,
      size,
      font,
      color: rgb(0.75, 0.1, 0.1),
      opacity: 0.18,
      rotate: degrees((Math.atan2(height, width) * 180) / Math.PI),
    });
    page.drawText(`TÀI LIỆU MẬT – KHÔNG SAO CHỤP · Người đọc: ${mark}`, { x: 24, y: 12, size: 7, font, color: rgb(0.6, 0.1, 0.1), opacity: 0.8 });
  }
  return Buffer.from(await doc.save());
}
