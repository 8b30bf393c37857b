/**
 * The citizens the development e-ID provider knows (test data, not real people). The first is
 * the demo citizen of api.md §3, whose account `congdan` already exists in a demo installation:
 * signing in with the e-ID links to it by identity number.
 */
export interface TestCitizen {
  /** Số định danh cá nhân (CCCD), 12 digits; also the subject (`sub`) at the development provider. */
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  address: string;
}

/** Password of every test citizen at the development provider (demo data, like the demo password). */
export const DEV_EID_PASSWORD = 'VNeID@2026';

export const testCitizens: readonly TestCitizen[] = [
  {
    idNumber: '001190012345',
    fullName: 'Nguyễn Thị Ánh Tuyết',
    birthDate: '1990-03-15',
    address: 'Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội',
  },
  {
    idNumber: '079085004321',
    fullName: 'Trần Văn Đức',
    birthDate: '1985-11-02',
    address: 'Số 45 đường Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh',
  },
  {
    idNumber: '048201009876',
    fullName: 'Lê Hoàng Phương Thảo',
    birthDate: '2001-07-24',
    address: 'Số 8 đường Bạch Đằng, Phường Hải Châu, Thành phố Đà Nẵng',
  },
].map((c) => ({ ...c, fullName: c.fullName.normalize('NFC'), address: c.address.normalize('NFC') }));

export function findTestCitizen(idNumber: string): TestCitizen | null {
  return testCitizens.find((c) => c.idNumber === idNumber) ?? null;
}

/**
 * The claims the development provider releases, by scope. `so_dinh_danh` is this project's
 * name for the identity number; the real VNeID claim names are unverified, which is why the
 * relying party reads them through MOTCUA_EID_CLAIMS.
 */
export const devEidScopes = {
  openid: ['sub'],
  profile: ['name', 'birthdate'],
  address: ['address'],
  cccd: ['so_dinh_danh'],
} as const;

export function claimsOf(citizen: TestCitizen) {
  return {
    sub: citizen.idNumber,
    name: citizen.fullName,
    birthdate: citizen.birthDate,
    address: { formatted: citizen.address, country: 'VN' },
    so_dinh_danh: citizen.idNumber,
  };
}
