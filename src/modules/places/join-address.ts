/**
 * How an address is printed, shared by the server's forms and the counter's screen (no server
 * code here): 'Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội'.
 */

const UNIT_PREFIX = /^(Phường|Xã|Đặc khu|Thị trấn|Thành phố|Tỉnh)\s+/u;
/** A unit's name as a place is named: without its unit word, unless the name is a number ('Hoàn Kiếm', 'Phường 1'). */
export const bareUnitName = (unit: string): string => {
  const bare = unit.replace(UNIT_PREFIX, '');
  return /^\d/.test(bare) ? unit : bare;
};
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const words = (s: string) => ` ${fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/**
 * Detail, commune, province — each unit once: an address read from the ID card's QR code
 * already ends with its ward and city ("…, Phường Hoàn Kiếm, Hà Nội"), which are not repeated.
 */
export function joinAddress(detail: string, communeName?: string | null, provinceName?: string | null): string {
  const text = words(detail);
  const named = (unit: string) => text.includes(words(unit)) || text.includes(words(bareUnitName(unit)));
  return [detail, communeName && !named(communeName) ? communeName : null, provinceName && !named(provinceName) ? provinceName : null]
    .filter((p): p is string => !!p?.trim())
    .join(', ');
}
