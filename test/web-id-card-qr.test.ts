import { describe, expect, it } from 'vitest';
import { parseIdCardQr, placeCardAddress } from '../src/web/modules/workspace/id-card-qr.ts';

/** The chip ID card's QR text as a handheld scanner types it (domain.md §4.5). */
describe('parseIdCardQr', () => {
  it('reads the seven pipe-separated fields', () => {
    expect(parseIdCardQr('001190012345|012345678|Nguyễn Thị Ánh Tuyết|15031990|Nữ|12 Hàng Bạc, Hoàn Kiếm, Hà Nội|10042021')).toEqual({
      idNumber: '001190012345',
      oldIdNumber: '012345678',
      fullName: 'Nguyễn Thị Ánh Tuyết',
      birthDate: '1990-03-15',
      sex: 'nu',
      address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội',
      issueDate: '2021-04-10',
    });
  });

  it('accepts an empty or missing old ID, spaces, a trailing field and the line end; writes NFC', () => {
    const decomposed = 'Tra\u0302\u0300n Va\u0306n Nam'.normalize('NFD');
    expect(parseIdCardQr(` 001090000777 || ${decomposed} |01021985|Nam|Số 9 Lý Thái Tổ|05062022|\r\n`)).toMatchObject({
      oldIdNumber: null,
      fullName: 'Trần Văn Nam'.normalize('NFC'),
      birthDate: '1985-02-01',
      sex: 'nam',
    });
    expect(parseIdCardQr('001090000777|Trần Văn Nam|01021985|Nam|Số 9 Lý Thái Tổ|05062022')).toMatchObject({
      oldIdNumber: null,
      fullName: 'Trần Văn Nam',
      address: 'Số 9 Lý Thái Tổ',
      issueDate: '2022-06-05',
    });
  });

  it('refuses what is not a card code', () => {
    expect(parseIdCardQr('Nguyễn Văn A')).toBeNull();
    expect(parseIdCardQr('00119001234|012345678|A|15031990|Nữ|x|10042021')).toBeNull(); // 11 digits
    expect(parseIdCardQr('001190012345|012345678|A|31021990|Nữ|x|10042021')).toBeNull(); // 31 February
    expect(parseIdCardQr('001190012345|012345678|A|15031990')).toBeNull(); // cut short
  });
});

describe('placeCardAddress', () => {
  const communes = [
    { code: '00070', name: 'Phường Hoàn Kiếm' },
    { code: '00004', name: 'Phường Ba Đình' },
  ];
  it('takes the ward and the city off the street part when the ward is one of the province', () => {
    expect(placeCardAddress('Số 14 phố Hàng Bạc, Phường Hoàn Kiếm, Hà Nội', communes, 'Thành phố Hà Nội')).toEqual({
      communeCode: '00070',
      detail: 'Số 14 phố Hàng Bạc',
    });
    expect(placeCardAddress('Số 2 phố Kim Mã, Phường Ba Đình, Thành phố Hà Nội', communes, 'Thành phố Hà Nội')?.communeCode).toBe('00004');
  });
  it('leaves an address of another province, an old one or a street alone', () => {
    expect(placeCardAddress('Số 1 Lê Lợi, Phường Hoàn Kiếm, Hải Phòng', communes, 'Thành phố Hà Nội')).toBeNull();
    expect(placeCardAddress('12 Hàng Bạc, Quận Hoàn Kiếm, Hà Nội', communes, 'Thành phố Hà Nội')).toBeNull();
    expect(placeCardAddress('Số 9 Lý Thái Tổ', communes, 'Thành phố Hà Nội')).toBeNull();
  });
});
