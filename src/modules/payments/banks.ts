/**
 * Bank names by their NAPAS BIN (the 6 digits a VietQR code carries), so the citizen sees which
 * bank to open. The usual ones; an unknown BIN is shown as "Ngân hàng (BIN …)".
 */
const BANKS: Record<string, string> = {
  '970436': 'Vietcombank — Ngân hàng TMCP Ngoại thương Việt Nam',
  '970415': 'VietinBank — Ngân hàng TMCP Công thương Việt Nam',
  '970418': 'BIDV — Ngân hàng TMCP Đầu tư và Phát triển Việt Nam',
  '970405': 'Agribank — Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam',
  '970422': 'MB — Ngân hàng TMCP Quân đội',
  '970407': 'Techcombank — Ngân hàng TMCP Kỹ thương Việt Nam',
  '970416': 'ACB — Ngân hàng TMCP Á Châu',
  '970432': 'VPBank — Ngân hàng TMCP Việt Nam Thịnh Vượng',
  '970423': 'TPBank — Ngân hàng TMCP Tiên Phong',
  '970403': 'Sacombank — Ngân hàng TMCP Sài Gòn Thương Tín',
  '970441': 'VIB — Ngân hàng TMCP Quốc tế Việt Nam',
  '970443': 'SHB — Ngân hàng TMCP Sài Gòn – Hà Nội',
  '970437': 'HDBank — Ngân hàng TMCP Phát triển TP. Hồ Chí Minh',
  '970448': 'OCB — Ngân hàng TMCP Phương Đông',
  '970426': 'MSB — Ngân hàng TMCP Hàng Hải Việt Nam',
  '970431': 'Eximbank — Ngân hàng TMCP Xuất Nhập khẩu Việt Nam',
  '970440': 'SeABank — Ngân hàng TMCP Đông Nam Á',
  '970429': 'SCB — Ngân hàng TMCP Sài Gòn',
  '970454': 'Viet Capital Bank — Ngân hàng TMCP Bản Việt',
  '970409': 'BAC A BANK — Ngân hàng TMCP Bắc Á',
};

export function bankName(bin: string): string {
  return BANKS[bin] ?? `Ngân hàng (BIN ${bin})`;
}
