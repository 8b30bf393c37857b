import { loadExcel } from '#platform/heavy-libraries.ts';
import { localDate, localTime } from '#platform/clock.ts';
import type * as repo from './exchange.repository.ts';

/** Names of the status codes (domain.md §9.3), as clerks read them. */
export const STATUS_NAMES: Record<string, string> = {
  '01': 'Đã đến',
  '02': 'Từ chối tiếp nhận',
  '03': 'Đã tiếp nhận',
  '04': 'Phân công',
  '05': 'Đang xử lý',
  '06': 'Hoàn thành',
  '13': 'Yêu cầu lấy lại',
  '15': 'Đồng ý lấy lại',
  '16': 'Từ chối lấy lại',
};
const PRIORITY = ['Thường', 'Khẩn', 'Thượng khẩn', 'Hỏa tốc', 'Hỏa tốc hẹn giờ'];
const vnDate = (iso: string | null) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '');
const vnDateTime = (d: Date | null) => (d ? `${vnDate(localDate(d))} ${localTime(d)}` : '');

/**
 * Sổ văn bản đi / sổ văn bản đến as an Excel workbook (one row per document; the outgoing
 * register lists each recipient with its latest status).
 */
export async function registerWorkbook(
  kind: 'outgoing',
  agency: string,
  rows: repo.DocumentRow[],
  recipientsOf: (documentId: string) => Promise<repo.RecipientRow[]>,
): Promise<Buffer>;
export async function registerWorkbook(kind: 'incoming', agency: string, rows: (repo.DocumentRow & { recipient: repo.RecipientRow })[]): Promise<Buffer>;
export async function registerWorkbook(
  kind: 'outgoing' | 'incoming',
  agency: string,
  rows: (repo.DocumentRow & { recipient?: repo.RecipientRow })[],
  recipientsOf?: (documentId: string) => Promise<repo.RecipientRow[]>,
): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Một Cửa';
  const ws = wb.addWorksheet(kind === 'outgoing' ? 'Sổ văn bản đi' : 'Sổ văn bản đến');
  const title = kind === 'outgoing' ? 'SỔ VĂN BẢN ĐI' : 'SỔ VĂN BẢN ĐẾN';
  ws.addRow([`${title} — Mã cơ quan ${agency}`]).font = { bold: true, size: 14 };
  const header =
    kind === 'outgoing'
      ? ['STT', 'Số, ký hiệu', 'Ngày ban hành', 'Loại văn bản', 'Trích yếu', 'Người ký', 'Độ khẩn', 'Nơi nhận và trạng thái', 'Tình trạng', 'Mã văn bản (DocumentId)']
      : ['Số đến', 'Ngày đến', 'Cơ quan ban hành', 'Số, ký hiệu', 'Ngày ban hành', 'Loại văn bản', 'Trích yếu', 'Độ khẩn', 'Trạng thái', 'Phân công', 'Mã văn bản (DocumentId)'];
  const h = ws.addRow(header);
  h.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  let i = 0;
  for (const d of rows) {
    i++;
    const state = d.supersededType === 1 ? 'Đã thu hồi' : d.supersededType === 3 ? 'Đã bị thay thế' : d.supersededType === 2 ? 'Đã cập nhật' : '';
    if (kind === 'outgoing') {
      const recipients = await recipientsOf!(d.documentId);
      ws.addRow([
        i,
        `${d.codeNumber}/${d.codeNotation}`,
        vnDate(d.promulgationDate),
        d.documentType,
        d.subject,
        `${d.signerPosition} ${d.signerName}`,
        PRIORITY[d.priority] ?? '',
        recipients.map((r) => `${r.agencyName}: ${STATUS_NAMES[r.statusCode ?? ''] ?? 'Đang gửi'}`).join('\n'),
        state,
        d.documentId,
      ]);
    } else {
      const r = d.recipient!;
      ws.addRow([
        r.arrivalNumber ?? '',
        vnDateTime(r.receivedAt),
        d.fromName,
        `${d.codeNumber}/${d.codeNotation}`,
        vnDate(d.promulgationDate),
        d.documentType,
        d.subject,
        PRIORITY[d.priority] ?? '',
        `${STATUS_NAMES[r.statusCode ?? ''] ?? ''}${state ? ` — ${state}` : ''}`,
        r.assignee ?? '',
        d.documentId,
      ]);
    }
  }
  ws.columns.forEach((col, n) => {
    col.width = [6, 18, 14, 14, 50, 26, 12, 40, 18, 30, 40][n] ?? 16;
    col.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
