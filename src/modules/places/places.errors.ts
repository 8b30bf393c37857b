import { defineErrors } from '#platform/errors.ts';

export const PlacesErrors = defineErrors({
  PROVINCE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tỉnh, thành phố', en: 'Province not found' },
  AGENCY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cơ quan', en: 'Agency not found' },
});
