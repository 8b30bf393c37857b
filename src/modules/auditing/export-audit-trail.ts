import { audit } from '#platform/audit.ts';
import type { Actor } from '#platform/actor.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import type { Locale } from '#platform/errors.ts';
import type { AuditQuery } from './auditing.contract.ts';
import { filtersOf, findEntries, presentEntry } from './read-audit-trail.ts';

/** At most this many rows in one file: narrow the period for more. */
export const EXPORT_LIMIT = 10_000;

/** The file's words in the request's language (Vietnamese unless the client asks for English): its header row and its few words. */
const WORDS = {
  vi: {
    header: ['Thời điểm (giờ Việt Nam)', 'Thao tác', 'Mã thao tác', 'Người thực hiện', 'Tài khoản', 'Đối tượng', 'Mã hồ sơ', 'Chuỗi', 'Số thứ tự', 'Niêm phong', 'Dữ liệu'],
    system: 'Hệ thống',
    sealed: ['có', 'không'],
    fileName: 'nhat-ky-kiem-toan',
  },
  en: {
    header: ['Time (Vietnam)', 'Action', 'Action code', 'Done by', 'Account', 'Subject', 'Dossier code', 'Chain', 'Sequence number', 'Sealed', 'Data'],
    system: 'System',
    sealed: ['yes', 'no'],
    fileName: 'audit-trail',
  },
} as const satisfies Record<Locale, { header: readonly string[]; system: string; sealed: readonly [string, string]; fileName: string }>;

/**
 * The audit rows under the same filters as the screen, as a CSV file an auditor opens in Excel or
 * LibreOffice (UTF-8 with its byte-order mark, so Vietnamese reads right; RFC 4180 quoting). A cell
 * that a spreadsheet would run as a formula (=, +, -, @) is written as text. Its header and the
 * actions' names are in `locale` (the request's language; the data stays as recorded). The export
 * is recorded.
 */
export async function exportAuditTrail(
  tx: Sql,
  input: { actor: Actor; query: AuditQuery; now: Date; locale?: Locale },
): Promise<{ csv: string; rows: number; fileName: string }> {
  const words = WORDS[input.locale ?? 'vi'];
  const en = input.locale === 'en';
  const { rows } = await findEntries(tx, input.actor, { ...input.query, before: undefined }, EXPORT_LIMIT);
  await audit(tx, { actor: input.actor, now: input.now }, 'audit.export', { chain: 'audit-reads', subject: ['audit', 'trail'], data: { ...filtersOf(input.query), rows: rows.length } });
  const lines = rows.map(presentEntry).map((e) =>
    [
      toLocalIso(new Date(e.at)).slice(0, 19).replace('T', ' '),
      (en ? e.labelEn : e.label) ?? '',
      e.action,
      e.actor?.fullName ?? (e.actor ? e.actor.id : words.system),
      e.actor?.username ?? '',
      `${e.subject.type}:${e.subject.id}`,
      e.subject.dossierCode ?? '',
      e.chain,
      String(e.seq),
      e.sealed ? words.sealed[0] : words.sealed[1],
      JSON.stringify(e.data),
    ].map(cell),
  );
  const csv = `\uFEFF${[words.header.map(cell), ...lines].map((l) => l.join(',')).join('\r\n')}\r\n`;
  return { csv, rows: rows.length, fileName: `${words.fileName}-${localDate(input.now)}.csv` };
}

/** One CSV cell: quoted when it must be, and never a formula. */
export function cell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
