/**
 * Dossier codes (mã số hồ sơ, domain.md §4.2): generated as `<agencyCode>-YYMMDD-NNNN`
 * (TT 01/2018 Art. 19: reception date, 4-digit daily sequence per receiving agency). Beyond
 * 9,999 in a day the sequence simply grows a digit rather than refusing a citizen.
 * Both observed formats are accepted when reading codes from elsewhere.
 */
import { toLocalIso } from '#platform/clock.ts';
export function formatDossierCode(agencyCode: string, receptionDate: string, sequence: number): string {
  const yymmdd = receptionDate.slice(2).replaceAll('-', '');
  return `${agencyCode}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}

const CODE_FORMATS = [
  // TT 01/2018: 000.00.00.H41-250701-0001
  /^(?<agency>\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(?<date>\d{6})-(?<seq>\d{4,5})$/,
  // newer observed variant: G09.20-20260609-0092637
  /^(?<agency>[A-Z0-9.]+)-(?<date>\d{8})-(?<seq>\d{7})$/,
];

export function parseDossierCode(code: string): { agencyCode: string; date: string; sequence: number } | null {
  for (const format of CODE_FORMATS) {
    const m = format.exec(code);
    if (!m?.groups) continue;
    const d = m.groups.date.length === 6 ? `20${m.groups.date}` : m.groups.date;
    return {
      agencyCode: m.groups.agency,
      date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
      sequence: Number(m.groups.seq),
    };
  }
  return null;
}

/** Crockford's base32: no I, L, O, U, so a reference read aloud or typed is not mistaken. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Mã tra cứu given at submission: `HS-` and 10 random characters (50 bits: public tracking is
 * rate-limited, so a reference cannot be guessed), e.g. `HS-7K3M9Q2XAB`.
 */
export function newSubmissionReference(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  return `HS-${[...random(10)].map((b) => REFERENCE_ALPHABET[b & 31]).join('')}`;
}

/** Public tracking shows the name masked: "Nguyễn Thị Ánh Tuyết" → "Nguyễn T*** Á*** T***". */
export function maskName(fullName: string): string {
  const [first, ...rest] = fullName.normalize('NFC').trim().split(/\s+/);
  return [first, ...rest.map((w) => `${[...w][0]}***`)].join(' ');
}

/** DVCQG time format yyyyMMddHHmmss in local time (domain.md §2.12). */
export function dvcqgTime(instant: Date | null): string {
  if (!instant) return '';
  return toLocalIso(instant).slice(0, 19).replace(/[-T:]/g, '');
}
