import { audit } from '#platform/audit.ts';
import type { Actor } from '#platform/actor.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import type { AuditQuery } from './auditing.contract.ts';
import { filtersOf, findEntries, presentEntry } from './read-audit-trail.ts';

/** At most this many rows in one file: narrow the period for more. */
export const EXPORT_LIMIT = 10_000;

const HEADER = ['Thời điểm (giờ Việt Nam)', 'Thao tác', 'Mã thao tác', 'Người thực hiện', 'Tài khoản', 'Đối tượng', 'Mã hồ sơ', 'Chuỗi', 'Số thứ tự', 'Niêm phong', 'Dữ liệu'];

/**
 * The audit rows under the same filters as the screen, as a CSV file an auditor opens in Excel or
 * LibreOffice (UTF-8 with its byte-order mark, so Vietnamese reads right; RFC 4180 quoting). A cell
 * that a spreadsheet would run as a formula (=, +, -, @) is written as text. The export is recorded.
 */
export async function exportAuditTrail(tx: Sql, input: { actor: Actor; query: AuditQuery; now: Date }): Promise<{ csv: string; rows: number; fileName: string }> {
  const { rows } = await findEntries(tx, input.actor, { ...input.query, before: undefined }, EXPORT_LIMIT);
  await audit(tx, input, 'audit.export', { chain: 'audit-reads', subject: ['audit', 'trail'], data: { ...filtersOf(input.query), rows: rows.length } });
  const lines = rows.map(presentEntry).map((e) =>
    [
      toLocalIso(new Date(e.at)).slice(0, 19).replace('T', ' '),
      e.label ?? '',
      e.action,
      e.actor?.fullName ?? (e.actor ? e.actor.id : 'Hệ thống'),
      e.actor?.username ?? '',
      `${e.subject.type}:${e.subject.id}`,
      e.subject.dossierCode ?? '',
      e.chain,
      String(e.seq),
      e.sealed ? 'có' : 'không',
      JSON.stringify(e.data),
    ].map(cell),
  );
  const csv = `\uFEFF${[HEADER.map(cell), ...lines].map((l) => l.join(',')).join('\r\n')}\r\n`;
  return { csv, rows: rows.length, fileName: `nhat-ky-kiem-toan-${localDate(input.now)}.csv` };
}

/** One CSV cell: quoted when it must be, and never a formula. */
export function cell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
