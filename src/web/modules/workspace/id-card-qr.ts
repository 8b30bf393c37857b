/**
 * The QR code of the chip ID card (CCCD / căn cước), as a handheld scanner types it: one line
 * `số định danh|số CMND cũ|họ tên|ngày sinh ddMMyyyy|giới tính|nơi thường trú|ngày cấp ddMMyyyy`
 * (domain.md §4.5). Read tolerantly: trimmed, NFC, the old ID may be empty or missing altogether,
 * a trailing field is ignored. Null when the text is not such a code.
 */
export interface IdCardQr {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  /** yyyy-mm-dd */
  birthDate: string;
  sex: 'nam' | 'nu' | null;
  address: string;
  /** yyyy-mm-dd */
  issueDate: string | null;
}

/** ddMMyyyy → yyyy-mm-dd when it is a real date. */
function isoDate(text: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

function sexOf(text: string): IdCardQr['sex'] {
  const s = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return s === 'nam' ? 'nam' : s === 'nu' ? 'nu' : null;
}

export function parseIdCardQr(raw: string): IdCardQr | null {
  const parts = raw
    .normalize('NFC')
    .replace(/[\r\n]+/g, '')
    .split('|')
    .map((p) => p.trim());
  if (parts.length < 6 || !/^\d{12}$/.test(parts[0])) return null;
  // Without the old-ID field the name comes second (it is never digits only).
  const fields = /^\d{9}$|^$/.test(parts[1]) ? parts : [parts[0], '', ...parts.slice(1)];
  if (fields.length < 6) return null;
  const [idNumber, oldId, fullName, birth, sex, address, issue] = fields;
  const birthDate = isoDate(birth);
  if (!fullName || !birthDate) return null;
  return {
    idNumber,
    oldIdNumber: oldId || null,
    fullName,
    birthDate,
    sex: sexOf(sex),
    address,
    issueDate: issue ? isoDate(issue) : null,
  };
}

/** Looks like the start of a scanned code (a scanner types fast; the field waits for the whole line). */
export const looksLikeQr = (text: string) => /^\d{12}\|/.test(text.trim());

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
const bare = (unit: string) => unit.replace(/^(Thành phố|Tỉnh)\s+/iu, '');

/**
 * The card's address ("Số 14 phố Hàng Bạc, Phường Hoàn Kiếm, Hà Nội") in the counter's fields:
 * the ward (one of the desk province's communes) and the street part. Null when its last two
 * parts are not a commune of that province (another province, an old pre-2025 address): the
 * whole text stays in the street field.
 */
export function placeCardAddress(
  address: string,
  communes: readonly { code: string; name: string }[],
  provinceName: string | undefined,
): { communeCode: string; detail: string } | null {
  const parts = address.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length < 3 || !provinceName) return null;
  const [commune, province] = parts.slice(-2).map(fold);
  if (province !== fold(provinceName) && province !== fold(bare(provinceName))) return null;
  const found = communes.find((c) => fold(c.name) === commune);
  return found ? { communeCode: found.code, detail: parts.slice(0, -2).join(', ') } : null;
}
