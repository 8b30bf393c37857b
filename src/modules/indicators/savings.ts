import type { Sql } from '#platform/db.ts';
import { parameterReads } from './indicators.repository.ts';

/**
 * The savings estimate (ước tính lợi ích): citizen trips and hours avoided by online and
 * boundary-free dossiers, and paper saved. Parameters are data — defaults below, each with its
 * basis, overridable by an administrator (table indicator_parameters, newest effective row wins).
 * They are assumptions [R], not measurements: the screen says so and shows them.
 */
export const SAVINGS_DEFAULTS = {
  tripsPerDossier: { value: 2, unit: 'lượt', source: 'Một lượt nộp và một lượt nhận kết quả tại Bộ phận Một cửa; giả định' },
  hoursPerTrip: { value: 1.5, unit: 'giờ', source: 'Đi lại và chờ tại Bộ phận Một cửa; giả định, chưa khảo sát' },
  boundaryFreeHours: {
    value: 2,
    unit: 'giờ',
    source: 'Đi lại về nơi cư trú được tránh nhờ tiếp nhận không phụ thuộc địa giới hành chính; giả định',
  },
  sheetsPerDossier: { value: 8, unit: 'tờ A4', source: 'Tờ khai, bản sao giấy tờ và phiếu (Mẫu 01) của một hồ sơ giấy; giả định' },
  sheetsPerResult: { value: 1, unit: 'tờ A4', source: 'Bản giấy của kết quả thay bằng kết quả điện tử có chữ ký số; giả định' },
} as const;
export type SavingsKey = keyof typeof SAVINGS_DEFAULTS;

export async function savingsParameters(tx: Sql, on: string) {
  const overrides = await parameterReads.current(tx, on);
  return Object.fromEntries(
    (Object.keys(SAVINGS_DEFAULTS) as SavingsKey[]).map((k) => {
      const o = overrides.get(k);
      const d = SAVINGS_DEFAULTS[k];
      return [k, o ? { value: o.value, unit: o.unit, source: o.source, effectiveFrom: o.effectiveFrom } : { ...d, effectiveFrom: null }];
    }),
  ) as Record<SavingsKey, { value: number; unit: string; source: string; effectiveFrom: string | null }>;
}

export function estimateSavings(
  p: Record<SavingsKey, { value: number }>,
  figures: { receivedOnline: number; boundaryFree: number; eResult: number },
) {
  const trips = figures.receivedOnline * p.tripsPerDossier.value;
  return {
    tripsAvoided: Math.round(trips),
    hoursAvoided: Math.round(trips * p.hoursPerTrip.value + figures.boundaryFree * p.boundaryFreeHours.value),
    sheetsSaved: Math.round(figures.receivedOnline * p.sheetsPerDossier.value + figures.eResult * p.sheetsPerResult.value),
    method:
      'lượt = hồ sơ trực tuyến × lượt/hồ sơ; giờ = lượt × giờ/lượt + hồ sơ tiếp nhận không phụ thuộc địa giới × giờ tránh được; ' +
      'giấy = hồ sơ trực tuyến × tờ/hồ sơ + kết quả điện tử × tờ/kết quả',
  };
}
